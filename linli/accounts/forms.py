from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.core.roles import Role
from linli.regions.models import Region


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    error_messages = {
        # One message for an unknown user and a wrong password alike.
        "invalid_login": _("The username or password is not correct."),
        "inactive": _("The username or password is not correct."),
    }


class RegionCodeField(forms.CharField):
    """A region given by its code; blank means national (administrators only)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "region-codes", "inputmode": "numeric"})

    def clean(self, value: Any) -> Region | None:  # type: ignore[override]
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(
                _("There is no region with the code %(code)s."), params={"code": code}
            )
        return region


class UserForm(StyledForm):
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    region = RegionCodeField(
        label=_("Region code"),
        help_text=_(
            "6 digits for a district, 9 for a street or town, 12 for a community. "
            "Leave blank only for a national administrator."
        ),
    )


class UserCreateForm(UserForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=60,
        regex=r"^[A-Za-z0-9_.\-]{3,60}$",
        error_messages={"invalid": _("Use 3 to 60 letters, digits, dots, dashes or underscores.")},
    )
    field_order = ["username", "full_name", "role", "region"]


class UserEditForm(UserForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TokenForm(StyledForm):
    name = forms.CharField(
        label=_("Token name"), max_length=80, help_text=_("What the token is for, e.g. 社区云对接.")
    )


class StyledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page states the policy once in plain words; Django's list of every validator
        # repeats it at length.
        self.fields["new_password1"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

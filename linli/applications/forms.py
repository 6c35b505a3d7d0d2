from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.orgs.choices import Category
from linli.orgs.forms import OrganizationForm


class ApplicationForm(OrganizationForm):
    """What the applicant fills: the organization, and its responsible person."""

    responsible_name = forms.CharField(label=_("Responsible person"), max_length=60, required=False)
    responsible_id_number = forms.CharField(
        label=_("Responsible person's ID number"),
        max_length=18,
        required=False,
        help_text=_("Kept encrypted; reviewers see it masked."),
    )
    responsible_phone = forms.CharField(
        label=_("Responsible person's mobile"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    responsible_is_party_member = forms.BooleanField(
        label=_("The responsible person is a party member"), required=False
    )

    field_order = [
        "name", "region", "category", "tags", "member_count", "business_scope",
        "activity_time", "activity_place", "responsible_name", "responsible_id_number",
        "responsible_phone", "responsible_is_party_member",
    ]  # fmt: skip

    def __init__(
        self, *args: object, kind: str = "filing", registered: bool = False, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        del self.fields["tier"]
        if kind != "registration" and not registered:
            for name in ("legal_form", "credit_code", "hub_type", "supervisory_unit"):
                del self.fields[name]
        category = cast(forms.ChoiceField, self.fields["category"])
        category.required = False
        category.choices = [("", _("Suggest from the name")), *Category.choices]
        category.help_text = _(
            "Suggested from the name and activity content; change it if it is wrong."
        )
        category.widget.attrs["data-suggest-label"] = _("Suggestion")
        self.fields["name"].widget.attrs["data-classify"] = "name"
        self.fields["business_scope"].widget.attrs["data-classify"] = "scope"


class DecisionForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SubmitForm(forms.Form):
    commitment = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttachmentForm(StyledForm):
    material = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(label=_("File"))


class ClosureForm(StyledForm):
    explanation = forms.CharField(
        label=_("Why the organization is closing"), widget=forms.Textarea(attrs={"rows": 4})
    )

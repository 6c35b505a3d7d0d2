from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.regions.choices import CommunityKind


class CommunityForm(StyledForm):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("e.g. 天平路第一居委会 or 红星村村委会")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=CommunityKind.choices)


class CommunityCreateForm(CommunityForm):
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^\d{12}$",
        required=False,
        help_text=_("12 digits. Leave blank to take the next free code."),
        error_messages={"invalid": _("A community code has exactly 12 digits.")},
    )


class CommunityEditForm(CommunityForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

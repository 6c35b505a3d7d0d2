from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.orgs.choices import SocialWorkerLevel
from linli.talent.models import TrainingMode


class TrainingForm(StyledForm):
    course = forms.CharField(label=_("Course"), max_length=120)
    provider = forms.CharField(label=_("Given by"), max_length=120, required=False)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal(0), max_value=Decimal(200), decimal_places=1
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=TrainingMode.choices)


class TalentForm(StyledForm):
    region = forms.CharField(
        label=_("Community code"),
        max_length=12,
        help_text=_(
            "12 digits; a street's 9 digits for a post at the street's social-work station."
        ),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    phone = forms.CharField(label=_("Mobile"), max_length=11, required=False)
    social_worker_level = forms.ChoiceField(
        label=_("Certified social worker"), choices=SocialWorkerLevel.choices, required=False
    )
    post = forms.CharField(label=_("Post"), max_length=60)
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))

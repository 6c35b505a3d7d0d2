from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.orgs.choices import Category
from linli.orgs.filtersets import TAG_CHOICES
from linli.relabel.models import DEFAULT_THRESHOLD
from linli.relabel.services import MIN_THRESHOLD


class RunForm(StyledForm):
    region = forms.CharField(
        label=_("Region code"),
        max_length=12,
        help_text=_("A district (6 digits), street/town (9) or community (12) in your area."),
    )
    threshold = forms.FloatField(
        label=_("Confidence threshold"),
        min_value=MIN_THRESHOLD,
        max_value=1.0,
        initial=DEFAULT_THRESHOLD,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
        help_text=_(
            "Suggestions at least this confident are applied at once; the rest wait for a person."
        ),
    )
    tags_too = forms.BooleanField(label=_("Add suggested tags too"), required=False, initial=True)


class CorrectForm(StyledForm):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    tags = forms.MultipleChoiceField(
        label=_("Service-field tags"),
        choices=TAG_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReportForm(StyledForm):
    region = forms.CharField(label=_("Region code"), max_length=12, required=False)

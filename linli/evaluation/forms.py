from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm

GRADES = [(g, f"{g}A") for g in range(5, 0, -1)]


class GradeForm(StyledForm):
    grade = forms.TypedChoiceField(label=_("Grade"), choices=GRADES, coerce=int)
    awarded_on = forms.DateField(
        label=_("Awarded on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave empty for five years."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evaluator = forms.CharField(label=_("Evaluated by"), max_length=120, required=False)

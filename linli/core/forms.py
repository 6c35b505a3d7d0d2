from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.choices import AuditEventType


class StyledForm(forms.Form):
    """Adds Bootstrap's classes to every widget, so templates render fields uniformly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue  # styled by .check-grid (the class would land on the container too)
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class AuditFilterForm(StyledForm):
    event_type = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *AuditEventType.choices]
    )
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm


class LedgerUploadForm(StyledForm):
    file = forms.FileField(
        label=_("Ledger file (.xlsx)"),
        help_text=_("Excel workbook made from the template, at most 10 MB and 50,000 rows."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class FullExportForm(StyledForm):
    purpose = forms.CharField(
        label=_("Purpose"),
        min_length=2,
        max_length=200,
        help_text=_("Why you need the full ID numbers and phones; it is written to the audit log."),
    )

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm


class TargetForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    orgs_per_urban_community = forms.DecimalField(
        label=_("Organizations per urban community"), min_value=Decimal(0), decimal_places=1
    )
    orgs_per_rural_community = forms.DecimalField(
        label=_("Organizations per rural community"), min_value=Decimal(0), decimal_places=1
    )
    talents_per_urban_community = forms.IntegerField(
        label=_("Social-work talents per urban community"), min_value=0, max_value=100
    )
    talents_per_rural_community = forms.IntegerField(
        label=_("Social-work talents per rural community"), min_value=0, max_value=100
    )
    grade_3a_share = forms.DecimalField(
        label=_("Share graded 3A and above (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=1,
    )

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.core.forms import StyledForm
from linli.orgs.choices import Category, HubType, LegalForm, PartyBuilding, PersonRole, Tier
from linli.orgs.filtersets import TAG_CHOICES


class OrganizationForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    tags = forms.MultipleChoiceField(
        label=_("Service-field tags"),
        choices=TAG_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.CharField(
        label=_("Region code"),
        max_length=12,
        help_text=_("The community (12 digits) or street/town (9 digits) where it is active."),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=[("", "—"), *LegalForm.choices], required=False
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    hub_type = forms.ChoiceField(label=_("Hub type"), choices=HubType.choices, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    founded_on = forms.DateField(
        label=_("Founded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    member_count = forms.IntegerField(label=_("Members"), min_value=0, initial=0)
    business_scope = forms.CharField(
        label=_("Business scope or activity content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    activity_time = forms.CharField(
        label=_("Regular activity time"), max_length=100, required=False
    )
    activity_place = forms.CharField(
        label=_("Regular activity place"), max_length=200, required=False
    )
    supervisory_unit = forms.CharField(label=_("Supervisory unit"), max_length=200, required=False)
    party_building = forms.ChoiceField(label=_("Party building"), choices=PartyBuilding.choices)
    party_member_count = forms.IntegerField(label=_("Party members"), min_value=0, initial=0)
    charter = forms.CharField(
        label=_("Charter"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PersonRoleForm(StyledForm):
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    phone = forms.CharField(label=_("Mobile"), max_length=16, required=False)
    is_party_member = forms.BooleanField(label=_("Party member"), required=False)
    is_community_representative = forms.BooleanField(
        label=_("Community representative"), required=False
    )


class HonourForm(StyledForm):
    title = forms.CharField(label=_("Honour"), max_length=200)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=200, required=False)
    awarded_on = forms.DateField(
        label=_("Awarded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

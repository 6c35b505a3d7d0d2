"""One FilterSet for organizations: the HTML list, the export and the API use it alike."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from linli.classify.vocabulary import TAGS
from linli.core.forms import FastDateInput, FastSelect, FastTextInput
from linli.core.scoping import subtree_q
from linli.orgs.choices import Category, OrgStatus, PartyBuilding, Tier
from linli.orgs.models import Organization
from linli.orgs.search import apply_search
from linli.regions.models import Region

TAG_CHOICES = [(tag.code, tag.name) for tag in TAGS]


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    tier = django_filters.ChoiceFilter(empty_label=_("All"), label=_("Tier"), choices=Tier.choices)
    category = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("Category"), choices=Category.choices
    )
    tag = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("Tag"), choices=TAG_CHOICES, method="with_tag"
    )
    status = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("Status"), choices=OrgStatus.choices
    )
    party_building = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("Party building"), choices=PartyBuilding.choices
    )
    region = django_filters.CharFilter(label=_("Region code"), method="within_region")
    grade = django_filters.ChoiceFilter(
        empty_label=_("All"),
        label=_("Grade"),
        choices=[("3a", _("3A and above, valid")), ("graded", _("Any valid grade"))],
        method="with_grade",
    )
    leader_training = django_filters.ChoiceFilter(
        empty_label=_("All"),
        label=_("Leader training"),
        choices=[
            ("trained", _("Trained in the last 5 years")),
            ("untrained", _("Not trained in the last 5 years")),
        ],
        method="with_leader_training",
    )
    founded_from = django_filters.DateFilter(
        label=_("Founded from"), field_name="founded_on", lookup_expr="gte"
    )
    founded_to = django_filters.DateFilter(
        label=_("Founded to"), field_name="founded_on", lookup_expr="lte"
    )

    _form_class: type[forms.Form] | None = None

    class Meta:
        model = Organization
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return apply_search(queryset, value)

    def with_tag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(tags__tag=value)

    def with_grade(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from linli.evaluation.selectors import valid_grade_filter

        return queryset.filter(valid_grade_filter(min_grade=3 if value == "3a" else 1))

    def with_leader_training(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from linli.talent.selectors import leader_training_filter

        return queryset.filter(leader_training_filter(trained=value == "trained"))

    def within_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The scope has already been applied; this only narrows further (never widens).
        region = Region.objects.filter(code=value.strip()).only("path").first()
        if region is None:
            return queryset.none()
        return queryset.filter(subtree_q("region_path", region.path))

    def get_form_class(self) -> type[forms.Form]:
        # The filters never depend on the request, so the form class (its fields, their widgets
        # and classes) is built once per process instead of on every list request.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            _style(form_class.base_fields)
            cls._form_class = form_class
        return form_class  # type: ignore[no-any-return]


def _style(fields: dict[str, forms.Field]) -> None:
    for field in fields.values():
        if type(field.widget) is forms.Select:
            field.widget = FastSelect(choices=field.choices)  # type: ignore[attr-defined]
        elif type(field.widget) is forms.TextInput:
            field.widget = FastTextInput(attrs=field.widget.attrs)
        elif type(field.widget) is forms.DateInput:
            field.widget = FastDateInput(attrs=field.widget.attrs)
        is_select = isinstance(field.widget, forms.Select)
        field.widget.attrs["class"] = (
            "form-select form-select-sm" if is_select else "form-control form-control-sm"
        )
    fields["founded_from"].widget.input_type = "date"  # type: ignore[attr-defined]
    fields["founded_to"].widget.input_type = "date"  # type: ignore[attr-defined]

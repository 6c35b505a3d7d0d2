"""What other apps add to the registry's pages and list: registered in their ``AppConfig.ready``.

The registry stands below the apps that hold facts about an organization (its activities,
applications, grades, leaders' trainings): they import the registry, so the registry does not
import them. Its pages still show those facts and its list filters by some of them. Each such app
registers here what it adds, the way Django's admin takes ``admin.site.register``:

- ``page_facts``: what the organization's page shows of it (context for the template);
- ``people_forms``: a form on the organization's people page, with the service that records it;
- ``list_filters``: how the registry list's filter of that name narrows the organizations.

A new capability (complaints, evaluation rounds, support, incubation …) adds its part of the
organization page the same way, and the registry does not grow an import for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.functional import Promise

from linli.core.scoping import Scope

PageFacts = Callable[[Scope, Any], dict[str, Any]]  # (scope, organization) -> template context


@dataclass(frozen=True)
class PeopleForm:
    """A form on the organization's people page that another app records."""

    button: str  # the submit button's name, "add_training"; the template's form is "training_form"
    form_class: type[forms.Form]
    record: Callable[..., object]  # record(actor=…, org_id=…, **cleaned_data)
    done: str | Promise  # the message after recording
    context: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})

    @property
    def context_name(self) -> str:
        return f"{self.button.removeprefix('add_')}_form"


@dataclass
class Extensions:
    page_facts: dict[str, PageFacts] = field(default_factory=dict)
    people_forms: dict[str, PeopleForm] = field(default_factory=dict)
    list_filters: dict[str, Callable[[str], Q]] = field(default_factory=dict)


registered = Extensions()


def add_page_facts(name: str, facts: PageFacts) -> None:
    registered.page_facts[name] = facts


def add_people_form(form: PeopleForm) -> None:
    registered.people_forms[form.button] = form


def add_list_filter(name: str, narrowing: Callable[[str], Q]) -> None:
    """``narrowing(value)`` is the condition for the list filter ``name`` set to ``value``."""
    registered.list_filters[name] = narrowing


def page_facts(scope: Scope, org: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for facts in registered.page_facts.values():
        context.update(facts(scope, org))
    return context


def list_filter(name: str, value: str) -> Q:
    narrowing = registered.list_filters.get(name)
    if narrowing is None:
        raise LookupError(f"no app registered the registry list filter {name!r}")
    return narrowing(value)

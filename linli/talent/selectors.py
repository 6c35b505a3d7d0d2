"""Reads of leader training and social-work talent, always through the jurisdiction scope."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from linli.core.scoping import Scope, subtree_q
from linli.orgs.choices import PersonRole
from linli.orgs.models import Membership
from linli.regions.models import Region
from linli.regions.selectors import rollup_codes
from linli.talent.models import LeaderTraining, SocialWorkTalent

TRAINING_YEARS = 5


def training_cutoff(day: date) -> date:
    """Trainings on or after this day count (a rolling five years)."""
    try:
        return day.replace(year=day.year - TRAINING_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year - TRAINING_YEARS, day=28)


def trained_recently(day: date) -> Exists:
    """The person of the outer row (``person``) attended a training in the five years to ``day``."""
    return Exists(
        LeaderTraining.objects.filter(
            person=OuterRef("person"), held_on__gte=training_cutoff(day), held_on__lte=day
        )
    )


def leader_training_filter(*, trained: bool, day: date | None = None) -> Q:
    """Organizations whose current responsible person was (not) trained in the last 5 years;
    "not" means: has a responsible person, none of them trained (the indicator's rule)."""
    day = day or timezone.localdate()
    leaders = Membership.objects.filter(
        organization=OuterRef("pk"), role=PersonRole.RESPONSIBLE, ended_on__isnull=True
    )
    trained_leaders = Exists(leaders.filter(trained_recently(day)))
    if trained:
        return Q(trained_leaders)
    return Q(Exists(leaders)) & ~Q(trained_leaders)


def talent_list(*, user: Any, region_code: str = "", certified: str = "") -> QuerySet:
    """Current social-work talent posts in the user's jurisdiction, optionally narrowed."""
    posts = (
        SocialWorkTalent.objects.restrict(user)
        .current()
        .select_related("person", "region")
        .order_by("region_path", "id")
    )
    if region_code:
        region = Region.objects.filter(code=region_code.strip()).only("path").first()
        if region is None:
            return posts.none()
        posts = posts.filter(subtree_q("region_path", region.path))
    if certified == "yes":
        posts = posts.exclude(person__social_worker_level="")
    elif certified == "no":
        posts = posts.filter(person__social_worker_level="")
    return posts


def talent_count(*, user: Any, region_code: str = "", certified: str = "") -> int:
    """How many posts ``talent_list`` holds, read from the indicator rollup (the dashboard's own
    numbers, kept current with every change): counting a country's posts took 150 ms a page."""
    from linli.stats.reads import indicator_rows

    codes = rollup_codes(user=user, region_code=region_code.strip())
    if not codes:
        return 0  # an unknown region, one outside the jurisdiction, or no jurisdiction
    rows = indicator_rows(Scope.of(user), codes).values()
    talents = sum(row["talents"] for row in rows)
    certified_talents = sum(row["certified_talents"] for row in rows)
    if certified == "yes":
        return certified_talents
    if certified == "no":
        return talents - certified_talents
    return talents


def trainings_of(person_id: int) -> QuerySet:
    return LeaderTraining.objects.filter(person_id=person_id).order_by("-held_on")

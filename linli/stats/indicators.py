"""The indicator rollup: talent, training, grades and per-community attainment for every region.

Each fact lives at one region node (a community for teams, groups and social-work talents; a
street for registered organizations). ``indicators_refresh`` recounts the facts of the nodes a
write touched, straight from the registry, and adds the difference to the node and every ancestor,
in the caller's transaction. ``indicators_rebuild`` recounts everything; it also runs nightly,
because two facts change with the calendar alone: a training older than five years stops counting
and a grade expires.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, Q, Sum
from django.db.models.functions import Coalesce, Length
from django.utils import timezone

from linli.core.scoping import Scope, subtree_q
from linli.evaluation.models import GradeEvaluation
from linli.orgs.choices import OrgStatus, PersonRole, Tier
from linli.orgs.models import Membership, Organization
from linli.regions.choices import CommunityKind, RegionLevel
from linli.regions.models import Region
from linli.stats.models import INDICATOR_FIELDS, IndicatorRollup
from linli.stats.targets import TargetResolver, Targets
from linli.talent.models import SocialWorkTalent
from linli.talent.selectors import trained_recently

# The indicator rollup is kept for every region, whoever's write touched it.
RECOUNT = Scope.whole_country("indicator rollup recount")

BATCH = 5000


def _prefixes(path: str) -> list[tuple[str, str, int]]:
    codes = [c for c in path.split("/") if c]
    return [(code, "/".join(codes[: i + 1]) + "/", i + 1) for i, code in enumerate(codes)]


# --- what one node holds -------------------------------------------------------------------


def _active_orgs(path_q: Q) -> Any:
    return Organization.objects.filter(path_q, status=OrgStatus.ACTIVE)


def _leader_orgs(day: date) -> tuple[Any, Any]:
    """Current responsible-person roles, and those of people trained in the window."""
    leaders = Membership.objects.current().filter(
        role=PersonRole.RESPONSIBLE, organization__status=OrgStatus.ACTIVE
    )
    return leaders, leaders.filter(trained_recently(day))


def _grades(day: date) -> Any:

    return (
        GradeEvaluation.objects.valid_on(day)
        .filter(organization__status=OrgStatus.ACTIVE, organization__tier=Tier.REGISTERED)
        .values("organization_id", "organization__region_path")
        .annotate(best=Max("grade"))
        .order_by()
    )


def own_values(node: Region, day: date, targets: Targets) -> dict[str, int]:
    """The facts that live at this node itself (not below it), counted from the registry."""

    path = node.path
    values = dict.fromkeys(INDICATOR_FIELDS, 0)
    leaders, trained = _leader_orgs(day)
    values["orgs_with_leader"] = (
        leaders.filter(organization__region_path=path).values("organization_id").distinct().count()
    )
    values["orgs_with_trained_leader"] = (
        trained.filter(organization__region_path=path).values("organization_id").distinct().count()
    )
    roles = Membership.objects.current().filter(
        organization__region_path=path, organization__status=OrgStatus.ACTIVE
    )
    values["roles"] = roles.count()
    values["certified_roles"] = roles.exclude(person__social_worker_level="").count()
    grades = [g["best"] for g in _grades(day).filter(organization__region_path=path)]
    values["graded"] = len(grades)
    values["graded_3a"] = sum(1 for g in grades if g >= 3)
    talents = SocialWorkTalent.objects.current().filter(region_path=path)
    values["talents"] = talents.count()
    values["certified_talents"] = talents.exclude(person__social_worker_level="").count()
    if node.level == RegionLevel.COMMUNITY and node.is_active:
        orgs = _active_orgs(Q(region_path=path)).count()
        _community_facts(values, node.kind, orgs, targets)
    return values


def _community_facts(values: dict[str, int], kind: str, orgs: int, targets: Targets) -> None:
    urban = kind == CommunityKind.URBAN
    values["urban_communities" if urban else "rural_communities"] = 1
    values["urban_community_orgs" if urban else "rural_community_orgs"] = orgs
    org_target = targets.urban if urban else targets.rural
    talent_target = targets.talents_urban if urban else targets.talents_rural
    values["communities_below_org_target"] = int(Decimal(orgs) < org_target)
    values["communities_below_talent_target"] = int(values["talents"] < talent_target)


# --- keeping rows current ------------------------------------------------------------------


def _stored_own(node: Region) -> dict[str, int]:
    """What the rollup currently credits to the node itself: its row minus its children's rows."""
    row = IndicatorRollup.objects.filter(region_code=node.code).values(*INDICATOR_FIELDS).first()
    if row is None:
        return dict.fromkeys(INDICATOR_FIELDS, 0)
    if node.level == RegionLevel.COMMUNITY:
        return row
    below = IndicatorRollup.objects.filter(subtree_q("path", node.path), depth=node.depth + 1)
    sums = below.aggregate(
        **{f: Coalesce(Sum(f), 0, output_field=IntegerField()) for f in INDICATOR_FIELDS}
    )
    return {f: row[f] - sums[f] for f in INDICATOR_FIELDS}


def _add(path: str, delta: dict[str, int]) -> None:
    changes = {f: d for f, d in delta.items() if d}
    if not changes:
        return
    for code, prefix, depth in _prefixes(path):
        updated = IndicatorRollup.objects.filter(region_code=code).update(
            **{f: F(f) + d for f, d in changes.items()}
        )
        if not updated:
            IndicatorRollup.objects.create(region_code=code, path=prefix, depth=depth, **changes)


def indicators_refresh(paths: Iterable[str], day: date | None = None) -> None:
    """Recount the facts of these region nodes and carry the differences up the tree."""
    day = day or timezone.localdate()
    codes = {p.rstrip("/").rsplit("/", 1)[-1] for p in paths if p}
    if not codes:
        return
    resolve = TargetResolver(RECOUNT, day.year)
    with transaction.atomic():
        for node in Region.objects.filter(code__in=codes).order_by("path"):
            new = own_values(node, day, resolve(node.path))
            old = _stored_own(node)
            _add(node.path, {f: new[f] - old[f] for f in INDICATOR_FIELDS})


# --- rebuilding everything ------------------------------------------------------------------


def _counts_by_path(queryset: Any, path_field: str, distinct_field: str | None = None) -> Counter:
    if distinct_field:
        queryset = queryset.values(path_field, distinct_field).distinct()
        counts: Counter[str] = Counter()
        for row in queryset.iterator(chunk_size=BATCH):
            counts[row[path_field]] += 1
        return counts
    rows = queryset.values(path_field).annotate(n=Count("pk")).order_by()
    rows = rows.values_list(path_field, "n")
    return Counter(dict(rows))


def own_values_everywhere(day: date) -> dict[str, dict[str, int]]:
    """``own_values`` for every node at once, by a handful of grouped queries."""

    own: defaultdict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(INDICATOR_FIELDS, 0))
    leaders, trained = _leader_orgs(day)
    org_path = "organization__region_path"
    for field, counts in (
        ("orgs_with_leader", _counts_by_path(leaders, org_path, "organization_id")),
        ("orgs_with_trained_leader", _counts_by_path(trained, org_path, "organization_id")),
    ):
        for path, n in counts.items():
            own[path][field] = n
    roles = Membership.objects.current().filter(organization__status=OrgStatus.ACTIVE)
    for path, n in _counts_by_path(roles, org_path).items():
        own[path]["roles"] = n
    certified = roles.exclude(person__social_worker_level="")
    for path, n in _counts_by_path(certified, org_path).items():
        own[path]["certified_roles"] = n
    for row in _grades(day).iterator(chunk_size=BATCH):
        values = own[row["organization__region_path"]]
        values["graded"] += 1
        values["graded_3a"] += int(row["best"] >= 3)
    talents = SocialWorkTalent.objects.current()
    for path, n in _counts_by_path(talents, "region_path").items():
        own[path]["talents"] = n
    for path, n in _counts_by_path(
        talents.exclude(person__social_worker_level=""), "region_path"
    ).items():
        own[path]["certified_talents"] = n
    community_orgs = _counts_by_path(
        _active_orgs(Q(region__level=RegionLevel.COMMUNITY)), "region_path"
    )
    resolve = TargetResolver(RECOUNT, day.year)
    communities = Region.objects.filter(level=RegionLevel.COMMUNITY, is_active=True).values_list(
        "path", "kind"
    )
    for path, kind in communities.iterator(chunk_size=BATCH):
        _community_facts(own[path], kind, community_orgs.get(path, 0), resolve(path))
    return own


@transaction.atomic
def indicators_rebuild(day: date | None = None) -> int:
    """Recount every indicator from the registry and replace the rollup; returns the row count."""
    day = day or timezone.localdate()
    totals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for path, values in own_values_everywhere(day).items():
        for code, _prefix, _depth in _prefixes(path):
            totals[code].update({f: v for f, v in values.items() if v})
    # Every region's path, read whole: nationally ``totals`` holds some 660,000 codes, past the
    # 65,535 parameters one statement may carry.
    paths = dict(Region.objects.values_list("code", "path").iterator(chunk_size=BATCH))
    IndicatorRollup.objects.all().delete()
    rows = [
        IndicatorRollup(region_code=code, path=paths[code], depth=paths[code].count("/"), **values)
        for code, values in totals.items()
        if code in paths
    ]
    IndicatorRollup.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def indicators_retarget(region: Region, day: date | None = None) -> int:
    """After targets change: re-decide "below target" for every community under the region from
    the counts already in the rollup, and carry the differences up. Returns communities changed."""

    day = day or timezone.localdate()
    resolve = TargetResolver(RECOUNT, day.year)
    deltas: defaultdict[str, Counter[str]] = defaultdict(Counter)
    changed = 0
    rows = (
        IndicatorRollup.objects.filter(RECOUNT.narrow(region.path).q("path"))
        .alias(code_length=Length("region_code"))
        .filter(code_length=12)
        .values(
            "path",
            "urban_communities",
            "rural_communities",
            "urban_community_orgs",
            "rural_community_orgs",
            "talents",
            "communities_below_org_target",
            "communities_below_talent_target",
        )
    )
    for row in rows.iterator(chunk_size=BATCH):
        if not (row["urban_communities"] or row["rural_communities"]):
            continue
        values = dict.fromkeys(INDICATOR_FIELDS, 0)
        values["talents"] = row["talents"]
        kind = CommunityKind.URBAN if row["urban_communities"] else CommunityKind.RURAL
        orgs = row["urban_community_orgs"] + row["rural_community_orgs"]
        _community_facts(values, kind, orgs, resolve(row["path"]))
        delta = {
            f: values[f] - row[f]
            for f in ("communities_below_org_target", "communities_below_talent_target")
            if values[f] != row[f]
        }
        if delta:
            changed += 1
            for code, _prefix, _depth in _prefixes(row["path"]):
                deltas[code].update(delta)
    for code, delta in deltas.items():
        IndicatorRollup.objects.filter(region_code=code).update(
            **{f: F(f) + d for f, d in delta.items() if d}
        )
    return changed

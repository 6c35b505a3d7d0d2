"""Keeping the rollups current, and rebuilding them from the registry."""

from __future__ import annotations

import contextvars
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from linli.core import audit
from linli.core.choices import AuditEventType
from linli.core.errors import DomainError
from linli.core.scoping import Scope, ensure_in_scope
from linli.orgs.facts import RollupKey, key_of
from linli.regions.choices import RegionLevel
from linli.stats import reads
from linli.stats.indicators import indicators_rebuild, indicators_refresh, indicators_retarget
from linli.stats.models import INDICATOR_FIELDS, MonthlyRollup, OrgRollup, Target
from linli.stats.rebuild import rebuild_counts, rebuild_months

__all__ = ["RollupKey", "key_of"]  # what the rollups know of an organization, from orgs

BATCH = 5000


def _prefixes(path: str) -> list[tuple[str, str, int]]:
    """(code, path, depth) for the region and each ancestor, from its materialised path."""
    codes = [c for c in path.split("/") if c]
    return [(code, "/".join(codes[: i + 1]) + "/", i + 1) for i, code in enumerate(codes)]


def _add_count(key: RollupKey, delta: int) -> None:
    for code, path, depth in _prefixes(key.path):
        lookup = {
            "region_code": code,
            "tier": key.tier,
            "category": key.category,
            "status": key.status,
            "party": key.party,
        }
        if not OrgRollup.objects.filter(**lookup).update(count=F("count") + delta):
            OrgRollup.objects.create(path=path, depth=depth, count=delta, **lookup)


def _add_month(path: str, tier: str, month: str, field: str, delta: int) -> None:
    if not month:
        return
    for code, prefix, _depth in _prefixes(path):
        lookup = {"region_code": code, "month": month, "tier": tier}
        if not MonthlyRollup.objects.filter(**lookup).update(**{field: F(field) + delta}):
            MonthlyRollup.objects.create(path=prefix, **lookup, **{field: delta})


def _indicator_key(key: RollupKey) -> tuple[str, str, str]:
    """What the indicator rollup depends on: where, which tier, active or not (not category)."""
    return (key.path, key.tier, key.status)


def _as_count_key(key: RollupKey) -> tuple[str, str, str, str, bool]:
    return (key.path, key.tier, key.category, key.status, key.party)


_pending: contextvars.ContextVar[Counter[tuple[str, Any]] | None] = contextvars.ContextVar(
    "linli_pending_rollups", default=None
)


@contextmanager
def deferred_rollups() -> Iterator[None]:
    """Collect rollup changes and apply them summed at the end (use inside the transaction of a
    bulk operation such as a ledger import: a few dozen updates instead of several per row)."""
    pending: Counter[tuple[str, Any]] = Counter()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    touched = [key for (kind, key) in pending if kind == "node"]
    for (kind, key), delta in pending.items():
        if delta == 0 or kind == "node":
            continue
        if kind == "count":
            _add_count(key, delta)
        else:
            path, tier, month, field = key
            _add_month(path, tier, month, field, delta)
    _refresh(touched)


def _refresh(paths: list[str]) -> None:

    indicators_refresh(paths)


def indicators_touch(*paths: str) -> None:
    """Something at these region nodes changed that the indicator rollup counts (a role, a
    training, a grade, a talent post): recount them now, or at the end of a deferred batch."""
    pending = _pending.get()
    if pending is None:
        _refresh([p for p in paths if p])
    else:
        for path in paths:
            if path:
                pending[("node", path)] += 1


def _apply_count(key: RollupKey, delta: int) -> None:
    pending = _pending.get()
    if pending is None:
        _add_count(key, delta)
    else:
        pending[("count", replace(key, opened="", closed=""))] += delta


def _apply_month(path: str, tier: str, month: str, field: str, delta: int) -> None:
    pending = _pending.get()
    if pending is None:
        _add_month(path, tier, month, field, delta)
    elif month:
        pending[("month", (path, tier, month, field))] += delta


def rollup_shift(old: RollupKey | None, new: RollupKey | None) -> None:
    """An organization appeared (old None), changed, or disappeared (new None).

    Called by the registry services (through linli.core.rollups) inside their transaction, so
    counts and registry commit together (or, under ``deferred_rollups``, at the end of the same
    transaction)."""
    if old == new:
        return
    if old is None or new is None or _as_count_key(old) != _as_count_key(new):
        if old is not None:
            _apply_count(old, -1)
        if new is not None:
            _apply_count(new, +1)
        if old is None or new is None or _indicator_key(old) != _indicator_key(new):
            indicators_touch(*{k.path for k in (old, new) if k is not None})
    for field in ("opened", "closed"):
        before = (old.path, old.tier, getattr(old, field)) if old else None
        after = (new.path, new.tier, getattr(new, field)) if new else None
        if before != after:
            if before:
                _apply_month(*before, field, -1)
            if after:
                _apply_month(*after, field, +1)


class RollupStore:
    """The rollups as the apps below see them (linli.core.rollups; registered by
    StatsConfig.ready): what their writes changed, and the counts their lists show."""

    def organization_changed(self, before: RollupKey | None, after: RollupKey | None) -> None:
        rollup_shift(before, after)

    def places_touched(self, paths: tuple[str, ...]) -> None:
        indicators_touch(*paths)

    def organization_count(self, scope: Scope, codes: list[str], **wanted: str) -> int:
        return reads.rollup_count(scope, codes, **wanted)

    def indicator_totals(self, scope: Scope, codes: list[str]) -> dict[str, int]:
        totals = dict.fromkeys(INDICATOR_FIELDS, 0)
        for row in reads.indicator_rows(scope, codes).values():
            for field, value in row.items():
                totals[field] += value
        return totals


@transaction.atomic
def rollup_rebuild() -> int:
    """Recount everything from the registry (after bulk loads; also a repair); returns the number
    of organization rollup rows."""

    with connection.cursor() as cursor:
        rows = rebuild_counts(cursor)
        rebuild_months(cursor)
    indicators_rebuild()
    if connection.vendor == "postgresql":
        # Millions of rows were replaced: give the planner fresh statistics for the dashboards.
        with connection.cursor() as cursor:
            for table in ("stats_orgrollup", "stats_monthlyrollup", "stats_indicatorrollup"):
                cursor.execute(f"ANALYZE {table}")
    return rows


@transaction.atomic
def targets_set(*, actor: Any, region: Any, year: int, **values: Any) -> Any:
    """Set the targets of a province or city for a year, and re-decide which communities fall
    below them. Only a bureau user whose jurisdiction covers the region may do this."""

    ensure_in_scope(actor, region.path)
    if region.level not in (RegionLevel.PROVINCE, RegionLevel.CITY):
        raise DomainError(_("Targets are set for a province or a city."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Enter a year between 2000 and 2100."))
    if any(v is None or v < 0 for v in values.values()):
        raise DomainError(_("Targets cannot be negative."))
    target, _created = Target.objects.update_or_create(region=region, year=year, defaults=values)
    audit.record(
        AuditEventType.SETTING_CHANGE,
        actor=actor,
        obj=region,
        region_path=region.path,
        detail={"targets": year, **{k: str(v) for k, v in values.items()}},
    )
    indicators_retarget(region)
    return target

"""Keeping the rollups current, and rebuilding them from the registry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F

from linli.stats.models import OrgRollup

BATCH = 5000


@dataclass(frozen=True)
class RollupKey:
    path: str
    tier: str
    category: str
    status: str


def key_of(org: object) -> RollupKey:
    return RollupKey(org.region_path, org.tier, org.category, org.status)  # type: ignore[attr-defined]


def _prefixes(path: str) -> list[tuple[str, str, int]]:
    """(code, path, depth) for the region and each ancestor, from its materialised path."""
    codes = [c for c in path.split("/") if c]
    return [(code, "/".join(codes[: i + 1]) + "/", i + 1) for i, code in enumerate(codes)]


def _add(key: RollupKey, delta: int) -> None:
    for code, path, depth in _prefixes(key.path):
        changed = OrgRollup.objects.filter(
            region_code=code, tier=key.tier, category=key.category, status=key.status
        ).update(count=F("count") + delta)
        if not changed:
            OrgRollup.objects.create(
                region_code=code,
                path=path,
                depth=depth,
                tier=key.tier,
                category=key.category,
                status=key.status,
                count=delta,
            )


def rollup_shift(old: RollupKey | None, new: RollupKey | None) -> None:
    """An organization appeared (old None), changed, or disappeared (new None).

    Called by the registry services inside their transaction, so counts and registry commit
    together."""
    if old == new:
        return
    if old is not None:
        _add(old, -1)
    if new is not None:
        _add(new, +1)


@transaction.atomic
def rollup_rebuild() -> int:
    """Recount everything from the registry (after bulk loads; also a repair)."""
    from linli.orgs.models import Organization

    totals: Counter[tuple[str, str, int, str, str, str]] = Counter()
    rows = (
        Organization.objects.values("region_path", "tier", "category", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows.iterator(chunk_size=BATCH):
        for code, path, depth in _prefixes(row["region_path"]):
            totals[(code, path, depth, row["tier"], row["category"], row["status"])] += row["n"]
    OrgRollup.objects.all().delete()
    OrgRollup.objects.bulk_create(
        [
            OrgRollup(region_code=c, path=p, depth=d, tier=t, category=cat, status=s, count=n)
            for (c, p, d, t, cat, s), n in totals.items()
        ],
        batch_size=BATCH,
    )
    return len(totals)

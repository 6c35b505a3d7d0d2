"""What the statistics rollups know of one organization (see linli.core.changes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linli.orgs.choices import PartyBuilding


@dataclass(frozen=True)
class RollupKey:
    path: str
    tier: str
    category: str
    status: str
    party: bool = False
    opened: str = ""  # month recognised, "2026-11"
    closed: str = ""  # month closed


def _month(day: Any) -> str:
    return f"{day:%Y-%m}" if day else ""


def key_of(org: Any) -> RollupKey:
    return RollupKey(
        org.region_path,
        org.tier,
        org.category,
        org.status,
        org.party_building != PartyBuilding.NONE,
        _month(org.recognised_on),
        _month(org.closed_on),
    )

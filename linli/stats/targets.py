"""Targets per region and year: the nearest one set up the tree applies, else the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from linli.core.scoping import Scope
from linli.regions.models import Region
from linli.stats import reads


@dataclass(frozen=True)
class Targets:
    urban: Decimal  # organizations per urban community (004 一)
    rural: Decimal
    talents_urban: int = 2  # social-work talents per community (001 6)
    talents_rural: int = 1
    grade_3a_share: Decimal = Decimal(24)  # percent of registered organizations (002 五(三))


def default_targets() -> Targets:
    urban, rural = getattr(settings, "DEFAULT_ORG_TARGETS", (12, 7))
    talents_urban, talents_rural = getattr(settings, "DEFAULT_TALENT_TARGETS", (2, 1))
    return Targets(Decimal(urban), Decimal(rural), talents_urban, talents_rural)


# The policies' own figures, used where no Target row has been set for the province.
POLICY_TARGETS: dict[str, tuple[int, Targets]] = {
    # 004 一: ≥ 12 per urban and ≥ 7 per rural community by the end of 2025; 002 五(三): 24 % 3A+.
    "310000/": (2025, Targets(Decimal(12), Decimal(7), 2, 1, Decimal(24))),
    # 001 6: ≥ 2 social-work talents per urban and ≥ 1 per rural community by 2023.
    "460000/": (2023, Targets(Decimal(12), Decimal(7), 2, 1, Decimal(24))),
}


class TargetResolver:
    """Answers "which targets hold here" for many regions with one query.

    For each region of ``scope`` the latest target of ``year`` or before, set on the region or its
    nearest ancestor that has one."""

    def __init__(self, scope: Scope, year: int) -> None:
        self.by_path: dict[str, Targets] = {}
        rows = reads.target_rows(scope, year)
        for path, urban, rural, talents_urban, talents_rural, share in rows:
            # later years overwrite earlier ones
            self.by_path[path] = Targets(urban, rural, talents_urban, talents_rural, share)
        self.default = default_targets()
        for path, (since, targets) in POLICY_TARGETS.items():
            if since <= year:
                self.by_path.setdefault(path, targets)

    def __call__(self, path: str) -> Targets:
        codes = [c for c in path.split("/") if c]
        for i in range(len(codes), 0, -1):
            found = self.by_path.get("/".join(codes[:i]) + "/")
            if found is not None:
                return found
        return self.default


def targets_for(scope: Scope, region: Region, year: int) -> Targets:
    """The targets that hold in a region of ``scope``."""
    return TargetResolver(scope.narrow(region.path), year)(region.path)

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from linli.regions.choices import RegionLevel
from linli.regions.models import Region

# Per scale: provinces to load, communities per street, organizations per community.
SCALES: dict[str, dict[str, Any]] = {
    "demo": {
        "provinces": {"31", "46"},
        "per_street": 30,
        "orgs_per_community": 13,
        "org_prefix": "310104",
    },
    "shanghai": {
        "provinces": {"31"},
        "per_street": 30,
        "orgs_per_community": 15.5,
        "org_prefix": "31",
    },
    "national": {"provinces": None, "per_street": 16, "orgs_per_community": 4.8, "org_prefix": ""},
}


class Command(BaseCommand):
    help = (
        "Generate a deterministic dataset: real regions from the Ministry's table, communities "
        "and organizations with their responsible people at the scale's density, then rebuild "
        "the rollups. demo: 徐汇区; shanghai: ~6,500 communities, ~100,000 organizations; "
        "national: ~620,000 communities, ~3,000,000 organizations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--no-people",
            action="store_true",
            help="skip responsible people (faster; no personal data)",
        )

    def step(self, label: str, started: float) -> float:
        now = time.perf_counter()
        self.stdout.write(f"{label}: {now - started:.1f} s")
        return now

    def handle(self, *args: Any, **options: Any) -> None:
        from linli.orgs.generate import generate_organizations
        from linli.regions.services import communities_generate, regions_load
        from linli.stats.services import rollup_rebuild

        scale = SCALES[options["scale"]]
        t = time.perf_counter()
        result = regions_load(provinces=scale["provinces"])
        t = self.step(f"regions ({result.created} new)", t)
        streets = Region.objects.filter(level=RegionLevel.STREET)
        if scale["provinces"]:
            streets = streets.filter(code__regex=r"^(" + "|".join(scale["provinces"]) + ")")
        made = communities_generate(
            streets=list(streets), per_street=scale["per_street"], seed=options["seed"]
        )
        t = self.step(f"communities ({made} new)", t)
        communities = Region.objects.filter(
            level=RegionLevel.COMMUNITY, code__startswith=scale["org_prefix"]
        ).order_by("code")
        total = 0
        used_ids: set[str] = set()
        chunk: list[Region] = []
        for community in communities.iterator(chunk_size=2000):
            chunk.append(community)
            if len(chunk) == 2000:
                total += generate_organizations(
                    communities=chunk,
                    mean_per_community=scale["orgs_per_community"],
                    seed=options["seed"] + total,
                    with_people=not options["no_people"],
                    used_ids=used_ids,
                )
                chunk = []
        if chunk:
            total += generate_organizations(
                communities=chunk,
                mean_per_community=scale["orgs_per_community"],
                seed=options["seed"] + total,
                with_people=not options["no_people"],
                used_ids=used_ids,
            )
        t = self.step(f"organizations ({total} new)", t)
        rows = rollup_rebuild()
        self.step(f"rollups ({rows} rows)", t)

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone

from linli.demo.bulkload import Loader
from linli.demo.communities import communities_generate
from linli.demo.registry import Generator, generated_tables
from linli.regions.choices import RegionLevel
from linli.regions.models import Region
from linli.regions.services import regions_load
from linli.stats.models import IndicatorRollup, MonthlyRollup, OrgRollup
from linli.stats.services import rollup_rebuild

# Per scale: provinces to load, communities per street, organizations per community, activities
# per organization (on average).
SCALES: dict[str, dict[str, Any]] = {
    # A few hundred organizations in one district: enough for `bench --smoke` (make test-bench).
    "tiny": {
        "provinces": {"31"},
        "per_street": 3,
        "orgs_per_community": 3,
        "org_prefix": "310104",
        "activities_per_org": 2,
    },
    "demo": {
        "provinces": {"31", "46"},
        "per_street": 30,
        "orgs_per_community": 13,
        "org_prefix": "310104",
        "activities_per_org": 20,
    },
    "shanghai": {
        "provinces": {"31"},
        "per_street": 30,
        "orgs_per_community": 15.5,
        "org_prefix": "31",
        "activities_per_org": 20,
    },
    "national": {
        "provinces": None,
        "per_street": 16,
        "orgs_per_community": 4.8,
        "org_prefix": "",
        "activities_per_org": 10,
    },
}
CHUNK = 2000  # communities per call of the generator
# Tables the generator fills, as reported.
REPORTED = (
    ("organizations", "orgs_organization"),
    ("tags", "orgs_organizationtag"),
    ("people", "orgs_person"),
    ("memberships", "orgs_membership"),
    ("history rows", "orgs_historicalorganization"),
    ("applications", "applications_application"),
    ("application events", "applications_applicationevent"),
    ("activities", "activities_activity"),
    ("trainings", "talent_leadertraining"),
    ("talents", "talent_socialworktalent"),
    ("grades", "evaluation_gradeevaluation"),
)


def community_chunks(prefix: str, size: int = CHUNK) -> Iterator[list[Region]]:
    """The communities under ``prefix`` in code order, ``size`` at a time (keyset pages, so
    neither a long-lived cursor nor all of them in memory)."""
    queryset = Region.objects.filter(level=RegionLevel.COMMUNITY, code__startswith=prefix)
    last = ""
    while True:
        chunk = list(queryset.filter(code__gt=last).order_by("code")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].code


class Command(BaseCommand):
    help = (
        "Generate a deterministic dataset: real regions from the Ministry's table, communities, "
        "organizations with their responsible people, approved applications, activities, "
        "trainings, grades and social-work talents at the scale's density, then rebuild the "
        "rollups. demo: 徐汇区; shanghai: ~6,500 communities, ~100,000 organizations, ~2 million "
        "activities; national: ~620,000 communities, ~3,000,000 organizations, ~30 million "
        "activities (PostgreSQL: loaded with COPY)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--no-people",
            action="store_true",
            help="skip people: responsible people, talents, trainings (no personal data)",
        )
        parser.add_argument(
            "--activities-per-org",
            type=float,
            default=None,
            help="mean activities per organization (default: the scale's)",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="the day the data ends (YYYY-MM-DD; default today): same seed and day, same data",
        )

    def step(self, label: str, started: float) -> float:
        now = time.perf_counter()
        self.stdout.write(f"{label}: {now - started:.1f} s")
        self.stdout.flush()
        return now

    def handle(self, *args: Any, **options: Any) -> None:

        scale = SCALES[options["scale"]]
        as_of = options["as_of"] or timezone.localdate()
        per_org = options["activities_per_org"]
        per_org = scale["activities_per_org"] if per_org is None else per_org
        began = t = time.perf_counter()
        result = regions_load(provinces=scale["provinces"])
        t = self.step(f"regions ({result.created} new)", t)
        streets = Region.objects.filter(level=RegionLevel.STREET)
        if scale["provinces"]:
            streets = streets.filter(code__regex=r"^(" + "|".join(scale["provinces"]) + ")")
        made = communities_generate(
            streets=list(streets), per_street=scale["per_street"], seed=options["seed"]
        )
        t = self.step(f"communities ({made} new)", t)
        # On PostgreSQL a second connection stores each batch while the next one is made.
        loader = Loader(pipeline=connection.vendor == "postgresql")
        self.stdout.write(
            f"loading through {loader.method}{' (pipelined)' if loader.pipelined else ''} "
            f"on {loader.vendor}; data as of {as_of}, "
            f"{per_org:g} activities per organization on average"
        )
        generator = Generator(
            loader=loader,
            today=as_of,
            with_people=not options["no_people"],
            extras=True,
            activities_per_org=per_org,
            used_ids=set(),
        )
        todo = Region.objects.filter(
            level=RegionLevel.COMMUNITY, code__startswith=scale["org_prefix"]
        ).count()
        total = done = 0
        reported = 0.0
        # PostgreSQL: secondary indexes are dropped for the load and built again at the end.
        with loader.indexes_deferred(generated_tables()):
            for chunk in community_chunks(scale["org_prefix"]):
                total += generator.generate(
                    communities=chunk,
                    mean_per_community=scale["orgs_per_community"],
                    seed=options["seed"] + total,
                )
                done += len(chunk)
                if todo > 20 * CHUNK and done / todo >= reported + 0.1:
                    reported = done / todo
                    self.stdout.write(
                        f"  {done:,}/{todo:,} communities, {total:,} organizations, "
                        f"{loader.counts['activities_activity']:,} activities, "
                        f"{time.perf_counter() - t:.0f} s"
                    )
                    self.stdout.flush()
            loader.finish()
            t = self.step(f"organizations and the rest ({total} organizations)", t)
        for label, table in REPORTED:
            self.stdout.write(f"  {label}: {loader.counts[table]:,}")
        if loader.writer_seconds:
            spent = ", ".join(
                f"{table} {seconds:.0f} s"
                for table, seconds in sorted(loader.writer_seconds.items(), key=lambda i: -i[1])
            )
            self.stdout.write(f"  COPY writer: {spent}")
        if loader.deferred_indexes:
            t = self.step(f"indexes built again ({len(loader.deferred_indexes)})", t)
        if connection.vendor == "postgresql":
            self.analyze([table for _label, table in REPORTED])
            t = self.step("vacuum analyze", t)
        rows = self.rollups()
        self.step(f"rollups, incl. indicators ({rows})", t)
        self.stdout.write(f"total: {time.perf_counter() - began:.1f} s")

    def analyze(self, tables: list[str]) -> None:
        """Statistics and the visibility map for the loaded tables (autovacuum would get there
        later; the benchmark should not depend on when)."""
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')

    def rollups(self) -> str:

        rollup_rebuild()
        return (
            f"{OrgRollup.objects.count():,} organization, "
            f"{MonthlyRollup.objects.count():,} monthly, "
            f"{IndicatorRollup.objects.count():,} indicator rows"
        )

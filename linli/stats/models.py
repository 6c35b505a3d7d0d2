from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import ScopedQuerySet


class OrgRollupQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "path"


class OrgRollup(models.Model):
    """How many organizations of one tier, category and status lie in a region and below.

    One row per (region, tier, category, status) for every level from province to community,
    kept current by the registry services in the same transaction as the change, so dashboards
    read a few hundred rows instead of counting the registry."""

    region_code = models.CharField(max_length=12)
    path = models.CharField(max_length=64, db_index=True)
    depth = models.PositiveSmallIntegerField()
    tier = models.CharField(max_length=12)
    category = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    party = models.BooleanField(default=False)  # has some form of party building
    count = models.IntegerField(default=0)

    objects = OrgRollupQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "tier", "category", "status", "party"],
                name="org_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.tier} {self.category} {self.status}: {self.count}"


class MonthlyRollup(models.Model):
    """Organizations recognised (registered, filed, recorded) and closed per region and month."""

    region_code = models.CharField(max_length=12)
    path = models.CharField(max_length=64, db_index=True)
    month = models.CharField(max_length=7)  # "2026-11"
    tier = models.CharField(max_length=12)
    opened = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "month", "tier"], name="monthly_key")
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month} {self.tier}: +{self.opened} -{self.closed}"


class Target(models.Model):
    """Targets of a province (or city) for a year; the nearest one up the tree applies."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    orgs_per_urban_community = models.DecimalField(
        _("organizations per urban community"), max_digits=5, decimal_places=1, default=12
    )
    orgs_per_rural_community = models.DecimalField(
        _("organizations per rural community"), max_digits=5, decimal_places=1, default=7
    )
    talents_per_urban_community = models.PositiveSmallIntegerField(
        _("social-work talents per urban community"), default=2
    )
    talents_per_rural_community = models.PositiveSmallIntegerField(
        _("social-work talents per rural community"), default=1
    )
    grade_3a_share = models.DecimalField(
        _("share graded 3A and above (%)"), max_digits=4, decimal_places=1, default=24
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="target_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


INDICATOR_FIELDS = (
    "urban_communities",
    "rural_communities",
    "urban_community_orgs",
    "rural_community_orgs",
    "communities_below_org_target",
    "talents",
    "certified_talents",
    "communities_below_talent_target",
    "orgs_with_leader",
    "orgs_with_trained_leader",
    "roles",
    "certified_roles",
    "graded",
    "graded_3a",
)


class IndicatorRollup(models.Model):
    """Everything else a dashboard shows about a region, summed over the region and below.

    One row per region that has anything. Community-level facts (how many organizations a
    community has, whether it is below a target) are folded up as counts, so the city dashboard
    reads a row per district instead of walking thousands of communities."""

    region_code = models.CharField(max_length=12, unique=True)
    path = models.CharField(max_length=64, db_index=True)
    depth = models.PositiveSmallIntegerField()
    urban_communities = models.IntegerField(default=0)
    rural_communities = models.IntegerField(default=0)
    urban_community_orgs = models.IntegerField(default=0)  # active, located in the community
    rural_community_orgs = models.IntegerField(default=0)
    communities_below_org_target = models.IntegerField(default=0)
    talents = models.IntegerField(default=0)  # current social-work talent posts
    certified_talents = models.IntegerField(default=0)
    communities_below_talent_target = models.IntegerField(default=0)
    orgs_with_leader = models.IntegerField(default=0)  # active, with a current responsible person
    orgs_with_trained_leader = models.IntegerField(default=0)  # … trained in the last 5 years
    roles = models.IntegerField(default=0)  # current roles in active organizations
    certified_roles = models.IntegerField(default=0)  # … held by certified social workers
    graded = models.IntegerField(default=0)  # active registered, with a valid grade
    graded_3a = models.IntegerField(default=0)  # … of 3A or above

    objects = OrgRollupQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.region_code} indicators"

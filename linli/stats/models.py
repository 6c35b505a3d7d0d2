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

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="target_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

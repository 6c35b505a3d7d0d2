from __future__ import annotations

from typing import ClassVar

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.scoping import ScopedQuerySet
from linli.regions.choices import MUNICIPALITY_CODES, CommunityKind, RegionLevel

region_code_validator = RegexValidator(
    r"^(\d{6}|\d{9}|\d{12})$", _("A region code has 6, 9 or 12 digits.")
)


class RegionQuerySet(ScopedQuerySet):
    scope_path_lookup: ClassVar[str] = "path"

    def communities(self) -> RegionQuerySet:
        return self.filter(level=RegionLevel.COMMUNITY)


class Region(models.Model):
    """An administrative division: province, city, district, street/town or community.

    ``path`` is the chain of codes from the province down ("310000/310104/310104003/"), the
    basis of jurisdiction scoping (see linli.core.scoping).
    """

    code = models.CharField(
        _("code"), max_length=12, unique=True, validators=[region_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=64, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=CommunityKind.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "code"], name="region_parent_code")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="community", kind__in=["urban", "rural"])
                | (~models.Q(level="community") & models.Q(kind="")),
                name="region_kind_only_for_communities",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.code in MUNICIPALITY_CODES

    @property
    def acts_as_city(self) -> bool:
        """A city bureau sits at a prefecture-level city or at a municipality (直辖市)."""
        return self.level == RegionLevel.CITY or self.is_municipality

    def ancestors(self, within: str = "") -> list[Region]:
        """From the top of the tree down to (not including) this region, in one query; with
        ``within``, only those whose path starts with it (no query when there are none)."""
        path_codes = [code for code in self.path.strip("/").split("/")[:-1] if code]
        codes = [
            code
            for i, code in enumerate(path_codes)
            if ("/".join(path_codes[: i + 1]) + "/").startswith(within)
        ]
        if not codes:
            return []
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]

    def build_path(self) -> None:
        self.path = (self.parent.path if self.parent else "") + f"{self.code}/"
        self.depth = self.path.count("/")

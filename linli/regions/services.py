"""Writes to the region tree: loading the Ministry's table, and communities kept by streets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from linli.core import audit, changes
from linli.core.choices import AuditEventType
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError
from linli.core.scoping import ensure_in_scope
from linli.regions.choices import LEVEL_BY_MINISTRY_NUMBER, CommunityKind, RegionLevel
from linli.regions.models import Region
from linli.regions.table import read_table, rows_for_provinces

if TYPE_CHECKING:
    from linli.accounts.models import User

BATCH = 2000
# Community codes: the street's nine digits and three more. By the Ministry's convention
# residents' committees are numbered from 001 and villagers' committees from 200.
FIRST_SERIAL = {CommunityKind.URBAN: 1, CommunityKind.RURAL: 200}


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def regions_load(*, provinces: set[str] | None = None, actor: User | None = None) -> LoadResult:
    """Create or update provinces to streets from the Ministry's table. Idempotent.

    ``provinces`` holds two-digit prefixes ("31" for Shanghai); None loads all of China.
    Municipalities and province-administered counties simply hang from the province row.
    """
    _metadata, table = read_table()
    wanted = sorted(rows_for_provinces(table, provinces), key=lambda r: (r.level, r.code))
    created = updated = unchanged = 0
    for level in (1, 2, 3, 4):
        rows = [r for r in wanted if r.level == level]
        # Everything above communities is at most ~42,000 rows: one read per level is cheap and
        # avoids huge IN lists.
        existing = {r.code: r for r in Region.objects.exclude(level=RegionLevel.COMMUNITY)}
        parents = existing
        new, changed = [], []
        for row in rows:
            parent = parents.get(row.parent_code)
            region = existing.get(row.code)
            if region is None:
                region = Region(
                    code=row.code,
                    name=row.name,
                    parent=parent,
                    level=LEVEL_BY_MINISTRY_NUMBER[row.level],
                )
                region.build_path()
                new.append(region)
            elif region.name != row.name or region.parent_id != (parent.pk if parent else None):
                region.name, region.parent = row.name, parent
                region.build_path()
                region.version += 1
                changed.append(region)
            else:
                unchanged += 1
        Region.objects.bulk_create(new, batch_size=BATCH)
        Region.objects.bulk_update(
            changed, ["name", "parent", "path", "depth", "version"], batch_size=BATCH
        )
        created, updated = created + len(new), updated + len(changed)
    result = LoadResult(created, updated, unchanged)
    audit.record(
        AuditEventType.REGIONS_LOAD,
        actor=actor,
        detail={
            "provinces": sorted(provinces) if provinces else "all",
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        },
    )
    return result


def next_community_code(street: Region, kind: str) -> str:
    start = FIRST_SERIAL[CommunityKind(kind)]
    end = 199 if kind == CommunityKind.URBAN else 999
    taken = Region.objects.filter(
        parent=street, code__gte=f"{street.code}{start:03d}", code__lte=f"{street.code}{end:03d}"
    ).aggregate(m=Max("code"))["m"]
    serial = int(taken[-3:]) + 1 if taken else start
    if serial > 999:
        raise DomainError(_("This street has no free community codes left."))
    return f"{street.code}{serial:03d}"


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter the community's name."))
    if len(name) > 100:
        raise DomainError(_("The name can have at most 100 characters."))
    return name


@transaction.atomic
def community_create(
    *, actor: User, street: Region, name: str, kind: str, code: str = ""
) -> Region:
    """Add a residents' or villagers' committee under a street/town in the actor's jurisdiction."""
    ensure_in_scope(actor, street.path)
    if street.level != RegionLevel.STREET:
        raise DomainError(_("Communities can only be added under a street or town."))
    name = _clean_name(name)
    if Region.objects.filter(parent=street, name=name).exists():
        raise DomainError(
            _("This street already has a community named “%(name)s”.") % {"name": name}
        )
    code = code.strip() or next_community_code(street, kind)
    if not (len(code) == 12 and code.isdigit() and code.startswith(street.code)):
        raise DomainError(
            _("A community code has 12 digits and starts with the street's code %(code)s.")
            % {"code": street.code}
        )
    if Region.objects.filter(code=code).exists():
        raise DomainError(_("The code %(code)s is already in use.") % {"code": code})
    community = Region(code=code, name=name, level=RegionLevel.COMMUNITY, kind=kind, parent=street)
    community.build_path()
    community.full_clean()
    community.save()
    changes.places_touched(community.path)
    audit.record(
        AuditEventType.REGION_CREATE,
        actor=actor,
        obj=community,
        detail={"code": code, "kind": kind},
    )
    return community


@transaction.atomic
def community_update(
    *,
    actor: User,
    community_id: int,
    expected_version: int | None,
    name: str,
    kind: str,
    is_active: bool,
) -> Region:
    community = lock_current(
        Region.objects.restrict(actor).communities(),
        pk=community_id,
        expected_version=expected_version,
    )
    name = _clean_name(name)
    if (
        Region.objects.filter(parent_id=community.parent_id, name=name)
        .exclude(pk=community.pk)
        .exists()
    ):
        raise DomainError(
            _("This street already has a community named “%(name)s”.") % {"name": name}
        )
    before = {"name": community.name, "kind": community.kind, "is_active": community.is_active}
    community.name, community.kind, community.is_active = name, kind, is_active
    bump_version(community)
    community.full_clean()
    community.save()
    changes.places_touched(community.path)
    after = {"name": name, "kind": kind, "is_active": is_active}
    audit.record(
        AuditEventType.REGION_UPDATE,
        actor=actor,
        obj=community,
        detail={"changed": {k: [before[k], after[k]] for k in before if before[k] != after[k]}},
    )
    return community

"""What an import would do, row by row: create, update, leave unchanged, or refuse (and why).

Planning only reads. It resolves region codes, checks the user's jurisdiction, finds the existing
organization of each row by its natural key (credit code for registered organizations; street and
name for teams and groups), runs the registry's own validation (``validate_organization``) and
compares. A plan with any error is never applied.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from linli.core import crypto
from linli.core.scoping import Scope, subtree_q
from linli.ledgers.columns import COLUMNS, header_of
from linli.ledgers.parse import Sheet
from linli.ledgers.rows import RowError, RowValues, convert_sheet
from linli.orgs.choices import PersonRole, Tier
from linli.orgs.models import Membership, Organization
from linli.orgs.services import ORG_FIELDS, OrganizationData, PersonData, validate_organization
from linli.orgs.validators import clean_credit_code
from linli.regions.choices import RegionLevel
from linli.regions.models import Region

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
CHUNK = 500
ORG_KEYS = frozenset(ORG_FIELDS) | {"tags"}
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}


@dataclass
class PlanEntry:
    row: int
    action: str
    data: OrganizationData
    org_id: int | None = None
    version: int | None = None
    org_changed: bool = False
    person: PersonData | None = None
    person_changed: bool = False
    changes: tuple[str, ...] = ()  # headers of the columns that differ from the registry


@dataclass
class Plan:
    entries: list[PlanEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0

    def count(self, action: str) -> int:
        return sum(1 for entry in self.entries if entry.action == action)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors})

    def digest(self) -> str:
        """Fingerprint of what would be done: does a confirmation still match the dry run?"""
        actions = [
            (e.row, e.action, e.org_id, e.version, e.org_changed, e.person_changed)
            for e in self.entries
        ]
        return hashlib.sha256(json.dumps(actions).encode()).hexdigest()


@dataclass
class Located:
    values: RowValues
    region: Region
    street: Region
    key: tuple[str, str, str]


def build_plan(user: Any, sheet: Sheet, *, lock_streets: bool = False) -> Plan:
    """``lock_streets`` (inside the confirming transaction) makes two imports into the same
    street/town wait for each other, so neither can create a team the other just created."""
    converted, errors = convert_sheet(sheet)
    plan = Plan(errors=errors, total_rows=len(sheet.rows))
    # Rows with bad cells go no further, but their place is still checked, to report it at once.
    check_regions(user, [row for row in converted if not row.complete], plan.errors)
    rows = consistent_people([row for row in converted if row.complete], plan.errors)
    located = locate_rows(user, rows, plan.errors)
    if lock_streets:
        street_ids = sorted({item.street.pk for item in located})
        list(Region.objects.select_for_update().filter(pk__in=street_ids).values_list("pk"))
    by_credit, by_street_name = find_existing(located)
    claimed: dict[int, int] = {}
    scope = Scope.of(user)
    for item in located:
        target, row_errors = match_existing(item, by_credit, by_street_name, scope)
        if target is not None and target.pk in claimed:
            row_errors.append(same_as_row(item.values.row, claimed[target.pk]))
        if row_errors:
            plan.errors.extend(row_errors)
            continue
        if target is not None:
            claimed[target.pk] = item.values.row
        entry = plan_row(item, target, plan.errors)
        if entry is not None:
            plan.entries.append(entry)
    plan.errors.sort(key=lambda error: (error.row or 0, error.column))
    return plan


def same_as_row(row: int, first: int) -> RowError:
    return RowError(
        row, "", _("This is the same organization as row %(row)s; keep one row.") % {"row": first}
    )


def consistent_people(rows: list[RowValues], errors: list[RowError]) -> list[RowValues]:
    """One ID number is one person: two rows may not give it different names."""
    first: dict[str, tuple[str, int]] = {}
    kept = []
    for row in rows:
        id_number = row.values.get("person_id_number", "")
        name = " ".join(row.values.get("person_name", "").split())
        if id_number:
            known_name, known_row = first.setdefault(id_number, (name, row.row))
            if known_name != name:
                message = _("Row %(row)s gives the same ID number with a different name.") % {
                    "row": known_row
                }
                errors.append(RowError(row.row, header_of("person_id_number"), message))
                continue
        kept.append(row)
    return kept


# --- Regions, scope and natural keys -------------------------------------------------------


def load_regions(codes: Iterable[str]) -> dict[str, Region]:
    found: dict[str, Region] = {}
    for chunk in chunked(sorted(set(codes))):
        for region in Region.objects.filter(code__in=chunk).select_related("parent"):
            found[region.code] = region
    return found


def check_regions(user: Any, rows: list[RowValues], errors: list[RowError]) -> None:
    regions = load_regions(row.values["region"] for row in rows if row.values.get("region"))
    scope = Scope.of(user)
    for row in rows:
        code = row.values.get("region")
        problem = region_problem(regions.get(code), code, scope) if code else ""
        if problem:
            errors.append(RowError(row.row, header_of("region"), problem))


def locate_rows(user: Any, rows: list[RowValues], errors: list[RowError]) -> list[Located]:
    """Region, street and natural key of each row; scope and in-file duplicates checked."""
    regions = load_regions(row.values["region"] for row in rows)
    scope = Scope.of(user)
    region_header = header_of("region")
    first_row_of: dict[tuple[str, str, str], int] = {}
    located = []
    for row in rows:
        code = row.values["region"]
        region = regions.get(code)
        problem = region_problem(region, code, scope)
        if problem or region is None:
            errors.append(RowError(row.row, region_header, problem))
            continue
        street = region if region.level == RegionLevel.STREET else region.parent
        if street is None:  # a community always has its street; never trust that blindly
            message = _("There is no region with the code %(code)s.") % {"code": code}
            errors.append(RowError(row.row, region_header, message))
            continue
        key, key_error = natural_key(row, street)
        if key_error:
            errors.append(key_error)
            continue
        if key in first_row_of:
            errors.append(same_as_row(row.row, first_row_of[key]))
            continue
        first_row_of[key] = row.row
        located.append(Located(row, region, street, key))
    return located


def region_problem(region: Region | None, code: str, scope: Scope) -> str:
    if region is None:
        return _("There is no region with the code %(code)s.") % {"code": code}
    if not scope.contains(region.path):
        return _("%(name)s (%(code)s) is outside your jurisdiction.") % {
            "name": region.name,
            "code": code,
        }
    if region.level not in (RegionLevel.STREET, RegionLevel.COMMUNITY):
        return _("An organization is placed in a street/town or a community.")
    if not region.is_active:
        return _("The region %(code)s is no longer in use.") % {"code": code}
    return ""


def natural_key(row: RowValues, street: Region) -> tuple[tuple[str, str, str], RowError | None]:
    values = row.values
    name = " ".join(values["name"].split())
    values["name"] = name
    if values["tier"] != Tier.REGISTERED:
        return ("name", street.path, name), None
    header = header_of("credit_code")
    code = values.get("credit_code", "")
    if not code:
        message = _("A registered organization needs its unified social credit code.")
        return ("", "", ""), RowError(row.row, header, message)
    try:
        values["credit_code"] = clean_credit_code(code)
    except ValidationError as exc:
        return ("", "", ""), RowError(row.row, header, " ".join(exc.messages))
    return ("credit", "", values["credit_code"]), None


# --- Existing organizations ----------------------------------------------------------------


def with_registry_details(queryset: Any) -> Any:
    responsible = (
        Membership.objects.current()
        .filter(role=PersonRole.RESPONSIBLE)
        .select_related("person")
        .order_by("id")
    )
    return queryset.select_related("region").prefetch_related(
        "tags", Prefetch("memberships", queryset=responsible, to_attr="responsibles")
    )


def find_existing(
    located: list[Located],
) -> tuple[dict[str, Organization], dict[tuple[str, str], list[Organization]]]:
    """Organizations matching the rows' credit codes, and by (street path, name)."""
    codes = [item.key[2] for item in located if item.key[0] == "credit"]
    by_credit: dict[str, Organization] = {}
    for chunk in chunked(codes):
        for org in with_registry_details(Organization.objects.filter(credit_code__in=chunk)):
            by_credit[org.credit_code] = org
    names_by_street: dict[str, set[str]] = defaultdict(set)
    for item in located:
        names_by_street[item.street.path].add(item.values.values["name"])
    by_street_name: dict[tuple[str, str], list[Organization]] = defaultdict(list)
    for street_path, names in names_by_street.items():
        for chunk in chunked(sorted(names)):
            queryset = Organization.objects.filter(
                subtree_q("region_path", street_path), name__in=chunk
            ).order_by("id")
            for org in with_registry_details(queryset):
                by_street_name[(street_path, org.name)].append(org)
    return by_credit, by_street_name


def match_existing(
    item: Located,
    by_credit: dict[str, Organization],
    by_street_name: dict[tuple[str, str], list[Organization]],
    scope: Scope,
) -> tuple[Organization | None, list[RowError]]:
    row = item.values.row
    name = item.values.values["name"]
    same_name = by_street_name.get((item.street.path, name), [])
    if item.key[0] == "credit":
        target = by_credit.get(item.key[2])
        if target is None:
            # An activity team or group that has now registered keeps its identity and history.
            unregistered = [org for org in same_name if not org.credit_code]
            target = unregistered[0] if len(unregistered) == 1 else None
        header = header_of("credit_code")
    else:
        header = header_of("name")
        if len(same_name) > 1:
            message = _(
                "%(n)s organizations in this street/town already have this name; merge or rename "
                "them in the registry first."
            ) % {"n": len(same_name)}
            return None, [RowError(row, header, message)]
        target = same_name[0] if same_name else None
        if target is not None and target.tier == Tier.REGISTERED:
            message = _(
                "A registered social organization in this street/town has this name; enter the "
                "row as a registered organization with its credit code %(code)s."
            ) % {"code": target.credit_code or "—"}
            return None, [RowError(row, header, message)]
    if target is not None and not scope.contains(target.region_path):
        message = _("This organization is registered outside your jurisdiction.")
        return None, [RowError(row, header, message)]
    return target, []


# --- Comparing and planning one row --------------------------------------------------------


def data_of(org: Organization) -> OrganizationData:
    return OrganizationData(
        region=org.region,
        tags=sorted(tag.tag for tag in org.tags.all()),
        **{name: getattr(org, name) for name in ORG_FIELDS},
    )


def plan_row(
    item: Located, target: Organization | None, errors: list[RowError]
) -> PlanEntry | None:
    values = item.values.values
    row = item.values.row
    provided = {key: value for key, value in values.items() if key in ORG_KEYS}
    if target is not None:
        data = data_of(target)
    else:
        data = OrganizationData(name="", tier="", category="", region=item.region)
    for key, value in provided.items():
        setattr(data, key, value)
    data.region = item.region
    try:
        data = validate_organization(data)
    except ValidationError as exc:
        errors.extend(errors_by_field(row, exc))
        return None
    person = person_of(values)
    if target is None:
        return PlanEntry(
            row, CREATE, data, org_changed=True, person=person, person_changed=bool(person)
        )
    org_changes = changed_columns(target, data)
    person_changed = person is not None and not is_current_responsible(target, person)
    changes = org_changes + ((header_of("person_name"),) if person_changed else ())
    return PlanEntry(
        row,
        UPDATE if changes else UNCHANGED,
        data,
        org_id=target.pk,
        version=target.version,
        org_changed=bool(org_changes),
        person=person,
        person_changed=person_changed,
        changes=changes,
    )


def errors_by_field(row: int, exc: ValidationError) -> Iterator[RowError]:
    if not hasattr(exc, "error_dict"):
        yield from (RowError(row, "", message) for message in exc.messages)
        return
    for key, messages in exc.message_dict.items():
        header = HEADER_BY_KEY.get(key, "")
        yield from (RowError(row, header, message) for message in messages)


def person_of(values: dict[str, Any]) -> PersonData | None:
    name = " ".join(values.get("person_name", "").split())
    if not name:
        return None
    return PersonData(
        full_name=name,
        id_number=values.get("person_id_number", ""),
        phone=values.get("person_phone", ""),
    )


def changed_columns(org: Organization, data: OrganizationData) -> tuple[str, ...]:
    changed = [
        HEADER_BY_KEY.get(name, name)
        for name, value in data.as_fields().items()
        if getattr(org, name) != value
    ]
    if data.region.pk != org.region_id:
        changed.append(header_of("region"))
    if sorted(data.tags) != sorted(tag.tag for tag in org.tags.all()):
        changed.append(header_of("tags"))
    return tuple(changed)


def is_current_responsible(org: Organization, person: PersonData) -> bool:
    id_index = crypto.blind_index(person.id_number) if person.id_number else ""
    phone_index = crypto.blind_index(person.phone) if person.phone else ""
    for membership in getattr(org, "responsibles", []):
        known = membership.person
        if known.full_name != person.full_name:
            continue
        if id_index and known.id_number_index != id_index:
            continue
        if phone_index and known.phone_index != phone_index:
            continue
        return True
    return False


def chunked(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]

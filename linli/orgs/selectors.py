"""Reads of the registry, always inside the user's jurisdiction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import BooleanField, Count, Prefetch, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.http import Http404
from rapidfuzz import fuzz, process

from linli.core import counting, rollups
from linli.core.counting import BoundedCount, count_up_to
from linli.core.scoping import Scope, subtree_q
from linli.core.sql import fetch, table
from linli.orgs import extensions, reads
from linli.orgs.choices import OrgStatus
from linli.orgs.filtersets import OrganizationFilterSet
from linli.orgs.models import Membership, Organization
from linli.regions.models import Region
from linli.regions.selectors import rollup_codes

# The registry reads like a ledger: by place (region path), then in order of entry. One index,
# (region_path, id), yields this order for any jurisdiction, so a page never sorts the scope.
# Search results come in order of entry: the name index hands them over by id.
LIST_ORDER = ("region_path", "id")
SEARCH_ORDER = ("id",)
# How many organizations a walk along the primary key looks at for one page of a common term
# across the country (see ids_walking): more than COUNT_LIMIT matches among 3 million rows put
# fifty of them within about 15,000 rows; the rest is room for matches that bunch up.
WALK_LIMIT = 40_000


def organization_list(*, user: Any, params: Any = None) -> tuple[QuerySet[Organization], Any]:
    """The scoped, filtered list and its bound FilterSet (for the form and the export)."""
    base = Organization.objects.restrict(user).select_related("region")
    filterset = OrganizationFilterSet(params or None, queryset=base)
    # Unbound (no parameters): everything in scope; invalid parameters: nothing, never more.
    queryset = filterset.qs if not filterset.is_bound or filterset.is_valid() else base.none()
    searching = bool(filterset.is_bound and (params or {}).get("q", "").strip())
    return queryset.order_by(*(SEARCH_ORDER if searching else LIST_ORDER)), filterset


def organization_get(*, user: Any, org_id: int) -> Organization:
    """The organization, inside the user's jurisdiction, with its tags, honours and current
    people prefetched (the API and the editing pages use them as models)."""
    return (
        # Only one of registration authority, filing street and guiding committee is shown (by
        # tier), so it is loaded when read: joining all three costs more planning than one lookup.
        Organization.objects.select_related("region")
        .prefetch_related(
            "tags",
            "honours",
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("person").order_by("role"),
            ),
        )
        .get_in_scope(user, pk=org_id)
    )


def organization_for_page(*, user: Any, org_id: int) -> Organization:
    """The organization for its page (its region's code and name as ``region_code`` and
    ``region_name``), or Http404 whether it is missing or outside the user's jurisdiction."""
    org = reads.organization_with_region(org_id, Scope.of(user))
    if org is None:
        raise Http404
    return org


def organization_sheet(*, user: Any, org: Organization) -> dict[str, Any]:
    """What the organization page lists beside the organization (read as SQL: linli.orgs.reads)."""
    scope = Scope.of(user)
    return {
        "managing_unit": reads.managing_unit(scope, org),
        "tags": reads.tag_names(scope, org),
        "honours": reads.honours(scope, org),
        "people": reads.current_people(scope, org),
        "history": reads.history(scope, org),
        **extensions.page_facts(scope, org),  # what other apps hold of it (linli.orgs.extensions)
    }


def similar_names(*, region: Region, name: str, exclude_pk: int | None = None) -> list[str]:
    """Names in the same street that are close to ``name`` (possible duplicates)."""
    street_path = region.path if region.level == "street" else region.path.rsplit("/", 2)[0] + "/"
    names = list(
        Organization.objects.filter(subtree_q("region_path", street_path))
        .exclude(pk=exclude_pk or 0)
        .values_list("name", flat=True)[:5000]
    )
    matches = process.extract(name, names, scorer=fuzz.ratio, score_cutoff=80, limit=5)
    return [match for match, _score, _index in matches]


# Filters the rollups can answer: a count for them is read from linli.stats, not the registry.
ROLLUP_FILTERS = frozenset({"region", "tier", "category", "status"})
# A dashboard shows how many active organizations hold a valid grade and links to that list,
# whose count must equal the number: it is the indicator rollup's own number. Other grade lists
# (any status) are counted in full (0.4 s for the whole country), never stopped at a limit.
GRADE_FILTERS = frozenset({"region", "tier", "status", "grade"})
COUNTED_IN_FULL = ROLLUP_FILTERS | {"grade"}
GRADE_FIELDS = {"3a": "graded_3a", "graded": "graded"}


def organization_count(*, user: Any, params: Any, queryset: QuerySet[Organization]) -> BoundedCount:
    """How many organizations the list holds: from the rollups when the filters allow it (exact,
    no COUNT over the registry), in full for the lists a dashboard number links to, otherwise a
    count of the narrowed queryset that stops at ``COUNT_LIMIT``."""
    given = {
        key: value
        for key, value in (params or {}).items()
        if value and key not in ("page", "after")
    }
    by_grade = (
        set(given) <= GRADE_FILTERS
        and given.get("grade") in GRADE_FIELDS
        and given.get("status") == OrgStatus.ACTIVE
        and given.get("tier", "registered") == "registered"  # only registered ones are graded
    )
    if not by_grade and not set(given) <= ROLLUP_FILTERS:
        if set(given) <= COUNTED_IN_FULL:
            return BoundedCount(queryset.count())
        return count_up_to(queryset)
    scope = Scope.of(user)
    codes = rollup_codes(user=user, region_code=given.get("region", ""))
    if codes is None:
        return count_up_to(queryset)  # outside the scope or unknown: the filter decides (0)
    if by_grade:
        field = GRADE_FIELDS[given["grade"]]
        return BoundedCount(rollups.indicator_totals(scope, codes)[field])
    wanted = {key: given[key] for key in ("tier", "category", "status") if key in given}
    return BoundedCount(rollups.organization_count(scope, codes, **wanted))


@dataclass
class KeysetPage:
    """One page of a list in ``LIST_ORDER`` (or ``SEARCH_ORDER``), the id of the row the next
    one starts after, and, for a page found by offset, the offset of the next one."""

    items: list[Any]  # models, or ListedOrganization rows
    count: BoundedCount
    next_after: int | None
    is_first: bool
    next_offset: int | None = None

    def __iter__(self) -> Any:
        return iter(self.items)


class ListedOrganization(NamedTuple):
    """A registry row as the list shows it. Lists read values, not models: making fifty model
    instances (and their regions) cost more than the query that found them."""

    id: int
    name: str
    tier: str
    category: str
    status: str
    member_count: int
    region_name: str
    matches: int = 0  # read with a search's first page: how many organizations match

    @property
    def pk(self) -> int:
        return self.id


LISTED_COLUMNS = ("id", "name", "tier", "category", "status", "member_count", "region__name")
Read = Callable[[QuerySet[Organization]], list[Any]]


def listed(queryset: QuerySet[Organization]) -> list[ListedOrganization]:
    """The rows as the web list shows them (and the count of matches, when the query has it)."""
    counted = ("matches",) if "matches" in queryset.query.annotations else ()
    return [ListedOrganization(*row) for row in queryset.values_list(*LISTED_COLUMNS, *counted)]


def as_models(queryset: QuerySet[Organization]) -> list[Organization]:
    """The rows as models with their regions (the API's schema reads every field)."""
    return list(queryset.select_related("region"))


def organization_page(
    *,
    user: Any,
    params: Any,
    size: int,
    after: int | None = None,
    offset: int = 0,
    read: Read = listed,
) -> tuple[KeysetPage, Any]:
    """The page of the registry a user asked for, how many organizations the list holds, and the
    bound FilterSet; the HTML list and the API both page through here.

    The page starts after the row ``after`` (keyset: as cheap at any depth as the first page) or,
    without it, ``offset`` rows in (the API's offset paging, which names the next offset too).
    ``read`` makes the rows: ``listed`` (the default, for the web list) or ``as_models``."""
    organizations, filterset = organization_list(user=user, params=params)
    searching = tuple(organizations.query.order_by) == SEARCH_ORDER
    if after is None and offset > 0:
        count = organization_count(user=user, params=params, queryset=organizations)
        page = offset_page(organizations, offset=offset, size=size, count=count, read=read)
    elif searching and Scope.of(user).is_whole_country:
        page = search_page_of_country(user, organizations, after=after, size=size, read=read)
    elif searching and after is None:
        page = search_first_page(organizations, size=size, read=read)
    else:
        count = organization_count(user=user, params=params, queryset=organizations)
        page = keyset_page(organizations, after=after, size=size, count=count, read=read)
    if after is None and page.next_after is not None:
        page.next_offset = offset + size
    return page, filterset


def _cut(rows: list[Any], *, size: int, count: BoundedCount, is_first: bool) -> KeysetPage:
    """The page of the first ``size`` of ``size`` + 1 rows, and the last one's id if another
    follows (every way of finding a page reads one row more than it shows)."""
    next_after = rows[size - 1].pk if len(rows) > size else None
    return KeysetPage(rows[:size], count, next_after, is_first)


def search_first_page(
    queryset: QuerySet[Organization], *, size: int, read: Read = listed
) -> KeysetPage:
    """The first page of a name search with the number of matches, in one pass: the matches (at
    most ``COUNT_LIMIT`` + 1 of them) are counted by a window over the page's own query, instead
    of being scanned twice. A term as common as 舞 matches a hundred thousand names across the
    country; then the count stops at the limit and the first page is read again in id order."""
    limit = counting.COUNT_LIMIT
    matches = queryset.order_by().values("pk")[: limit + 1]
    counted = Organization.objects.filter(pk__in=matches).annotate(matches=Window(Count("id")))
    found = read(counted.order_by(*SEARCH_ORDER)[: size + 1])
    count = BoundedCount.of(found[0].matches if found else 0, limit)
    rows = found if count.exact else read(queryset.order_by(*SEARCH_ORDER)[: size + 1])
    return _cut(rows, size=size, count=count, is_first=True)


def search_page_of_country(
    user: Any,
    queryset: QuerySet[Organization],
    *,
    after: int | None,
    size: int,
    read: Read = listed,
) -> KeysetPage:
    """A page of a name search across the country: the matches counted up to the limit, and the
    page found by walking the ids past it (``country_search_ids``) or through the name index."""
    count = count_up_to(queryset)
    ids = country_search_ids(user=user, queryset=queryset, count=count, after=after, size=size)
    if ids is None:
        return keyset_page(queryset, after=after, size=size, count=count, read=read)
    rows = read(Organization.objects.filter(pk__in=ids).order_by(*SEARCH_ORDER))
    return _cut(rows, size=size, count=count, is_first=after is None)


def country_search_ids(
    *,
    user: Any,
    queryset: QuerySet[Organization],
    count: BoundedCount,
    after: int | None,
    size: int,
) -> list[int] | None:
    """The ids of a page (``size`` + 1, to tell whether another follows) of a name search across
    the country with more matches than the count limit (a common term), found by walking the ids;
    None for any other list, or when the walk comes back short (read it through the indexes)."""
    if count.exact or not Scope.of(user).is_whole_country:
        return None
    if tuple(queryset.query.order_by) != SEARCH_ORDER:
        return None
    return ids_walking(queryset, after=after or 0, wanted=size + 1)


def ids_walking(
    queryset: QuerySet[Organization], *, after: int, wanted: int, limit: int = WALK_LIMIT
) -> list[int] | None:
    """The ids of the first ``wanted`` rows of ``queryset`` above ``after``, found by walking the
    primary key through at most ``limit`` organizations and testing each; None when the walk
    finds fewer, or when a filter joins another table.

    The name index answers every match of a term at once, so PostgreSQL read all 37,693 matches
    of 舞蹈 across the country (0.1 s warm, 0.45 s cold) to hand over the fifty lowest ids,
    while one organization in eighty matches: walking the ids finds them in about 4,600 rows
    (8 ms). The LIMIT inside bounds the walk whatever the plan, on SQLite and PostgreSQL."""
    query = queryset.query
    if len(query.alias_map) > 1:
        return None
    try:
        where, params = query.get_compiler(using=queryset.db).compile(query.where)
    except EmptyResultSet:
        return []
    except FullResultSet:
        where, params = "1 = 1", []
    organizations = table(Organization)
    found = fetch(
        f"SELECT id FROM (SELECT * FROM {organizations} WHERE id > %s ORDER BY id LIMIT %s) "  # noqa: S608
        f"AS {organizations} WHERE {where} ORDER BY id LIMIT %s",
        [after, limit, *params, wanted],
    )
    return [row[0] for row in found] if len(found) == wanted else None


def keyset_page(
    queryset: QuerySet[Organization],
    *,
    after: int | None,
    size: int,
    count: BoundedCount,
    read: Read = listed,
) -> KeysetPage:
    """Deep pages cost the same as the first: rows after the last one seen in (region path, id)
    order, not OFFSET. ``after`` is that row's id; its path is looked up."""
    order = tuple(queryset.query.order_by) or LIST_ORDER
    if after is not None and order == SEARCH_ORDER:
        queryset = queryset.filter(id__gt=after)
    elif after is not None:
        # The row the page starts after is looked up inside the same query (an unknown id gives
        # an empty path, so the list starts from the beginning).
        queryset = queryset.filter(
            RawSQL(
                '("orgs_organization"."region_path", "orgs_organization"."id") > (COALESCE(('
                'SELECT "after"."region_path" FROM "orgs_organization" AS "after" '
                'WHERE "after"."id" = %s), \'\'), %s)',
                (after, after),
                output_field=BooleanField(),
            )
        )
    rows = read(queryset.order_by(*order)[: size + 1])
    return _cut(rows, size=size, count=count, is_first=after is None)


def offset_page(
    queryset: QuerySet[Organization],
    *,
    offset: int,
    size: int,
    count: BoundedCount,
    read: Read = listed,
) -> KeysetPage:
    """The rows ``offset`` rows into the list (the API's offset paging: OFFSET reads every row it
    skips, so each page names the keyset ``next_after`` too)."""
    rows = read(queryset[offset : offset + size + 1])
    return _cut(rows, size=size, count=count, is_first=offset == 0)

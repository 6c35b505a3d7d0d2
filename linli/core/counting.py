"""Counts that stop at a limit.

A list shows how many rows it holds, but an exact COUNT of a national list narrowed by a filter
that no rollup answers (a tag, leader training, a name search) reads every matching row: seconds,
on every page. Past a few thousand the exact number is not what a person acts on ("more than
10,000: narrow the search" is), so such counts stop at a limit: the database reads at most one
row more than the limit. Numbers a dashboard shows, and the counts of the lists they link to,
are never cut short.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast, overload

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class BoundedCount:
    """How many rows a list holds: exactly ``value``, or more than ``value`` when not ``exact``."""

    value: int
    exact: bool = True

    @classmethod
    def of(cls, found: int, limit: int) -> BoundedCount:
        """From the number of rows found by a read of at most ``limit`` + 1 rows."""
        return cls(limit, exact=False) if found > limit else cls(found)


def count_up_to(queryset: QuerySet, limit: int | None = None) -> BoundedCount:
    """Count the rows of ``queryset``, reading at most ``limit`` (``COUNT_LIMIT``) + 1 of them."""
    limit = COUNT_LIMIT if limit is None else limit
    found = queryset.order_by().values("pk")[: limit + 1].count()
    return BoundedCount.of(found, limit)


class BoundedPaginator(Paginator):
    """Numbered pages over a queryset counted with ``count_up_to``: past the limit the pages
    stop there, and ``more`` says that the list holds more rows than ``count`` (narrow the
    filters to reach them). For lists that grow without bound and whose count no dashboard
    shows: the audit log, applications."""

    @cached_property
    def bounded(self) -> BoundedCount:
        rows = self.object_list
        return count_up_to(cast(QuerySet, getattr(rows, "queryset", rows)))

    @cached_property
    def count(self) -> int:
        return self.bounded.value

    @property
    def more(self) -> bool:
        return not self.bounded.exact


class CountedPaginator(Paginator):
    """Numbered pages over a list whose length is already known exactly, from a rollup: the
    lists behind a dashboard's numbers, which would otherwise count millions of rows again."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


class IdsFirst:
    """A queryset whose slices are read in two steps: the ids of the slice in the queryset's
    order, then those rows (with the queryset's related objects). Ordering a province's 80,000
    applications as whole rows took 97 ms, ordering their ids 52: the sort carries eight bytes a
    row instead of the row. Django's paginators slice it like a queryset."""

    def __init__(self, queryset: QuerySet) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.queryset)

    @overload
    def __getitem__(self, key: int) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> list[Any]: ...
    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = list(self.queryset.values_list("pk", flat=True)[key])
        found = {row.pk: row for row in self.queryset.order_by().filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


# Beyond these a page is empty anyway; past them the number no longer fits a database integer
# (SQLite's is 64 bits) and the query would fail instead of answering.
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**63 - 1


def clamped_offset(value: int) -> int:
    return min(max(0, value), MAX_OFFSET)


def clamped_id(value: int | None) -> int | None:
    return None if value is None else min(max(0, value), MAX_ID)

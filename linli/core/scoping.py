"""Jurisdiction scoping: the one place that decides what a user may see.

Every region carries a materialised path of codes ("310000/310104/310104003/"). A user's
jurisdiction is the path of their region; they see that region and everything below it. That
jurisdiction is a ``Scope`` value, made only from a user (``Scope.of(user)``) or, for the national
administrator's work done by commands and nightly jobs, from an explicit, named
``Scope.whole_country(reason)``. It has two forms: a ``Q`` for the ORM (``scope.q(lookup)``, behind
every ``restrict(user)``) and a SQL condition for the few reads written as SQL (``scope.sql(col)``).
A read handed no scope, or anything that is not one, raises ``ScopeError``: closed, never open.

The prefix test is written as a range (``path >= p AND path < p'``) rather than ``LIKE 'p%'`` so
that a plain B-tree index serves it on SQLite as well as on PostgreSQL: paths hold only digits and
"/", and "/" sorts immediately before "0". Out-of-scope and missing objects look the same to the
caller (both 404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Final, Self

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from linli.accounts.models import User


class ScopeError(TypeError):
    """A scoped read was given no scope, or something that is not a ``Scope``."""


class OutOfScope(Http404):
    """The region or object lies outside the scope: answered like a missing one."""


def path_range(path: str) -> tuple[str, str]:
    """Lower (inclusive) and upper (exclusive) bound of every path starting with ``path``."""
    if not path or not path.endswith("/"):
        raise ScopeError("a region path is not empty and ends with '/'")
    return path, path[:-1] + "0"


def subtree_q(lookup: str, path: str) -> models.Q:
    """Rows whose path at ``lookup`` lies in the region's subtree. A filter the user chose (a
    list's region, a relabel run's area), applied on top of ``restrict(user)``; never a
    jurisdiction in itself."""
    low, high = path_range(path)
    return models.Q(**{f"{lookup}__gte": low, f"{lookup}__lt": high})


_MADE_HERE: Final = object()  # only this module's constructors make a Scope


class Scope:
    """Where a reader may look: below one region's path, the whole country, or nowhere."""

    __slots__ = ("_path", "_whole", "reason")

    WHOLE: ClassVar[str] = "whole country"

    def __init__(self, made: object, path: str | None, whole: bool, reason: str = "") -> None:
        if made is not _MADE_HERE:
            raise ScopeError("make a scope with Scope.of(user) or Scope.whole_country(reason)")
        if path is not None:
            path_range(path)  # refuses an empty or malformed path
        self._path = path
        self._whole = whole
        self.reason = reason

    # --- making one ---------------------------------------------------------------------------

    @classmethod
    def of(cls, user: User | Any) -> Scope:
        """The user's jurisdiction: their region's subtree, the whole country for a superuser or
        the national administrator, and nothing for anyone else (anonymous, inactive, no
        region)."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls(_MADE_HERE, None, False)
        region = getattr(user, "region", None)
        if user.is_superuser or (region is None and getattr(user, "is_national_admin", False)):
            return cls(_MADE_HERE, None, True, cls.WHOLE)
        if region is None:
            return cls(_MADE_HERE, None, False)
        return cls(_MADE_HERE, str(region.path), False)

    @classmethod
    def whole_country(cls, reason: str) -> Scope:
        """Everything, said on purpose: for commands and nightly work, with the reason why."""
        if not reason or not reason.strip():
            raise ScopeError("a whole-country scope names its reason")
        return cls(_MADE_HERE, None, True, reason)

    def narrow(self, path: str) -> Scope:
        """The part of this scope below ``path`` (a region this scope holds), or OutOfScope."""
        if not self.contains(path):
            raise OutOfScope
        return Scope(_MADE_HERE, path, False, self.reason)

    # --- asking it ----------------------------------------------------------------------------

    @property
    def is_whole_country(self) -> bool:
        return self._whole

    @property
    def is_nothing(self) -> bool:
        return not self._whole and self._path is None

    @property
    def path(self) -> str | None:
        """The region path below which this scope sees (None: the whole country, or nothing)."""
        return self._path

    @property
    def root_code(self) -> str | None:
        """The code of the region this scope is the subtree of."""
        return self._path.rstrip("/").rsplit("/", 1)[-1] if self._path else None

    @property
    def ancestor_paths(self) -> list[str]:
        """The paths of the scope's region and of every region above it."""
        codes = [c for c in (self._path or "").split("/") if c]
        return ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]

    def contains(self, path: str) -> bool:
        if self._whole:
            return True
        return self._path is not None and bool(path) and path.startswith(self._path)

    def ensure(self, path: str) -> None:
        """Re-check before commit that a written object is inside the scope (else 404)."""
        if not self.contains(path):
            raise OutOfScope

    # --- its two forms ------------------------------------------------------------------------

    def q(self, lookup: str) -> models.Q:
        """The ORM form: a condition on the path field at ``lookup``."""
        if self._whole:
            return models.Q()
        if self._path is None:
            return models.Q(pk__in=[])
        return subtree_q(lookup, self._path)

    def sql(self, column: str) -> tuple[str, list[str]]:
        """The SQL form: a condition on ``column`` with its parameters."""
        if self._whole:
            return "1 = 1", []
        if self._path is None:
            return "1 = 0", []
        low, high = path_range(self._path)
        return f"{column} >= %s AND {column} < %s", [low, high]

    def sql_check(self, column: str) -> tuple[str, list[str | int]]:
        """The SQL form as a test of each row (a prefix compare no index serves), for reads that
        find their rows by key and only check them against the scope: as a range, PostgreSQL
        read a city's rollup rows by path (5 ms) instead of the few it was asked for by code
        (0.4 ms). The same rows as ``sql``."""
        if self._whole:
            return "1 = 1", []
        if self._path is None:
            return "1 = 0", []
        return f"SUBSTR({column}, 1, %s) = %s", [len(self._path), self._path]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scope) and (self._path, self._whole) == (other._path, other._whole)

    def __hash__(self) -> int:
        return hash((self._path, self._whole))

    def __repr__(self) -> str:
        if self._whole:
            return f"Scope.whole_country({self.reason!r})"
        return f"Scope({self._path!r})" if self._path else "Scope(nothing)"


def checked(scope: object) -> Scope:
    """The scope a read was handed, or ScopeError: no read falls open for want of one."""
    if not isinstance(scope, Scope):
        raise ScopeError(f"a scoped read needs a Scope, not {type(scope).__name__}")
    return scope


def id_in_scope(scope: object, obj: Any) -> int:
    """The id of an object the caller read in ``scope`` (its ``region_path`` inside it), for the
    SQL reads of what belongs to it; OutOfScope otherwise."""
    checked(scope).ensure(obj.region_path)
    return int(obj.pk)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows where its rows' region path lives."""

    scope_path_lookup: ClassVar[str] = "region__path"

    def restrict(self, user: User | Any) -> Self:
        return self.within(Scope.of(user))

    def within(self, scope: Scope) -> Self:
        return self.filter(checked(scope).q(self.scope_path_lookup))

    def get_in_scope(self, user: User | Any, **lookup: Any) -> Any:
        """The object, or Http404 whether it is missing or outside the user's jurisdiction."""
        try:
            return self.restrict(user).get(**lookup)
        except self.model.DoesNotExist as exc:  # type: ignore[attr-defined]
            raise Http404 from exc


def ensure_in_scope(user: Any, path: str) -> None:
    """Re-check before commit that a written object is still inside the writer's jurisdiction."""
    Scope.of(user).ensure(path)

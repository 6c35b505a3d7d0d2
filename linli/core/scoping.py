"""Jurisdiction scoping: the one place that decides what a user may see.

Every region carries a materialised path of codes ("310000/310104/310104003/"). A user's
jurisdiction is the path of their region; they see that region and everything below it. A model
that lives in a region declares where its region's path is (``scope_path_lookup``) and its
queryset's ``restrict(user)`` narrows to the jurisdiction. Out-of-scope and missing objects look
the same to the caller (both 404).

The prefix test is written as a range (``path >= p AND path < p'``) rather than ``LIKE 'p%'`` so
that a plain B-tree index serves it on SQLite as well as on PostgreSQL: paths hold only digits and
"/", and "/" sorts immediately before "0".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from linli.accounts.models import User


class Everything:
    """Marker for an unrestricted jurisdiction (the national administrator)."""


EVERYTHING = Everything()


def jurisdiction_of(user: Any) -> str | Everything | None:
    """The region path a user may see below, EVERYTHING, or None for nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return EVERYTHING
    region = getattr(user, "region", None)
    if region is None:
        return EVERYTHING if getattr(user, "is_national_admin", False) else None
    return str(region.path)


def path_range(path: str) -> tuple[str, str]:
    """Lower (inclusive) and upper (exclusive) bound of every path starting with ``path``."""
    if not path.endswith("/"):
        raise ValueError("region paths end with '/'")
    return path, path[:-1] + "0"


def path_within(path: str, scope: str | Everything | None) -> bool:
    if scope is None:
        return False
    if isinstance(scope, Everything):
        return True
    return path.startswith(scope)


def scope_filter(lookup: str, scope: str | Everything | None) -> models.Q:
    if scope is None:
        return models.Q(pk__in=[])
    if isinstance(scope, Everything):
        return models.Q()
    low, high = path_range(scope)
    return models.Q(**{f"{lookup}__gte": low, f"{lookup}__lt": high})


def scope_sql(column: str, scope: str | Everything | None) -> tuple[str, list[str]]:
    """``scope_filter`` as a SQL condition on ``column`` with its parameters, for the few hot
    reads written as SQL."""
    if scope is None:
        return "1 = 0", []
    if isinstance(scope, Everything):
        return "1 = 1", []
    low, high = path_range(scope)
    return f"{column} >= %s AND {column} < %s", [low, high]


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows where its rows' region path lives."""

    scope_path_lookup: ClassVar[str] = "region__path"

    def restrict(self, user: User | Any) -> Self:
        return self.filter(scope_filter(self.scope_path_lookup, jurisdiction_of(user)))

    def get_in_scope(self, user: User | Any, **lookup: Any) -> Any:
        """The object, or Http404 whether it is missing or outside the user's jurisdiction."""
        try:
            return self.restrict(user).get(**lookup)
        except self.model.DoesNotExist as exc:  # type: ignore[attr-defined]
            raise Http404 from exc


def ensure_in_scope(user: Any, path: str) -> None:
    """Re-check before commit that a written object is still inside the writer's jurisdiction."""
    if not path_within(path, jurisdiction_of(user)):
        raise Http404

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from linli.core.errors import StaleObjectError

M = TypeVar("M", bound=models.Model)


def lock_current(queryset: models.QuerySet[M], *, pk: Any, expected_version: int | None) -> M:
    """Lock the row for this transaction and check nobody changed it since ``expected_version``.

    Call inside ``transaction.atomic``. On PostgreSQL the row lock makes a second writer wait and
    then see the new version; on SQLite immediate transactions serialise writers the same way.
    """
    try:
        obj = queryset.select_for_update().get(pk=pk)
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404 from exc
    if expected_version is not None and obj.version != expected_version:  # type: ignore[attr-defined]
        raise StaleObjectError(
            _(
                "Someone else changed this record a moment ago. Reload the page to see their "
                "change, then try again."
            )
        )
    return obj


def bump_version(obj: models.Model) -> None:
    obj.version += 1  # type: ignore[attr-defined]

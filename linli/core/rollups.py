"""The statistics rollups as the apps below them see them: told what a write changed, and asked
for the counts a list shows.

The rollups belong to ``linli.stats``, which reads the registry, talent, grades and the region tree
to recount them, and so stands above those apps. Their services and list selectors cannot import
it without an import cycle; they call the functions here, and ``linli.stats`` registers the store
that answers them when the apps are ready (``StatsConfig.ready``).

A write reports its change inside its own transaction, next to its audit record. Unlike a model
signal, it is a call the service makes itself, so a bulk write or a management command cannot
skip it. A call made before any store is registered fails instead of letting counts drift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from linli.core.scoping import Scope


class RollupStore(Protocol):
    def organization_changed(self, before: Any, after: Any) -> None:
        """An organization appeared (``before`` None), changed, or disappeared (``after`` None);
        each side is what the rollups know of it (``linli.orgs.facts.RollupKey``)."""

    def places_touched(self, paths: tuple[str, ...]) -> None:
        """Something the indicator rollup counts changed at these region paths."""

    def organization_count(self, scope: Scope, codes: list[str], **wanted: str) -> int:
        """Organizations in these regions of ``scope``, narrowed by tier, category or status."""

    def indicator_totals(self, scope: Scope, codes: list[str]) -> dict[str, int]:
        """The indicator rollup's fields summed over these regions of ``scope``."""


_store: RollupStore | None = None


def register(store: RollupStore) -> None:
    global _store
    _store = store


def _current() -> RollupStore:
    if _store is None:
        raise RuntimeError("no rollup store registered: is linli.stats in INSTALLED_APPS?")
    return _store


def organization_changed(before: Any, after: Any) -> None:
    _current().organization_changed(before, after)


def places_touched(*paths: str) -> None:
    _current().places_touched(tuple(p for p in paths if p))


def organization_count(scope: Scope, codes: list[str], **wanted: str) -> int:
    return _current().organization_count(scope, codes, **wanted)


def indicator_totals(scope: Scope, codes: list[str]) -> dict[str, int]:
    return _current().indicator_totals(scope, codes)

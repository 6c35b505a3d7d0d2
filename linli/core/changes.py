"""How a write tells the statistics rollups what it changed, inside the write's own transaction.

The rollups belong to ``linli.stats``, which reads the registry, talent, grades and the region tree
to recount them, and so stands above those apps. Their services cannot call up into it without an
import cycle; they call these two functions instead, and ``linli.stats`` registers the keeper that
applies them when the apps are ready. Unlike a model signal this is a call the service makes
itself, next to its audit record: a bulk write or a management command cannot skip it, and a
write made before any keeper is registered fails instead of letting the counts drift.
"""

from __future__ import annotations

from typing import Any, Protocol


class RollupKeeper(Protocol):
    def organization_changed(self, before: Any, after: Any) -> None:
        """An organization appeared (``before`` None), changed, or disappeared (``after`` None);
        each side is what the rollups know of it (``linli.orgs.facts.RollupKey``)."""

    def places_touched(self, paths: tuple[str, ...]) -> None:
        """Something the indicator rollup counts changed at these region paths."""


_keeper: RollupKeeper | None = None


def register(keeper: RollupKeeper) -> None:
    global _keeper
    _keeper = keeper


def _current() -> RollupKeeper:
    if _keeper is None:
        raise RuntimeError("no rollup keeper registered: is linli.stats in INSTALLED_APPS?")
    return _keeper


def organization_changed(before: Any, after: Any) -> None:
    _current().organization_changed(before, after)


def places_touched(*paths: str) -> None:
    _current().places_touched(tuple(p for p in paths if p))

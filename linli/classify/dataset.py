"""Read the labelled names (``data/labelled.tsv``) and the no-signal list (``nosignal.txt``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
LABELLED_PATH: Final = DATA_DIR / "labelled.tsv"
NOSIGNAL_PATH: Final = DATA_DIR / "nosignal.txt"


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled name; ``nosignal`` marks names with nothing to go on."""

    name: str
    scope: str
    category: str
    tags: tuple[str, ...]
    tier: str
    area: str
    split: str
    nosignal: bool


def load_nosignal(path: Path = NOSIGNAL_PATH) -> frozenset[str]:
    return frozenset(line for line in path.read_text(encoding="utf-8").splitlines() if line)


def load_examples(path: Path = LABELLED_PATH, nosignal_path: Path = NOSIGNAL_PATH) -> list[Example]:
    flagged = load_nosignal(nosignal_path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Example(
                name=row["name"],
                scope=row["scope"],
                category=row["category"],
                tags=tuple(tag for tag in row["tags"].split("|") if tag),
                tier=row["tier"],
                area=row["area"],
                split=row["split"],
                nosignal=row["name"] in flagged,
            )
            for row in reader
        ]

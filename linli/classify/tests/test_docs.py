"""docs/classifier.md lists the whole tag vocabulary, so reviewers can trust its table."""

from __future__ import annotations

from pathlib import Path

from linli.classify.vocabulary import TAGS

DOC = Path(__file__).resolve().parents[3] / "docs" / "classifier.md"


def test_every_tag_is_in_the_documented_table() -> None:
    rows = {
        line.split("|")[1].strip() for line in DOC.read_text("utf-8").splitlines() if "| `" in line
    }
    assert {tag.name for tag in TAGS} <= rows

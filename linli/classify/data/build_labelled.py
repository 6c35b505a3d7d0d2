"""Build ``labelled.tsv`` and ``nosignal.txt`` from the hand-written ``stems.txt``.

Each stem (the part of a name that says what the organization is, e.g. "银发志愿者服务队") is
rendered two or three times with real Shanghai/Hainan place prefixes and invented community
names, as a registered organization, a filed team or a community group.  The split into
``train`` and ``holdout`` is made per stem family (a stem and the longer stems ending with it,
such as "太极拳队" and "康乐太极拳队"), so that no holdout stem, nor a shorter form of it, is
ever seen in training.

Deterministic: the same ``stems.txt`` and ``places.py`` always give the same files.  Run::

    python -m linli.classify.data.build_labelled
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from linli.classify.data import places
from linli.classify.vocabulary import CATEGORY_CODES, TAG_NAMES

SEED: Final = "linli-classify-2024"
HOLDOUT_PERCENT: Final = 25
DATA_DIR: Final = Path(__file__).resolve().parent
HEADER: Final = ("name", "scope", "category", "tags", "tier", "area", "split")

_CATEGORY_LETTERS: Final = dict(zip("CLAS", CATEGORY_CODES, strict=True))
_TIERS: Final = {"R": "registered", "T": "team", "G": "group"}


@dataclass(frozen=True, slots=True)
class Stem:
    """One line of ``stems.txt``."""

    text: str
    category: str
    nosignal: bool
    tiers: str
    area: str
    tags: tuple[str, ...]
    scope: str


@dataclass(frozen=True, slots=True)
class Row:
    """One line of ``labelled.tsv``."""

    name: str
    scope: str
    category: str
    tags: tuple[str, ...]
    tier: str
    area: str
    split: str

    def fields(self) -> tuple[str, ...]:
        return (
            self.name,
            self.scope,
            self.category,
            "|".join(self.tags),
            self.tier,
            self.area,
            self.split,
        )


def parse_stem(line: str) -> Stem:
    """Parse ``category tiers area tags stem [| scope]``."""
    head, _, scope = line.partition("|")
    letter, tiers, area, tags, text = head.split()
    nosignal = letter.startswith("N:")
    category = _CATEGORY_LETTERS[letter[2:] if nosignal else letter]
    tag_tuple = () if tags == "-" else tuple(tags.split(","))
    unknown = [tag for tag in tag_tuple if tag not in TAG_NAMES]
    if unknown or not set(tiers) <= set(_TIERS) or area not in {"U", "R", "B"}:
        raise ValueError(f"bad stem line: {line!r} (unknown tags {unknown})")
    return Stem(text, category, nosignal, tiers, area, tag_tuple, scope.strip())


def read_stems(path: Path = DATA_DIR / "stems.txt") -> list[Stem]:
    stems = [
        parse_stem(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    duplicates = [text for text, n in Counter(s.text for s in stems).items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate stems: {duplicates}")
    return stems


def family_of(text: str, stems: Iterable[str]) -> str:
    """The shortest stem that ``text`` ends with: "康乐太极拳队" and "太极拳队" are one family.

    Families keep near-duplicates on the same side of the split, so the holdout never holds a
    stem whose shorter form was trained on.
    """
    return min((s for s in stems if text.endswith(s)), key=lambda s: (len(s), s), default=text)


def split_of(stem: Stem, stems: Iterable[str]) -> str:
    """Holdout for about HOLDOUT_PERCENT % of stem families, by a seeded hash of the family."""
    family = family_of(stem.text, stems)
    digest = hashlib.sha256(f"{SEED}:{family}".encode()).digest()
    return "holdout" if int.from_bytes(digest[:4], "big") % 100 < HOLDOUT_PERCENT else "train"


def _root(unit: str) -> str:
    """ "田林街道" -> "田林", "川沙新镇" -> "川沙新", "新村乡" -> "新村"."""
    for suffix in ("街道", "镇", "乡"):
        if unit.endswith(suffix) and len(unit) > len(suffix) + 1:
            return unit[: -len(suffix)]
    return unit


def _urban_community(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.2:
        return f"{rng.choice(places.ESTATE_ROOTS)}{rng.choice(places.NUMBERS)}村"
    suffix = rng.choice(("居委", "居委会", "居民区", "居民区", "社区", "新村"))
    if kind < 0.27:
        return f"第{rng.choice(places.NUMBERS[:9])}居民区"
    return f"{rng.choice(places.URBAN_ROOTS)}{suffix}"


def _village(rng: random.Random) -> str:
    suffix = rng.choice(("村", "村", "村", "村委会", "村民委员会"))
    return f"{rng.choice(places.VILLAGE_ROOTS)}{suffix}"


def _estate(rng: random.Random) -> str:
    return f"{rng.choice(places.URBAN_ROOTS)}{rng.choice(places.ESTATE_SUFFIXES)}"


def _urban_unit(rng: random.Random) -> tuple[str, str]:
    """(county-level prefix, street or town) for an urban place."""
    if rng.random() < 0.72:
        district = rng.choice(sorted(places.SHANGHAI))
        units = places.SHANGHAI[district]
        streets = [u for u in units if u.endswith("街道")] or list(units)
        return f"上海市{district}", rng.choice(streets)
    county = rng.choice(
        [c for c in sorted(places.HAINAN) if c.startswith("海口市") or c == "儋州市"]
    )
    return county, rng.choice([u for u in places.HAINAN[county] if u.endswith("街道")])


def _rural_unit(rng: random.Random) -> tuple[str, str]:
    """(county-level prefix, town) for a rural place."""
    if rng.random() < 0.55:
        suburban = sorted(d for d in places.SHANGHAI if d not in places.SHANGHAI_CENTRAL)
        district = rng.choice(suburban)
        towns = [u for u in places.SHANGHAI[district] if u.endswith(("镇", "乡"))]
        return f"上海市{district}", rng.choice(towns)
    county = rng.choice(sorted(places.HAINAN))
    towns = [u for u in places.HAINAN[county] if u.endswith(("镇", "乡"))]
    return county, rng.choice(towns)


def _short(county: str) -> str:
    """ "上海市徐汇区" -> "徐汇区"; Hainan prefixes are kept as written."""
    return county.removeprefix("上海市")


def place_prefix(tier: str, area: str, core: str, rng: random.Random) -> str:
    """A place prefix for ``core`` as an organization of ``tier`` in ``area``."""
    if area == "none":
        if tier == "R":
            county = rng.choice(
                (f"上海市{rng.choice(sorted(places.SHANGHAI))}", rng.choice(sorted(places.HAINAN)))
            )
            return rng.choice((county, county, ""))
        return ""
    county, unit = _urban_unit(rng) if area == "urban" else _rural_unit(rng)
    community = _urban_community(rng) if area == "urban" else _village(rng)
    root = _root(unit)
    options: dict[str, tuple[str, ...]] = {
        "R": (
            f"{county}{unit}",
            f"{county}{root}社区" if area == "urban" else f"{county}{unit}",
            f"{_short(county)}{unit}",
        ),
        "T": (
            unit,
            f"{_short(county)}{unit}",
            f"{unit}{community}",
            root if area == "urban" else f"{unit}{community}",
        ),
        "G": (community, f"{unit}{community}", _estate(rng) if area == "urban" else community),
    }
    prefix = rng.choice(options[tier])
    if prefix.endswith("社区") and core.startswith("社区"):
        prefix = prefix[:-2]
    return prefix


def _area_choice(stem_area: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.14:
        return "none"
    if stem_area == "U":
        return "urban"
    if stem_area == "R":
        return "rural"
    return "urban" if roll < 0.66 else "rural"


def render(stem: Stem, taken: set[str], split: str) -> list[Row]:
    """Render ``stem`` two or three times as distinct names, all in ``split``."""
    rng = random.Random(f"{SEED}:render:{stem.text}")  # noqa: S311 - reproducible, not secret
    copies = 2 if stem.nosignal or rng.random() >= 0.15 else 3
    rows: list[Row] = []
    for _ in range(copies):
        for _attempt in range(30):
            tier = rng.choice(stem.tiers)
            area = _area_choice(stem.area, rng)
            prefix = place_prefix(tier, area, stem.text, rng)
            name = prefix + stem.text
            if name not in taken:
                break
        else:
            continue
        taken.add(name)
        with_scope = stem.scope and rng.random() < (0.8 if tier == "R" else 0.5)
        rows.append(
            Row(
                name,
                stem.scope if with_scope else "",
                stem.category,
                stem.tags,
                _TIERS[tier],
                area if prefix else "none",
                split,
            )
        )
    return rows


def build(stems: list[Stem]) -> tuple[list[Row], list[str]]:
    """All rows, and the names of the no-signal rows."""
    taken: set[str] = set()
    rows: list[Row] = []
    nosignal: list[str] = []
    texts = [stem.text for stem in stems]
    for stem in stems:
        rendered = render(stem, taken, split_of(stem, texts))
        rows.extend(rendered)
        if stem.nosignal:
            nosignal.extend(row.name for row in rendered)
    return rows, nosignal


def write(rows: list[Row], nosignal: list[str], directory: Path = DATA_DIR) -> None:
    lines = ["\t".join(HEADER)] + ["\t".join(row.fields()) for row in rows]
    (directory / "labelled.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "nosignal.txt").write_text("\n".join(nosignal) + "\n", encoding="utf-8")


def summary(rows: list[Row], nosignal: list[str]) -> str:
    flagged = set(nosignal)
    count = Counter((row.split, row.category) for row in rows if row.name not in flagged)
    lines = [f"rows {len(rows)} (no-signal {len(flagged)})"]
    for split in ("train", "holdout"):
        parts = ", ".join(f"{code} {count[split, code]}" for code in CATEGORY_CODES)
        lines.append(f"  {split}: {sum(count[split, c] for c in CATEGORY_CODES)} — {parts}")
    lines.append(
        "  tiers: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.tier for r in rows).items()))
    )
    lines.append(
        "  areas: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.area for r in rows).items()))
    )
    lines.append(f"  with scope: {sum(1 for r in rows if r.scope)}")
    return "\n".join(lines)


def main() -> None:
    stems = read_stems()
    rows, nosignal = build(stems)
    write(rows, nosignal)
    texts = [stem.text for stem in stems]
    held = Counter(split_of(s, texts) for s in stems)
    sys.stdout.write(f"stems {len(stems)} (train {held['train']}, holdout {held['holdout']})\n")
    sys.stdout.write(summary(rows, nosignal) + "\n")


if __name__ == "__main__":
    main()

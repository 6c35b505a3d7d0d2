"""Reads for relabelling, always through the user's jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from linli.core.scoping import subtree_q
from linli.orgs.choices import Category
from linli.regions.models import Region
from linli.relabel.choices import RELABELLED, REVIEWED, Outcome
from linli.relabel.models import RelabelItem, RelabelRun

#: What the queue of a run can show: key -> outcomes.
VIEWS: dict[str, tuple[str, ...]] = {
    "queued": (Outcome.QUEUED,),
    "changed": tuple(RELABELLED),
    "rejected": (Outcome.REJECTED, Outcome.SUPERSEDED),
    "all": tuple(Outcome.values),
}


def run_list(*, user: Any) -> QuerySet[RelabelRun]:
    return RelabelRun.objects.restrict(user).select_related("region", "started_by")


def run_get(*, user: Any, run_id: int) -> RelabelRun:
    """A run whose region is inside the user's jurisdiction, or Http404."""
    return RelabelRun.objects.select_related("region", "started_by").get_in_scope(user, pk=run_id)


def run_progress(*, run: RelabelRun) -> dict[str, int]:
    """How many items of the run have each outcome (every outcome present, zero if none)."""
    counts = dict.fromkeys(Outcome.values, 0)
    rows = run.items.values("outcome").annotate(n=Count("id")).order_by()
    for row in rows:
        counts[row["outcome"]] = row["n"]
    return counts


def default_view(progress: dict[str, int]) -> str:
    return "queued" if progress[Outcome.QUEUED] else "changed"


def run_items(*, user: Any, run: RelabelRun, view: str) -> QuerySet[RelabelItem]:
    outcomes = VIEWS.get(view, VIEWS["queued"])
    return (
        RelabelItem.objects.restrict(user)
        .filter(run=run, outcome__in=outcomes)
        .select_related("organization", "organization__region", "decided_by")
        .order_by("confidence", "id")
    )


def item_get(*, user: Any, item_id: int) -> RelabelItem:
    return RelabelItem.objects.select_related(
        "run", "organization", "organization__region", "decided_by"
    ).get_in_scope(user, pk=item_id)


# --- the report ---------------------------------------------------------------------------------


@dataclass
class Cell:
    auto: int = 0
    reviewed: int = 0

    @property
    def total(self) -> int:
        return self.auto + self.reviewed

    def add(self, outcome: str, n: int) -> None:
        if outcome in REVIEWED:
            self.reviewed += n
        else:
            self.auto += n


@dataclass
class ReportRow:
    region: Region | None
    label: str
    cells: dict[str, Cell] = field(default_factory=lambda: {c: Cell() for c in Category.values})
    has_children: bool = False

    @property
    def total(self) -> Cell:
        return Cell(
            auto=sum(c.auto for c in self.cells.values()),
            reviewed=sum(c.reviewed for c in self.cells.values()),
        )

    @property
    def ordered_cells(self) -> list[Cell]:
        return [self.cells[c] for c in Category.values]


@dataclass
class Report:
    region: Region | None
    rows: list[ReportRow]
    totals: ReportRow


def _child_code(path: str, base_path: str) -> str:
    """The code of the child of ``base_path`` on the way to ``path`` ("" for the base itself)."""
    return path[len(base_path) :].split("/", 1)[0]


def _report_rows(user: Any, base: Region | None) -> tuple[dict[str, ReportRow], ReportRow | None]:
    children = Region.objects.restrict(user).annotate(child_count=Count("children"))
    children = children.filter(parent=base) if base else children.filter(parent__isnull=True)
    rows = {
        child.code: ReportRow(child, child.name, has_children=child.child_count > 0)
        for child in children.order_by("code")
    }
    itself = (
        ReportRow(base, _("%(name)s (placed at this level)") % {"name": base.name})
        if base
        else None
    )
    return rows, itself


def relabel_report(*, user: Any, region: Region | None) -> Report:
    """Organizations relabelled (automatically or by a reviewer) per sub-region and category.

    ``region`` is the region to break down (the user's own when None); the counts are of
    changes, so an organization relabelled by two runs counts twice.
    """
    base = region or getattr(user, "region", None)
    rows, itself = _report_rows(user, base)
    items = RelabelItem.objects.restrict(user).filter(outcome__in=RELABELLED)
    if base is not None:
        items = items.filter(subtree_q("organization__region_path", base.path))
    grouped = (
        items.values("organization__region_path", "final_category", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    totals = ReportRow(None, _("Total"))
    base_path = base.path if base else ""
    for entry in grouped:
        code = _child_code(entry["organization__region_path"], base_path)
        row = rows.get(code) if code else itself
        if row is None or entry["final_category"] not in row.cells:
            continue
        row.cells[entry["final_category"]].add(entry["outcome"], entry["n"])
        totals.cells[entry["final_category"]].add(entry["outcome"], entry["n"])
    ordered = list(rows.values())
    if itself is not None and itself.total.total:
        ordered.append(itself)
    return Report(base, ordered, totals)

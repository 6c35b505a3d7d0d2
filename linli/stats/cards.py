"""The dashboard's number cards, drawn in Python like its tables (see linli.core.tables): a
dozen cards of a value, a label and a link to the list behind the value cost some seventy
template nodes, eight of them ``blocktranslate`` at about 70 µs each, on every dashboard.

The labels are the same messages the template had (same msgids), and the values are formatted
as the template's filters did (``floatformat`` itself; counts grouped by thousands)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from linli.core.navigation import fixed_url
from linli.stats.tables import grouped

LINKED = (
    '<div class="col-6 col-md-3 col-xl-2"><a class="card p-3 text-decoration-none text-reset" '
    'href="{}"><div class="stat" data-testid="{}">{}</div><div class="stat-label">{}</div>'
    "</a></div>"
)
PLAIN = (
    '<div class="col-6 col-md-3 col-xl-2"><div class="card p-3"><div class="stat" '
    'data-testid="{}">{}</div><div class="stat-label">{}</div></div></div>'
)


@dataclass(frozen=True)
class Card:
    testid: str
    value: str
    label: str
    link: str = ""


def _or_dash(value: Any, places: int, suffix: str = "") -> str:
    return "—" if value is None else f"{floatformat(value, places)}{suffix}"


def dashboard_cards(data: dict[str, Any], region: Any) -> dict[str, SafeString]:
    """The registry row (counts by tier, party building, organizations per community) and the
    people row (training, social-work talents, grades) of a region's dashboard."""
    totals, ind, targets = data["totals"], data["indicators"], data["targets"]
    orgs = f"{fixed_url('orgs:list')}?region={region.code}&status=active"
    talents = f"{fixed_url('talent:list')}?region={region.code}"
    coverage = (
        # As ``widthratio`` computed it.
        f"{round(totals.with_party_building / totals.active * 100)}%" if totals.active else "—"
    )
    registry = [
        Card("total-active", grouped(totals.active), _("Active organizations"), orgs),
        *(
            Card(
                f"tier-{value}",
                grouped(totals.by_tier.get(value, 0)),
                label,
                f"{orgs}&tier={value}",
            )
            for value, label in data["tiers"]
        ),
        Card(
            "party-coverage",
            coverage,
            _("Party-building coverage (list: those without)"),
            f"{orgs}&party_building=none",
        ),
        Card(
            "urban-average",
            _or_dash(ind.urban_average, 1),
            _("Per urban community (target %(t)s)") % {"t": floatformat(targets.urban, 0)},
        ),
        Card(
            "rural-average",
            _or_dash(ind.rural_average, 1),
            _("Per rural community (target %(t)s)") % {"t": floatformat(targets.rural, 0)},
        ),
    ]
    people = [
        Card(
            "training-coverage",
            _or_dash(ind.training_coverage, 0, "%"),
            _("Leaders trained in 5 years (%(a)s/%(b)s; list: not yet)")
            % {"a": grouped(ind.orgs_with_trained_leader), "b": grouped(ind.orgs_with_leader)},
            f"{orgs}&leader_training=untrained",
        ),
        Card(
            "talents",
            grouped(ind.talents),
            _("Social-work talents (%(a)s per community; target %(u)s/%(r)s)")
            % {
                "a": _or_dash(ind.talents_per_community, 1),
                "u": targets.talents_urban,
                "r": targets.talents_rural,
            },
            talents,
        ),
        Card(
            "certified-talents",
            grouped(ind.certified_talents),
            _("of them certified social workers"),
            f"{talents}&certified=yes",
        ),
        Card(
            "certified-share",
            _or_dash(ind.certified_share, 1, "%"),
            _("Certified social workers among people in organizations (%(a)s/%(b)s)")
            % {"a": grouped(ind.certified_roles), "b": grouped(ind.roles)},
        ),
        Card(
            "graded-3a",
            grouped(ind.graded_3a),
            _("Graded 3A and above (%(s)s%% of registered; target %(t)s%%)")
            % {
                "s": _or_dash(data["share_3a"], 1),
                "t": floatformat(targets.grade_3a_share, 0),
            },
            f"{orgs}&grade=3a",
        ),
        Card(
            "graded",
            grouped(ind.graded),
            _("Registered organizations with a valid grade"),
            f"{orgs}&grade=graded",
        ),
    ]
    return {"registry": _row(registry), "people": _row(people)}


def _row(cards: list[Card]) -> SafeString:
    parts = []
    for card in cards:
        value, label = escape(card.value), escape(card.label)
        if card.link:
            parts.append(LINKED.format(escape(card.link), card.testid, value, label))
        else:
            parts.append(PLAIN.format(card.testid, value, label))
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

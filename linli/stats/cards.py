"""The dashboard's number cards (drawn by linli.core.cards): the registry row and the people row.

The labels are the messages the template had (same msgids); ratios are formatted by
``floatformat`` as the template did, counts by ``grouped``."""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from linli.core.cards import Card, card_row, grouped
from linli.core.navigation import fixed_url


def _or_say(value: Any, places: int, suffix: str, nothing: str) -> str:
    """The ratio, or what is missing for it (a sentence, not a bare "—%")."""
    return nothing if value is None else f"{floatformat(value, places)}{suffix}"


def _or_dash(value: Any, places: int, suffix: str = "") -> str:
    return "—" if value is None else f"{floatformat(value, places)}{suffix}"


def _card(testid: str, value: str, label: str, link: str = "") -> Card:
    return Card(value, label, link, testid)


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
        _card("total-active", grouped(totals.active), _("Active organizations"), orgs),
        *(
            _card(
                f"tier-{value}",
                grouped(totals.by_tier.get(value, 0)),
                label,
                f"{orgs}&tier={value}",
            )
            for value, label in data["tiers"]
        ),
        _card(
            "party-coverage",
            coverage,
            _("Party-building coverage (list: those without)"),
            f"{orgs}&party_building=none",
        ),
        _card(
            "urban-average",
            _or_say(ind.urban_average, 1, "", _("No urban communities")),
            _("Per urban community (target %(t)s)") % {"t": floatformat(targets.urban, 0)},
        ),
        _card(
            "rural-average",
            _or_say(ind.rural_average, 1, "", _("No rural communities")),
            _("Per rural community (target %(t)s)") % {"t": floatformat(targets.rural, 0)},
        ),
    ]
    people = [
        _card(
            "training-coverage",
            _or_say(ind.training_coverage, 0, "%", _("No responsible people yet")),
            _("Leaders trained in 5 years (%(a)s/%(b)s; list: not yet)")
            % {"a": grouped(ind.orgs_with_trained_leader), "b": grouped(ind.orgs_with_leader)},
            f"{orgs}&leader_training=untrained",
        ),
        _card(
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
        _card(
            "certified-talents",
            grouped(ind.certified_talents),
            _("of them certified social workers"),
            f"{talents}&certified=yes",
        ),
        _card(
            "certified-share",
            _or_say(ind.certified_share, 1, "%", _("No people in organizations yet")),
            _("Certified social workers among people in organizations (%(a)s/%(b)s)")
            % {"a": grouped(ind.certified_roles), "b": grouped(ind.roles)},
        ),
        _card(
            "graded-3a",
            grouped(ind.graded_3a),
            (
                _("Graded 3A and above (%(s)s%% of registered; target %(t)s%%)")
                if data["share_3a"] is not None
                else _("Graded 3A and above (no registered organizations yet; target %(t)s%%)")
            )
            % {
                "s": _or_dash(data["share_3a"], 1),
                "t": floatformat(targets.grade_3a_share, 0),
            },
            f"{orgs}&grade=3a",
        ),
        _card(
            "graded",
            grouped(ind.graded),
            _("Registered organizations with a valid grade"),
            f"{orgs}&grade=graded",
        ),
    ]
    return {"registry": card_row(registry), "people": card_row(people)}

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from linli.core.cards import Card, card_row, grouped
from linli.core.navigation import fixed_url
from linli.core.types import AuthedRequest
from linli.workbench import selectors


def workbench(request: AuthedRequest) -> HttpResponse:
    context = selectors.workbench(user=request.user)
    return render(request, "workbench/workbench.html", {**context, **_cards(context)})


def _cards(context: dict[str, Any]) -> dict[str, Any]:
    """The day's two numbers (with their lists) and the region's communities, as cards."""
    cards: dict[str, Any] = {}
    summary, counts, region = context["summary"], context["counts"], context["region"]
    if summary:
        orgs = f"{fixed_url('orgs:list')}?region={region.code}&status=active"
        todo = f"{fixed_url('applications:list')}?box=todo"
        queue = (
            [
                Card(
                    grouped(summary["todo"]),
                    _("Applications waiting for my decision"),
                    todo,
                    testid="todo-count",
                )
            ]
            if summary["todo"] is not None
            else []
        )
        cards["summary_cards"] = card_row(
            [*queue, Card(grouped(summary["totals"].active), _("Active organizations"), orgs)],
            width="col-6 col-md-3",
        )
    if counts:
        cards["community_cards"] = card_row(
            [
                Card(grouped(counts["total"]), _("Communities"), testid="community-total"),
                Card(grouped(counts["urban"]), _("Residents' committees")),
                Card(grouped(counts["rural"]), _("Villagers' committees")),
            ],
            width="col-4 col-md-3",
        )
    return cards

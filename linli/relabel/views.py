"""Pages for bulk relabelling: runs, the review queue of a run, and the report."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.roles import CHANGE_ORGS, VIEW_ORGS
from linli.core.types import AuthedRequest
from linli.orgs.choices import Category
from linli.regions.models import Region
from linli.regions.selectors import region_get
from linli.relabel import selectors, services
from linli.relabel.forms import CorrectForm, ReportForm, RunForm
from linli.relabel.models import RelabelItem

PAGE_SIZE = 50
#: A run started from the browser classifies at most this many organizations; larger regions
#: are relabelled with ``manage.py relabel`` (no request timeout there).
WEB_LIMIT: int = getattr(settings, "RELABEL_WEB_LIMIT", 50_000)


def _is_htmx(request: AuthedRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# --- runs ---------------------------------------------------------------------------------------


def _region_in_scope(request: AuthedRequest, code: str) -> Region | None:
    return Region.objects.restrict(request.user).filter(code=code.strip()).first()


def _start_run(request: AuthedRequest, form: RunForm) -> int | None:
    """Start the run the form asks for; the run's id, or None with errors put on the form."""
    region = _region_in_scope(request, form.cleaned_data["region"])
    if region is None:
        form.add_error("region", _("There is no region with this code in your area."))
        return None
    count = services.organizations_to_classify(actor=request.user, region=region)
    if count > WEB_LIMIT:
        form.add_error(
            "region",
            _(
                "%(count)s organizations are too many for one run from the browser (at most "
                "%(limit)s). Choose a smaller region, or use “manage.py relabel”."
            )
            % {"count": count, "limit": WEB_LIMIT},
        )
        return None
    try:
        run = services.relabel_run(
            actor=request.user,
            region=region,
            threshold=form.cleaned_data["threshold"],
            tags_too=form.cleaned_data["tags_too"],
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None
    return run.pk


@permission_required(VIEW_ORGS, raise_exception=True)
def run_list(request: AuthedRequest) -> HttpResponse:
    can_run = services.may_relabel(request.user)
    initial = {"region": request.user.region.code if request.user.region else ""}
    form = RunForm(request.POST if request.method == "POST" and can_run else None, initial=initial)
    if request.method == "POST" and can_run and form.is_valid():
        run_id = _start_run(request, form)
        if run_id is not None:
            messages.success(request, _("The run has finished."))
            return redirect("relabel:run", run_id=run_id)
    page = Paginator(selectors.run_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "relabel/run_list.html", {"form": form, "page": page, "can_run": can_run}
    )


@permission_required(VIEW_ORGS, raise_exception=True)
def run_detail(request: AuthedRequest, run_id: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, run_id=run_id)
    progress = selectors.run_progress(run=run)
    view = request.GET.get("show") or selectors.default_view(progress)
    if view not in selectors.VIEWS:
        view = "queued"
    items = selectors.run_items(user=request.user, run=run, view=view)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "relabel/run_detail.html",
        {
            "run": run,
            "progress": progress,
            "view": view,
            "views": [(key, _view_label(key)) for key in selectors.VIEWS],
            "page": page,
            "can_decide": services.may_relabel(request.user),
        },
    )


def _view_label(key: str) -> str:
    return {
        "queued": _("Waiting for review"),
        "changed": _("Relabelled"),
        "rejected": _("Kept or replaced"),
        "all": _("All suggestions"),
    }[key]


# --- decisions ----------------------------------------------------------------------------------


def _row(request: AuthedRequest, item_id: int, error: str = "", status: int = 200) -> HttpResponse:
    item = selectors.item_get(user=request.user, item_id=item_id)
    context = {"item": item, "error": error, "can_decide": True}
    return render(request, "relabel/_item_row.html", context, status=status)


def _after_decision(
    request: AuthedRequest, item: RelabelItem, done: str, error: str = ""
) -> HttpResponse:
    if _is_htmx(request):
        return _row(request, item.pk, error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(reverse("relabel:run", args=[item.run_id]) + f"#item-{item.pk}")


def _decide(request: AuthedRequest, item_id: int, action: str) -> HttpResponse:
    item = selectors.item_get(user=request.user, item_id=item_id)
    try:
        if action == "accept":
            services.relabel_accept(actor=request.user, item_id=item.pk)
            done = _("Accepted: %(name)s has been relabelled.")
        else:
            services.relabel_reject(actor=request.user, item_id=item.pk)
            done = _("Kept as it was: %(name)s.")
    except DomainError as exc:
        return _after_decision(request, item, "", error=exc.message)
    return _after_decision(request, item, done % {"name": item.organization.name})


@require_POST
@permission_required(CHANGE_ORGS, raise_exception=True)
def item_accept(request: AuthedRequest, item_id: int) -> HttpResponse:
    return _decide(request, item_id, "accept")


@require_POST
@permission_required(CHANGE_ORGS, raise_exception=True)
def item_reject(request: AuthedRequest, item_id: int) -> HttpResponse:
    return _decide(request, item_id, "reject")


def _correct_initial(item: RelabelItem) -> dict[str, Any]:
    return {"category": item.suggested_category, "tags": list(item.suggested_tags)}


@permission_required(CHANGE_ORGS, raise_exception=True)
def item_correct(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, item_id=item_id)
    form = CorrectForm(request.POST or None, initial=_correct_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.relabel_correct(
                actor=request.user,
                item_id=item.pk,
                category=form.cleaned_data["category"],
                tags=form.cleaned_data["tags"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            done = _("Corrected: %(name)s has been relabelled.")
            return _after_decision(request, item, done % {"name": item.organization.name})
    if request.GET.get("cancel") and _is_htmx(request):
        return _row(request, item.pk)
    template = "relabel/_correct_row.html" if _is_htmx(request) else "relabel/item_correct.html"
    return render(request, template, {"item": item, "form": form})


# --- report -------------------------------------------------------------------------------------


@permission_required(VIEW_ORGS, raise_exception=True)
def report(request: AuthedRequest) -> HttpResponse:
    code = request.GET.get("region", "").strip()
    region = region_get(user=request.user, code=code) if code else None
    result = selectors.relabel_report(user=request.user, region=region)
    form = ReportForm(initial={"region": result.region.code if result.region else ""})
    context = {"report": result, "form": form, "categories": Category.choices}
    return render(request, "relabel/report.html", context)

"""Ledger pages: upload and dry run, report and confirm, template download, export."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from linli.core.errors import DomainError
from linli.core.roles import CHANGE_ORGS, REVEAL_PERSONAL_DATA, VIEW_ORGS
from linli.core.types import AuthedRequest
from linli.ledgers import services
from linli.ledgers.columns import COLUMNS
from linli.ledgers.export import (
    export_count,
    export_filters,
    export_organizations,
    too_many_message,
)
from linli.ledgers.forms import FullExportForm, LedgerUploadForm
from linli.ledgers.models import UploadState
from linli.ledgers.template import build_template
from linli.orgs.selectors import organization_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE_ORGS, raise_exception=True)
def import_start(request: AuthedRequest) -> HttpResponse:
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.upload_receive(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("ledgers:import_report", upload_id=upload.pk)
    return render(request, "ledgers/import_start.html", {"form": form, "columns": COLUMNS})


@require_GET
@permission_required(CHANGE_ORGS, raise_exception=True)
def import_report(request: AuthedRequest, upload_id: UUID) -> HttpResponse:
    upload = services.upload_get(actor=request.user, upload_id=upload_id)
    report = services.ImportReport.from_dict(upload.report)
    template = "ledgers/_import_report.html" if request.htmx else "ledgers/import_report.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "upload": upload,
            "report": report,
            "can_confirm": upload.state == UploadState.READY
            and report.ok
            and not upload.is_expired,
            "imported": upload.state == UploadState.IMPORTED,
            "importing": upload.state == UploadState.IMPORTING,
        },
    )


@require_POST
@permission_required(CHANGE_ORGS, raise_exception=True)
def import_confirm(request: AuthedRequest, upload_id: UUID) -> HttpResponse:
    try:
        upload = services.upload_confirm(actor=request.user, upload_id=upload_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if upload.state == UploadState.IMPORTED:
            messages.success(request, _("The ledger has been imported."))
    return redirect("ledgers:import_report", upload_id=upload_id)


@require_GET
@permission_required(CHANGE_ORGS, raise_exception=True)
def template_download(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(build_template(request.user), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename="社区社会组织台账模板.xlsx"
    )
    return response


@require_GET
@permission_required(VIEW_ORGS, raise_exception=True)
def export_options(request: AuthedRequest) -> HttpResponse:
    organizations, filterset = organization_list(user=request.user, params=request.GET)
    filters = export_filters(request.GET)
    labels = {name: filterset.form.fields[name].label for name in filters}
    counted = export_count(organizations)
    return render(
        request,
        "ledgers/export.html",
        {
            "count": counted.value,
            "too_many": "" if counted.exact else too_many_message(),
            "filters": [(labels[name], value) for name, value in filters.items()],
            "query": request.GET.urlencode(),
            "can_reveal": request.user.has_perm(REVEAL_PERSONAL_DATA),
            "form": FullExportForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(VIEW_ORGS, raise_exception=True)
def export_xlsx(request: AuthedRequest) -> HttpResponseBase:
    """GET: masked personal data. POST (with a purpose): full data, for those allowed to see it."""
    full = request.method == "POST"
    purpose = ""
    if full:
        form = FullExportForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("State why you need the full ID numbers and phones."))
            return redirect(export_options_url(request))
        purpose = form.cleaned_data["purpose"]
    try:
        export = export_organizations(
            actor=request.user, params=request.GET, full=full, purpose=purpose
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(export_options_url(request))
    response = FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type=XLSX
    )
    response["Cache-Control"] = "no-store"
    return response


def export_options_url(request: AuthedRequest) -> str:
    query = request.GET.urlencode()
    return reverse("ledgers:export_options") + (f"?{query}" if query else "")

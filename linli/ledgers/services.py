"""Ledger import: dry run, confirmation and the pending upload between them.

One code path serves the web pages and ``manage.py import_ledger``: check the file's bytes, read
the sheet, plan, and (when confirming) apply the plan in one transaction through the registry's
own services, with one IMPORT audit row. A plan with any row error is never applied.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import audit
from linli.core.choices import AuditEventType
from linli.core.errors import DomainError
from linli.core.roles import CHANGE_ORGS
from linli.ledgers import storage
from linli.ledgers.columns import TIER_LABELS, label_of
from linli.ledgers.files import MAX_BYTES, check_size, check_xlsx
from linli.ledgers.models import LedgerUpload, UploadState
from linli.ledgers.parse import Sheet, read_sheet
from linli.ledgers.plan import CREATE, UNCHANGED, UPDATE, Plan, PlanEntry, build_plan
from linli.orgs import services as org_services
from linli.orgs.choices import PersonRole
from linli.orgs.models import Organization
from linli.stats.services import deferred_rollups

PENDING_FOR = timedelta(hours=2)
BACKGROUND_FROM_ROWS = 200  # smaller files are imported within the request
logger = logging.getLogger(__name__)
SHOWN_ERRORS = 500
SHOWN_ENTRIES = 500


@dataclass
class ImportReport:
    """What a dry run found or a confirmed import did; stored as JSON for the report page."""

    filename: str
    total_rows: int
    created: int
    updated: int
    unchanged: int
    error_rows: int
    errors: list[dict[str, Any]] = field(default_factory=list)  # row, column, message
    errors_total: int = 0
    entries: list[dict[str, Any]] = field(default_factory=list)  # created and updated rows
    digest: str = ""
    committed: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_rows == 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


class PlanChanged(DomainError):
    """The registry changed between the dry run and the confirmation."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            _(
                "The registry has changed since the dry run. Nothing was imported; check the "
                "new report below and confirm again."
            )
        )
        self.report = report


def report_of(plan: Plan, filename: str, started: float) -> ImportReport:
    return ImportReport(
        filename=filename,
        total_rows=plan.total_rows,
        created=plan.count(CREATE),
        updated=plan.count(UPDATE),
        unchanged=plan.count(UNCHANGED),
        error_rows=plan.error_rows,
        errors=[asdict(error) for error in plan.errors[:SHOWN_ERRORS]],
        errors_total=len(plan.errors),
        entries=[entry_summary(e) for e in plan.entries if e.action != UNCHANGED][:SHOWN_ENTRIES],
        digest=plan.digest(),
        seconds=round(time.perf_counter() - started, 3),
    )


def entry_summary(entry: PlanEntry) -> dict[str, Any]:
    return {
        "row": entry.row,
        "action": entry.action,
        "name": entry.data.name,
        "tier": label_of(TIER_LABELS, entry.data.tier),
        "region": entry.data.region.name,
        "changes": list(entry.changes),
    }


# --- The one code path ---------------------------------------------------------------------


def ensure_can_import(actor: Any) -> None:
    if actor is None or not actor.has_perm(CHANGE_ORGS):
        raise PermissionDenied


def read_ledger(content: bytes, filename: str) -> Sheet:
    """Refuse a bad file before opening it, then read its data sheet (LedgerFileError)."""
    check_xlsx(content, filename)
    return read_sheet(content)


def ledger_dry_run(*, actor: Any, content: bytes, filename: str) -> ImportReport:
    """What importing the file would do; writes nothing."""
    started = time.perf_counter()
    ensure_can_import(actor)
    sheet = read_ledger(content, filename)
    return report_of(build_plan(actor, sheet), filename, started)


def ledger_import(
    *, actor: Any, content: bytes, filename: str, expected_digest: str | None = None
) -> ImportReport:
    """Check again and import all rows in one transaction, or nothing.

    With ``expected_digest`` (from the dry run the user saw), refuses with PlanChanged when the
    plan is no longer the same. Returns an uncommitted report when any row has an error.
    """
    started = time.perf_counter()
    ensure_can_import(actor)
    sheet = read_ledger(content, filename)
    try:
        with transaction.atomic():
            plan = build_plan(actor, sheet, lock_streets=True)
            report = report_of(plan, filename, started)
            if not report.ok:
                return report
            if expected_digest is not None and report.digest != expected_digest:
                raise PlanChanged(report)
            apply_plan(actor, plan)
            record_import(actor, report, content)
    except IntegrityError as exc:
        raise DomainError(
            _(
                "Someone else changed the registry during the import, so nothing was imported. "
                "Try again."
            )
        ) from exc
    report.committed = True
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def apply_plan(actor: Any, plan: Plan) -> None:
    with deferred_rollups():
        _apply_entries(actor, plan)


def _apply_entries(actor: Any, plan: Plan) -> None:
    for entry in plan.entries:
        if entry.action == UNCHANGED:
            continue
        org = apply_organization(actor, entry)
        if entry.person_changed and entry.person is not None:
            person = org_services.person_upsert(data=entry.person)
            org_services.membership_add(
                organization=org, person=person, role=PersonRole.RESPONSIBLE
            )


def apply_organization(actor: Any, entry: PlanEntry) -> Organization:
    if entry.action == CREATE:
        return org_services.organization_create(actor=actor, data=entry.data)
    if entry.org_changed and entry.org_id is not None:
        return org_services.organization_update(
            actor=actor, org_id=entry.org_id, expected_version=entry.version, data=entry.data
        )
    return Organization.objects.restrict(actor).get(pk=int(entry.org_id or 0))


def record_import(actor: Any, report: ImportReport, content: bytes) -> None:
    audit.record(
        AuditEventType.IMPORT,
        actor=actor,
        detail={
            "kind": "organization_ledger",
            "file": report.filename[:100],
            "sha256": hashlib.sha256(content).hexdigest(),
            "rows": report.total_rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )


# --- Pending uploads (web) -----------------------------------------------------------------


def upload_receive(*, actor: Any, upload: UploadedFile) -> LedgerUpload:
    """Check and dry-run an uploaded file; keep it (encrypted) only if it could be imported."""
    ensure_can_import(actor)
    check_size(upload.size)
    content = upload.read(MAX_BYTES + 1)
    filename = PurePath(upload.name or "ledger.xlsx").name[:200]
    report = ledger_dry_run(actor=actor, content=content, filename=filename)
    uploads_purge()
    with transaction.atomic():
        for earlier in LedgerUpload.objects.filter(user=actor, state=UploadState.READY):
            discard(earlier)
        stored_name = storage.store_pending(content) if report.ok else ""
        return LedgerUpload.objects.create(
            user=actor,
            stored_name=stored_name,
            original_name=filename,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            state=UploadState.READY if report.ok else UploadState.REFUSED,
            report=report.to_dict(),
            expires_at=timezone.now() + PENDING_FOR,
        )


def upload_get(*, actor: Any, upload_id: Any) -> LedgerUpload:
    upload = LedgerUpload.objects.filter(pk=upload_id, user=actor).first()
    if upload is None:
        raise Http404
    return upload


def upload_confirm(*, actor: Any, upload_id: Any) -> LedgerUpload:
    """Import a checked upload: the stored file is read and checked again, then imported.

    The upload is first claimed (ready -> importing) under a row lock, so a double click or a
    second tab cannot import it twice. Large files run in a background thread when
    ``LEDGER_IMPORT_IN_BACKGROUND`` is on (the default); the report page polls until done.
    """
    ensure_can_import(actor)
    upload = upload_claim(actor=actor, upload_id=upload_id)
    if in_background(upload):
        context = contextvars.copy_context()  # keeps the request id and IP for the audit row
        worker = threading.Thread(
            target=context.run,
            args=(run_claimed_in_thread, actor, upload.pk),
            name=f"ledger-import-{upload.pk}",
            daemon=True,
        )
        worker.start()
        return upload
    run_claimed(actor, upload.pk)
    upload.refresh_from_db()
    return upload


def in_background(upload: LedgerUpload) -> bool:
    threshold = getattr(settings, "LEDGER_BACKGROUND_FROM_ROWS", BACKGROUND_FROM_ROWS)
    enabled = getattr(settings, "LEDGER_IMPORT_IN_BACKGROUND", True)
    return bool(enabled) and upload.report.get("total_rows", 0) >= threshold


def upload_claim(*, actor: Any, upload_id: Any) -> LedgerUpload:
    with transaction.atomic():
        upload = LedgerUpload.objects.select_for_update().filter(pk=upload_id, user=actor).first()
        if upload is None:
            raise Http404
        if upload.state != UploadState.READY:
            raise DomainError(_("This file has already been imported or refused; upload it again."))
        if upload.is_expired:
            raise DomainError(_("The checked file has expired. Upload it again."))
        upload.state = UploadState.IMPORTING
        upload.notice = ""
        upload.expires_at = timezone.now() + PENDING_FOR
        upload.save(update_fields=["state", "notice", "expires_at"])
    return upload


def run_claimed_in_thread(actor: Any, upload_id: Any) -> None:
    try:
        run_claimed(actor, upload_id)
    except Exception:
        logger.exception("ledger import %s failed", upload_id)
    finally:
        connections.close_all()  # this thread's connections only


def run_claimed(actor: Any, upload_id: Any) -> None:
    """Import a claimed upload and record the outcome on it (never raises a DomainError)."""
    upload = LedgerUpload.objects.get(pk=upload_id)
    state, notice = UploadState.REFUSED, ""
    try:
        report = ledger_import(
            actor=actor,
            content=pending_content(upload),
            filename=upload.original_name,
            expected_digest=upload.report.get("digest", ""),
        )
        upload.report = report.to_dict()
        state = UploadState.IMPORTED if report.committed else UploadState.REFUSED
        if not report.committed:
            notice = _("Some rows are no longer valid, so nothing was imported.")
    except PlanChanged as exc:
        upload.report, state, notice = exc.report.to_dict(), UploadState.READY, exc.message
    except DomainError as exc:
        notice = exc.message
    except Exception:
        upload.state = UploadState.READY
        upload.notice = _("The import failed unexpectedly and nothing was imported. Try again.")
        upload.save(update_fields=["state", "notice"])
        raise
    upload.state, upload.notice = state, notice[:300]
    upload.save(update_fields=["report", "state", "notice"])
    if state != UploadState.READY:
        storage.delete_pending(upload.stored_name)


def pending_content(upload: LedgerUpload) -> bytes:
    try:
        content = storage.read_pending(upload.stored_name)
    except FileNotFoundError as exc:
        raise DomainError(_("The checked file has expired. Upload it again.")) from exc
    if hashlib.sha256(content).hexdigest() != upload.sha256:
        raise DomainError(_("The checked file has expired. Upload it again."))
    return content


def discard(upload: LedgerUpload) -> None:
    storage.delete_pending(upload.stored_name)
    upload.delete()


def uploads_purge() -> int:
    """Remove expired uploads and their files (and stray files older than the expiry)."""
    now = timezone.now()
    running = Q(state=UploadState.IMPORTING, expires_at__gt=now - PENDING_FOR)
    expired = list(LedgerUpload.objects.filter(expires_at__lte=now).exclude(running))
    for upload in expired:
        discard(upload)
    known = set(LedgerUpload.objects.exclude(stored_name="").values_list("stored_name", flat=True))
    cutoff = time.time() - PENDING_FOR.total_seconds()
    for path in storage.pending_dir().glob("*.xlsx.enc"):
        if path.name not in known and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
    return len(expired)

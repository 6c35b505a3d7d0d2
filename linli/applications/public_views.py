"""Filing without an account, on a phone: prove the mobile number, fill, save, submit, follow.

Also the public side of the filing certificate: the printable certificate for the applicant and
the verification page anyone can use with the code printed on it."""

from __future__ import annotations

import time
from functools import wraps
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from linli.applications import phone, rules, selectors, services
from linli.applications.choices import (
    EDITABLE_STATES,
    OPEN_STATES,
    ApplicationKind,
    ApplicationState,
)
from linli.applications.forms import ApplicationForm, AttachmentForm
from linli.applications.models import Application
from linli.applications.services import PublicApplicant
from linli.applications.views import _category_label, _form_data, _responsible, _tag_names
from linli.core.errors import DomainError
from linli.core.limits import everyone, limited, subnet
from linli.core.middleware import client_ip
from linli.core.roles import VIEW_APPLICATIONS
from linli.orgs.services import ORG_FIELDS
from linli.regions.choices import RegionLevel
from linli.regions.models import Region

SESSION_KEY = "linli_public_applicant"
SESSION_SECONDS = 2 * 3600


def _applicant(request: HttpRequest) -> PublicApplicant | None:
    data = request.session.get(SESSION_KEY)
    if not data or time.time() - data["verified_at"] > SESSION_SECONDS:
        return None
    return PublicApplicant(data["phone_index"], data["phone_masked"], data["phone_encrypted"])


def public_applicant_required(view: Any) -> Any:
    """The view, for a visitor who proved a mobile number; their writes are rate-limited."""

    @login_not_required
    @limited("filing_writes_per_ip")
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        applicant = _applicant(request)
        if applicant is None:
            return redirect("public_filing:start")
        return view(request, applicant, *args, **kwargs)

    return wrapper


@login_not_required
@limited("sms_everyone_minute", key=everyone)
@limited("sms_per_subnet_day", key=subnet)
@limited("sms_per_ip_day")
@limited("sms_per_ip_minute")
def start(request: HttpRequest) -> HttpResponse:
    error, status = None, 200
    if request.method == "POST":
        number = request.POST.get("phone", "")
        try:
            phone.send_code(phone=number, ip_address=client_ip(request))
        except DomainError as exc:
            error, status = exc.message, exc.status_code if exc.status_code == 429 else 200
        else:
            request.session["linli_pending_phone"] = number.strip()
            return redirect("public_filing:verify")
    return render(request, "applications/public/start.html", {"error": error}, status=status)


@login_not_required
@limited("code_check_per_ip")
def verify(request: HttpRequest) -> HttpResponse:
    number = request.session.get("linli_pending_phone", "")
    if not number:
        return redirect("public_filing:start")
    error = None
    if request.method == "POST":
        try:
            applicant = phone.check_code(phone=number, code=request.POST.get("code", ""))
        except DomainError as exc:
            error = exc.message
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = {
                "phone_index": applicant.phone_index,
                "phone_masked": applicant.phone_masked,
                "phone_encrypted": applicant.phone_encrypted,
                "verified_at": time.time(),
            }
            request.session.pop("linli_pending_phone", None)
            return redirect("public_filing:home")
    return render(
        request,
        "applications/public/verify.html",
        {"error": error, "masked": number[:3] + "****" + number[-4:]},
    )


@require_POST
@login_not_required
@limited("filing_writes_per_ip")
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("public_filing:start")


@public_applicant_required
def home(request: HttpRequest, applicant: PublicApplicant) -> HttpResponse:
    return render(
        request,
        "applications/public/home.html",
        {
            "applications": selectors.public_application_list(applicant=applicant),
            "applicant": applicant,
        },
    )


def public_root() -> Region | None:
    return Region.objects.filter(code=getattr(settings, "PUBLIC_ROOT_REGION", "310000")).first()


@require_GET
@login_not_required
@limited("region_picker_per_ip", method="GET")
def region_options(request: HttpRequest) -> HttpResponse:
    """<option>s of a region's children for the district → street → community picker."""
    root = public_root()
    parent = Region.objects.filter(code=request.GET.get("parent", "")).first()
    if root is None or parent is None or not parent.path.startswith(root.path):
        return HttpResponse("")
    children = Region.objects.filter(parent=parent, is_active=True).order_by("code")
    return render(request, "applications/public/_options.html", {"children": children})


def _picked_community(request: HttpRequest) -> Region | None:
    root = public_root()
    region = Region.objects.filter(
        code=request.POST.get("region", ""), level=RegionLevel.COMMUNITY
    ).first()
    if region is None or root is None or not region.path.startswith(root.path):
        return None
    return region


def _picker_context(region: Region | None) -> dict[str, Any]:
    root = public_root()
    chain = [*region.ancestors(), region] if region else []
    picked = {r.level: r for r in chain}
    district, street = picked.get(RegionLevel.DISTRICT), picked.get(RegionLevel.STREET)
    return {
        "districts": Region.objects.filter(parent=root).order_by("code") if root else [],
        "streets": Region.objects.filter(parent=district).order_by("code") if district else [],
        "communities": Region.objects.filter(parent=street).order_by("code") if street else [],
        "picked": picked,
    }


class PublicApplicationForm(ApplicationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["region"]  # chosen with the district → street → community picker
        for name in ("founded_on", "charter", "party_member_count", "address"):
            self.fields.pop(name, None)
        self.fields["party_building"].required = False


def _save_form(
    request: HttpRequest, applicant: PublicApplicant, kind: str, application: Application | None
) -> tuple[PublicApplicationForm, Region | None, Application | None]:
    initial: dict[str, Any] = {"party_building": "none"}
    region = None
    if application is not None:
        data = services.organization_data_of(application)
        initial = {
            **{n: getattr(data, n) for n in ORG_FIELDS},
            "tags": data.tags,
            "responsible_name": (services.responsible_of(application) or {}).get("full_name", ""),
            "version": application.version,
        }
        region = application.region
    form = PublicApplicationForm(request.POST or None, initial=initial, kind=kind)
    if request.method != "POST":
        return form, region, None
    region = _picked_community(request) or region
    if not form.is_valid():
        return form, region, None
    if region is None or request.POST.get("region", "") == "":
        form.add_error(
            None, _("Choose the residents' or villagers' committee where the team is active.")
        )
        return form, region, None
    form.cleaned_data["party_building"] = form.cleaned_data.get("party_building") or "none"
    try:
        data = _form_data(form, kind, region)
        if application is None:
            saved = services.application_create(
                actor=applicant, kind=kind, data=data, responsible=_responsible(form)
            )
        else:
            saved = services.application_update(
                actor=applicant,
                app_id=application.pk,
                expected_version=form.cleaned_data.get("version"),
                data=data,
                responsible=_responsible(form),
            )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
    except DomainError as exc:
        form.add_error(None, exc.message)
    else:
        return form, region, saved
    return form, region, None


@public_applicant_required
def new(request: HttpRequest, applicant: PublicApplicant) -> HttpResponse:
    kind = request.GET.get("kind", ApplicationKind.FILING)
    if kind not in services.PUBLIC_KINDS:
        raise Http404
    form, region, saved = _save_form(request, applicant, kind, None)
    if saved is not None:
        messages.success(request, _("The draft is saved. Add the materials, check, and submit."))
        return redirect("public_filing:detail", app_id=saved.pk)
    return render(
        request,
        "applications/public/form.html",
        {"form": form, "kind": ApplicationKind(kind), **_picker_context(region)},
    )


@public_applicant_required
def edit(request: HttpRequest, applicant: PublicApplicant, app_id: int) -> HttpResponse:
    application = selectors.public_application_get(applicant=applicant, app_id=app_id)
    if application.state not in EDITABLE_STATES:
        raise Http404
    form, region, saved = _save_form(request, applicant, application.kind, application)
    if saved is not None:
        messages.success(request, _("Your changes are saved."))
        return redirect("public_filing:detail", app_id=saved.pk)
    return render(
        request,
        "applications/public/form.html",
        {
            "form": form,
            "kind": ApplicationKind(application.kind),
            "application": application,
            **_picker_context(region),
        },
    )


@public_applicant_required
def detail(request: HttpRequest, applicant: PublicApplicant, app_id: int) -> HttpResponse:
    application = selectors.public_application_get(applicant=applicant, app_id=app_id)
    editable = application.state in EDITABLE_STATES
    attachment_form = AttachmentForm()
    attachment_form.fields["material"].choices = [  # type: ignore[attr-defined]
        (m.code, m.label) for m in rules.MATERIALS[application.kind]
    ]
    data = services.organization_data_of(application)
    files = list(application.attachments.all())
    return render(
        request,
        "applications/public/detail.html",
        {
            "application": application,
            "data": data,
            "category_label": _category_label(data.category),
            "tag_names": _tag_names(data.tags),
            "person": services.responsible_of(application),
            "materials": [
                {"material": m, "files": [f for f in files if f.material == m.code]}
                for m in rules.MATERIALS[application.kind]
            ],
            "problems": services.completeness_problems(application) if editable else [],
            "editable": editable,
            "can_withdraw": application.state in (*EDITABLE_STATES, *OPEN_STATES),
            "attachment_form": attachment_form,
        },
    )


@require_POST
@public_applicant_required
def action(
    request: HttpRequest, applicant: PublicApplicant, app_id: int, step: str
) -> HttpResponse:
    selectors.public_application_get(applicant=applicant, app_id=app_id)
    version = int(request.POST["version"]) if request.POST.get("version", "").isdigit() else None
    try:
        if step == "submit":
            services.application_submit(
                actor=applicant,
                app_id=app_id,
                expected_version=version,
                commitment=request.POST.get("commitment") == "on",
            )
        elif step == "withdraw":
            services.application_withdraw(actor=applicant, app_id=app_id, expected_version=version)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect("public_filing:detail", app_id=app_id)


@require_POST
@public_applicant_required
def upload(request: HttpRequest, applicant: PublicApplicant, app_id: int) -> HttpResponse:
    selectors.public_application_get(applicant=applicant, app_id=app_id)
    file = request.FILES.get("file")
    try:
        if file is None:
            raise DomainError(_("Choose a file to upload."))
        services.attachment_add(
            actor=applicant, app_id=app_id, material=request.POST.get("material", ""), upload=file
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The material has been added."))
    return redirect("public_filing:detail", app_id=app_id)


# --- the filing certificate -----------------------------------------------------------------------


def _certificate_response(
    request: HttpRequest, application: Application, back_url: str
) -> HttpResponse:
    if application.state != ApplicationState.APPROVED or not application.certificate_code:
        raise Http404
    verify_url = request.build_absolute_uri(
        reverse("public_filing:check") + f"?code={application.certificate_code}"
    )
    return render(
        request,
        "applications/public/certificate.html",
        {
            "application": application,
            "org": application.organization,
            "person": services.responsible_of(application),
            "verify_url": verify_url,
            "qr_svg": segno.make(verify_url).svg_inline(scale=3),
            "back_url": back_url,
        },
    )


@public_applicant_required
def certificate(request: HttpRequest, applicant: PublicApplicant, app_id: int) -> HttpResponse:
    return _certificate_response(
        request,
        selectors.public_application_get(applicant=applicant, app_id=app_id),
        reverse("public_filing:detail", args=[app_id]),
    )


@permission_required(VIEW_APPLICATIONS, raise_exception=True)
def staff_certificate(request: HttpRequest, app_id: int) -> HttpResponse:
    return _certificate_response(
        request,
        selectors.application_get(user=request.user, app_id=app_id),
        reverse("applications:detail", args=[app_id]),
    )


@require_GET
@login_not_required
@limited("certificate_check_per_ip_day", method="GET")
@limited("certificate_check_per_ip_minute", method="GET")
def check(request: HttpRequest) -> HttpResponse:
    """Anyone can check a certificate: what was filed, by whom, when, and whether it stands."""
    code = request.GET.get("code", "").strip().upper()[:40]
    found = selectors.certificate_lookup(code=code)
    return render(request, "applications/public/check.html", {"code": code, "found": found})

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from linli.core import selectors
from linli.core.counting import BoundedPaginator
from linli.core.forms import AuditFilterForm
from linli.core.models import Notification
from linli.core.notifications import mark_read
from linli.core.roles import VIEW_AUDIT
from linli.core.tables import audit_table
from linli.core.types import AuthedRequest


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("workbench:home")
    return render(request, "core/home.html")


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@permission_required(VIEW_AUDIT, raise_exception=True)
def audit_log(request: AuthedRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(
        user=request.user,
        event_type=filters.get("event_type") or "",
        username=filters.get("username") or "",
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = BoundedPaginator(events, 50).get_page(request.GET.get("page"))
    template = "core/_audit_table.html" if request.htmx else "core/audit_log.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page, "table": audit_table(page)})


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def inbox(request: AuthedRequest) -> HttpResponse:
    """The user's notifications; opening the inbox marks them read."""
    notifications = Notification.objects.filter(recipient=request.user).order_by("-created_at")
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    unread = [n.pk for n in page if n.read_at is None]
    mark_read(request.user, unread)
    return render(request, "core/inbox.html", {"page": page, "unread_ids": set(unread)})


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Past a rate limit (linli.core.limits): 429, in Chinese, with when to try again."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response

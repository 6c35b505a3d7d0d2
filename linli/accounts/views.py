from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts import selectors, services, twofactor
from linli.accounts.forms import (
    LoginForm,
    StyledPasswordChangeForm,
    TokenForm,
    UserCreateForm,
    UserEditForm,
)
from linli.core.errors import DomainError
from linli.core.limits import limited
from linli.core.roles import MANAGE_USERS, USE_API_TOKENS, Role
from linli.core.types import AuthedRequest
from linli.regions.models import Region


@method_decorator(login_not_required, name="dispatch")
@method_decorator(limited("login_per_ip"), name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def password_change(request: AuthedRequest) -> HttpResponse:
    form = StyledPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_change_password(
                user=request.user, new_password=form.cleaned_data["new_password1"]
            )
        except DomainError as exc:
            form.add_error("new_password1", exc.message)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("workbench:home")
    return render(request, "accounts/password_change.html", {"form": form})


@permission_required(USE_API_TOKENS, raise_exception=True)
def profile(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": selectors.tokens_of(user=request.user),
            "has_authenticator": twofactor.confirmed_device(request.user) is not None,
        },
    )


@require_POST
@permission_required(USE_API_TOKENS, raise_exception=True)
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    try:
        services.api_token_revoke(user=request.user, token_id=token_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The token has been revoked."))
    return redirect("accounts:profile")


@permission_required(MANAGE_USERS, raise_exception=True)
def user_list(request: AuthedRequest) -> HttpResponse:
    query, role = request.GET.get("q", "").strip(), request.GET.get("role", "")
    users = selectors.user_list(user=request.user, query=query, role=role)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    template = "accounts/_user_table.html" if request.htmx else "accounts/user_list.html"  # type: ignore[attr-defined]
    return render(
        request, template, {"page": page, "q": query, "role": role, "roles": Role.choices}
    )


def _region_choices(request: AuthedRequest) -> list[Region]:
    """Regions above community level in the user's scope, offered as suggestions."""
    return list(
        Region.objects.restrict(request.user).exclude(level="community").order_by("code")[:500]
    )


@permission_required(MANAGE_USERS, raise_exception=True)
def user_create(request: AuthedRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.user_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                role=data["role"],
                region=data["region"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return render(
                request,
                "accounts/password_issued.html",
                {"subject": user, "password": password, "created": True},
            )
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "regions": _region_choices(request), "creating": True},
    )


@permission_required(MANAGE_USERS, raise_exception=True)
def user_edit(request: AuthedRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(user=request.user, user_id=user_id)
    initial = {
        "full_name": subject.full_name,
        "role": subject.role,
        "is_active": subject.is_active,
        "region": subject.region.code if subject.region else "",
        "version": subject.version,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                actor=request.user,
                user_id=subject.pk,
                expected_version=data["version"],
                full_name=data["full_name"],
                role=data["role"],
                region=data["region"],
                is_active=data["is_active"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The account has been saved."))
            return redirect("accounts:user_list")
    history = subject.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "subject": subject,
            "regions": _region_choices(request),
            "history": history,
        },
    )


@require_POST
@permission_required(MANAGE_USERS, raise_exception=True)
def user_reset_password(request: AuthedRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(user=request.user, user_id=user_id)
    user, password = services.user_reset_password(actor=request.user, user_id=subject.pk)
    return render(request, "accounts/password_issued.html", {"subject": user, "password": password})


def otp_setup(request: AuthedRequest) -> HttpResponse:
    """Enrol (or replace) the authenticator app: scan, then confirm with one code."""
    device = twofactor.enrolment_device(request.user)
    error = None
    if request.method == "POST":
        try:
            twofactor.totp_enrol_confirm(request=request, token=request.POST.get("token", ""))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your authenticator is set up."))
            return redirect("workbench:home")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "qr_svg": twofactor.enrolment_qr_svg(device),
            "secret": twofactor.secret_for_display(device),
            "required": twofactor.required_for(request.user),
            "error": error,
        },
    )


def otp_verify(request: AuthedRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            twofactor.totp_verify(request=request, token=request.POST.get("token", ""))
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("workbench:home")
    return render(request, "accounts/otp_verify.html", {"error": error})


@require_POST
@permission_required(MANAGE_USERS, raise_exception=True)
def user_reset_otp(request: AuthedRequest, user_id: int) -> HttpResponse:
    subject = selectors.user_get(user=request.user, user_id=user_id)
    twofactor.totp_reset(actor=request.user, user=subject)
    messages.success(
        request, _("The authenticator of %(name)s has been removed.") % {"name": subject.username}
    )
    return redirect("accounts:user_edit", user_id=subject.pk)

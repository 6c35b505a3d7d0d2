"""Every write to accounts and tokens. Each function is one transaction with its audit row."""

from __future__ import annotations

import secrets
import string

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.models import ApiToken, User, hash_token
from linli.accounts.roles import ROLE_REGION_LEVELS
from linli.core import audit
from linli.core.choices import AuditEventType
from linli.core.concurrency import bump_version, lock_current
from linli.core.errors import DomainError
from linli.core.roles import Role
from linli.core.scoping import Scope
from linli.regions.models import Region

TOKEN_PREFIX = "linli_"  # noqa: S105 (a public marker, not a secret)


def generate_password(length: int = 14) -> str:
    """A random password that satisfies the policy (all four classes)."""
    alphabet = string.ascii_letters + string.digits + "!@#%*-_"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
            and any(not c.isalnum() for c in candidate)
        ):
            return candidate


def _check_role_region(*, actor: User | None, role: str, region: Region | None) -> None:
    if region is None:
        if role != Role.ADMIN:
            raise DomainError(_("Every staff account must belong to a region."))
        if actor is not None and not actor.is_national_admin and not actor.is_superuser:
            raise DomainError(_("Only a national administrator can create national accounts."))
        return
    if region.level not in ROLE_REGION_LEVELS[role]:
        raise DomainError(
            _("A %(role)s account cannot be placed at a %(level)s.")
            % {"role": Role(role).label, "level": region.get_level_display()}
        )
    if role == Role.CITY_BUREAU and not region.acts_as_city:
        raise DomainError(_("A city bureau account must be placed at a city or municipality."))
    if actor is not None and not Scope.of(actor).contains(region.path):
        raise DomainError(_("You can only place accounts inside your own jurisdiction."))


def _validated_password(password: str, user: User) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    return password


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    role: str,
    region: Region | None,
    password: str | None = None,
    must_change_password: bool = True,
) -> tuple[User, str]:
    """Create an account; returns it with its initial password (generated unless given)."""
    _check_role_region(actor=actor, role=role, region=region)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The username “%(username)s” is taken.") % {"username": username})
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        region=region,
        must_change_password=must_change_password,
        is_staff=(role == Role.ADMIN),
    )
    initial = _validated_password(password, user) if password else generate_password()
    user.set_password(initial)
    user.password_changed_at = timezone.now()
    user.full_clean()
    user.save()
    audit.record(
        AuditEventType.USER_CREATE,
        actor=actor,
        obj=user,
        detail={"role": role, "region": region.code if region else ""},
    )
    return user, initial


@transaction.atomic
def user_update(
    *,
    actor: User,
    user_id: int,
    expected_version: int | None,
    full_name: str,
    role: str,
    region: Region | None,
    is_active: bool,
) -> User:
    user = lock_current(User.objects.restrict(actor), pk=user_id, expected_version=expected_version)
    _check_role_region(actor=actor, role=role, region=region)
    if user.pk == actor.pk and not is_active:
        raise DomainError(_("You cannot deactivate your own account."))
    before = {
        "role": user.role,
        "region": user.region.code if user.region else "",
        "is_active": user.is_active,
        "full_name": user.full_name,
    }
    user.full_name, user.role, user.region, user.is_active = full_name, role, region, is_active
    user.is_staff = role == Role.ADMIN
    bump_version(user)
    user.full_clean()
    user.save()
    after = {
        "role": role,
        "region": region.code if region else "",
        "is_active": is_active,
        "full_name": full_name,
    }
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    audit.record(AuditEventType.USER_UPDATE, actor=actor, obj=user, detail={"changed": changed})
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user_id: int) -> tuple[User, str]:
    """Give the user a new one-time password; they must change it at next login."""
    user = lock_current(User.objects.restrict(actor), pk=user_id, expected_version=None)
    temporary = generate_password()
    user.set_password(temporary)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    bump_version(user)
    user.save()
    audit.record(AuditEventType.PASSWORD_RESET, actor=actor, obj=user)
    return user, temporary


@transaction.atomic
def user_change_password(*, user: User, new_password: str) -> User:
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    bump_version(user)
    user.save()
    audit.record(AuditEventType.PASSWORD_CHANGE, actor=user, obj=user)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, so that you can tell it apart later."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:80], prefix=raw[:12], key_hash=hash_token(raw))
    token.full_clean()
    token.save()
    audit.record(AuditEventType.TOKEN_CREATE, actor=user, obj=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    try:
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    except ApiToken.DoesNotExist as exc:
        raise DomainError(_("That token does not exist.")) from exc
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(AuditEventType.TOKEN_REVOKE, actor=user, obj=token)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a raw token, or None; notes the time of use (once a minute)."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user__region")
        .filter(key_hash=hash_token(raw))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    stale = token.last_used_at is None or (
        (now - token.last_used_at).total_seconds() > settings.API_TOKEN_TOUCH_SECONDS
    )
    if stale:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

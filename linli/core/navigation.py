"""The navigation each role sees. An entry shows only if the user has its permission."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from linli.core.roles import (
    CHANGE_ORGS,
    MANAGE_USERS,
    USE_API_TOKENS,
    VIEW_APPLICATIONS,
    VIEW_AUDIT,
    VIEW_ORGS,
    VIEW_REGIONS,
)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None = None


NAV_ITEMS = (
    NavItem(_("Workbench"), "workbench:home"),
    NavItem(_("Statistics"), "stats:home", VIEW_ORGS),
    NavItem(_("Applications"), "applications:list", VIEW_APPLICATIONS),
    NavItem(_("Registry"), "orgs:list", VIEW_ORGS),
    NavItem(_("Social-work talents"), "talent:list", VIEW_ORGS),
    # Bulk relabelling is the registry keepers' work (street, district, city), not a committee's.
    NavItem(_("Relabelling"), "relabel:list", CHANGE_ORGS),
    NavItem(_("Regions"), "regions:home", VIEW_REGIONS),
    NavItem(_("Users"), "accounts:user_list", MANAGE_USERS),
    NavItem(_("Audit log"), "core:audit_log", VIEW_AUDIT),
    NavItem(_("API"), "api:openapi-view", USE_API_TOKENS),
)


# Links every page carries (the header and footer), resolved once rather than on each page.
SITE_URLS = (
    "core:home",
    "core:inbox",
    "accounts:login",
    "accounts:logout",
    "accounts:password_change",
    "accounts:profile",
    "set_language",
)


@lru_cache(maxsize=64)
def _reverse_once(url_name: str, script_prefix: str) -> str:
    return reverse(url_name)


def fixed_url(url_name: str) -> str:
    """The URL of a view that takes no arguments. The URLconf does not change while the process
    runs, so it is resolved once per deployment prefix instead of on every page."""
    return _reverse_once(url_name, get_script_prefix())


def site_urls() -> dict[str, str]:
    return _site_urls(get_script_prefix())


@lru_cache(maxsize=8)
def _site_urls(script_prefix: str) -> dict[str, str]:
    return {name.replace(":", "_"): reverse(name) for name in SITE_URLS}


def nav_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    items = []
    for item in NAV_ITEMS:
        if item.permission and not user.has_perm(item.permission):
            continue
        url = fixed_url(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items

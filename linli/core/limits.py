"""Rate limits of the public forms (SECURITY.md: where a bot would go), by django-ratelimit.

Each limit has a name and a rate in ``settings.RATE_LIMITS`` (read at each request, so a
deployment or a test can change it). Past a limit the view answers 429 with a Chinese page and
``Retry-After`` (``linli.core.views.rate_limited``). docs/api.md lists every limit.

The counts live in the database cache ``CACHES["ratelimit"]``: shared by every process and
machine, no extra server to run (the platform embeds SQLite), kept across restarts. Its
increments are not atomic, so requests that arrive at the same instant may pass a limit by as
many as are in flight at once; django-ratelimit's check for that is silenced on purpose in
settings.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.decorators import ratelimit

from linli.core.middleware import client_ip

# name: (what is counted, the default rate). Rates: "N/s", "N/m", "N/h" or "N/d".
DEFAULT_RATES: dict[str, str] = {
    "sms_per_ip_minute": "5/m",
    "sms_per_ip_day": "30/d",
    "sms_per_subnet_day": "100/d",
    "sms_everyone_minute": "60/m",  # the SMS budget: codes the whole platform sends a minute
    "code_check_per_ip": "10/m",
    "certificate_check_per_ip_minute": "20/m",
    "certificate_check_per_ip_day": "300/d",
    "filing_writes_per_ip": "30/m",
    "region_picker_per_ip": "120/m",
    "login_per_ip": "20/m",
    "language_per_ip": "30/m",
}


def ip(group: str, request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def subnet(group: str, request: HttpRequest) -> str:
    """The client's /24 (IPv4) or /48 (IPv6): one network trying many addresses."""
    address = client_ip(request)
    if not address:
        return "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def everyone(group: str, request: HttpRequest) -> str:
    return "everyone"


def rate_of(name: str) -> Callable[[str, HttpRequest], str]:
    def rate(group: str, request: HttpRequest) -> str:
        return {**DEFAULT_RATES, **getattr(settings, "RATE_LIMITS", {})}[name]

    return rate


def limited(
    name: str, key: Callable[[str, HttpRequest], str] = ip, method: Any = "POST"
) -> Callable[[Any], Any]:
    """The view, refused with 429 past the limit ``name`` counted by ``key``."""
    if name not in DEFAULT_RATES:
        raise KeyError(name)
    return ratelimit(group=f"linli:{name}", key=key, rate=rate_of(name), method=method, block=True)

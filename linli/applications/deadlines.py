"""Review deadlines in working days, counting Chinese public holidays and make-up workdays
(chinese-calendar). Years the calendar does not know yet fall back to Monday–Friday."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from django.conf import settings

DEFAULT_WORKING_DAYS = {
    "registration": 20,
    "filing": 10,
    "recording": 5,
    "amendment": 10,
    "deregistration": 20,
    "filing_cancellation": 10,
}


def working_days_for(kind: str) -> int:
    configured = getattr(settings, "REVIEW_WORKING_DAYS", {}) or {}
    return int(configured.get(kind, DEFAULT_WORKING_DAYS[kind]))


def is_workday(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (the day of submission does not count)."""
    current, remaining = start, days
    while remaining > 0:
        current += timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_workday(start + timedelta(n)))

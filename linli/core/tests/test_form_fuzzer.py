"""No form answers with a server error: every write the isolation suite knows, posted by its own
user with each field missing, empty, non-numeric, unknown, out of range, full-width, over-long or
carrying a control character, and posted twice (the double click that makes a value stale).

The bodies are the isolation suite's (linli/core/tests/test_isolation_suite.py): a route added
there with its POST is fuzzed here the same day. Bad input must get a message and change nothing
it should not; here the test asserts what a user would notice first, no 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from linli.core.tests.isolation_world import World, world_in_transaction
from linli.core.tests.test_isolation_suite import (
    ALL,
    Key,
    Try,
    client_for,
    described,
    param_ids,
    route_of,
    send,
)

pytestmark = pytest.mark.django_db

MISSING = object()
MUTATIONS: tuple[Any, ...] = (
    MISSING,
    "",
    "abc",
    "999999999999",
    "-1",
    "１２",  # full-width digits
    "x" * 5000,
    "a\x00b",
    "a\x07b",
)

FUZZED = [
    (key, index)
    for key in ALL
    for index, attempt in enumerate(route_of(key).tries)
    if attempt.method == "POST" and attempt.body is not None
]


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    yield from world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("fuzzer"))


@pytest.fixture(autouse=True)
def limits_out_of_reach(settings) -> None:
    """The fuzzer posts hundreds of times a minute; the rate limits have their own tests."""
    from linli.core.limits import DEFAULT_RATES

    settings.RATE_LIMITS = dict.fromkeys(DEFAULT_RATES, "100000/m")


def _mutated(body: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    changed = dict(body)
    if value is MISSING:
        changed.pop(field)
    else:
        changed[field] = value
    return changed


@pytest.mark.parametrize(
    ("key", "index"), FUZZED, ids=[f"{param_ids([k])[0]}-{i}" for k, i in FUZZED]
)
def test_no_form_answers_with_a_server_error(world, db, key: Key, index: int) -> None:
    route = route_of(key)
    attempt = route.tries[index]
    client = client_for(world, "A", route.who)
    target = world["A"]
    assert attempt.body is not None
    body = attempt.body(target)
    for field in [f for f, v in body.items() if not hasattr(v, "read")]:  # files stay files
        for value in MUTATIONS:
            changed = _mutated(body, field, value)
            mutated = replace(attempt, body=lambda side, changed=changed: changed)
            response = send(client, key, route, mutated, target)
            assert response.status_code < 500, f"{described(key, mutated, response)} {field}"
    twice = Try(attempt.method, attempt.body, attempt.query, attempt.params, attempt.form)
    for _click in range(2):
        response = send(client, key, route, twice, target)
        assert response.status_code < 500, described(key, twice, response)

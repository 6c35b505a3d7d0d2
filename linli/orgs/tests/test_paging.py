"""The HTML list and the API page the registry through one selector (organization_page): the same
rows in the same order, the same count, the same next page; the API's reads stay pinned."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

API = "/api/v1/organizations"
SIGN_IN_TABLES = ("django_session", "accounts_user", "otp_totp_totpdevice")


def registry_queries(client, url: str, params: dict) -> tuple[int, object]:
    """The response, and how many queries it ran besides reading the session and the user."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    reads = [q["sql"] for q in queries if not any(t in q["sql"] for t in SIGN_IN_TABLES)]
    return len(reads), response


@pytest.mark.parametrize(
    "params",
    [{}, {"tier": "team"}, {"q": "舞蹈"}, {"tag": "sports"}, {"q": "没有这个"}],
)
def test_the_api_and_the_html_list_show_the_same_page(people, login, orgs, params) -> None:
    client = login(people.district)
    html = client.get(reverse("orgs:list"), params).context
    api = client.get(API, params).json()
    assert [r["id"] for r in api["results"]] == [o.pk for o in html["page"]]
    assert (api["count"], api["count_exact"]) == (html["count"], html["count_exact"])
    assert api["next_after"] == html["page"].next_after


def test_offset_and_keyset_pages_name_the_next_one(people, login, orgs) -> None:
    client = login(people.district)
    first = client.get(API, {"limit": 1}).json()
    by_offset = client.get(API, {"limit": 1, "offset": 1}).json()
    by_after = client.get(API, {"limit": 1, "after": first["next_after"]}).json()
    assert by_offset["results"] == by_after["results"]
    assert (first["next_offset"], by_offset["next_offset"], by_after["next_offset"]) == (1, 2, None)
    assert by_offset["next_after"] == by_after["next_after"] == by_after["results"][0]["id"]
    last = client.get(API, {"limit": 1, "offset": 3}).json()
    assert (last["next_offset"], last["next_after"]) == (None, None)
    # Asking for a keyset page, even after row 0, never offers an offset.
    assert client.get(API, {"limit": 1, "after": 0}).json()["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"limit": 2}, 3),  # a rollup count, the rows, their tags
        ({"q": "舞蹈"}, 2),  # the rows counted by a window over their own query, their tags
        ({"limit": 2, "after": "first"}, 3),  # a rollup count, the rows after one, their tags
        ({"limit": 2, "offset": 2}, 3),  # a rollup count, the rows past the offset, their tags
    ],
)
def test_the_api_pages_read_little(people, login, orgs, params, expected) -> None:
    if params.get("after") == "first":
        params = {**params, "after": orgs.dance_a.pk}
    client = login(people.district)
    client.get(API, params)  # the session and the user are read once anyway
    count, response = registry_queries(client, API, params)
    assert response.status_code == 200 and count == expected

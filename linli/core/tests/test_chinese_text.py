"""The Chinese UI shows no English: every page a district bureau opens (the routes of the URL
resolver) and the statistics export read in zh-hans hold no English word beyond the few that
are names (API, Excel, PDF, the language switch's "English") or the signed-in username.

An English word there is an untranslated message (a missing or empty catalog entry, or a
``gettext`` call makemessages could not see, such as one inside an f-string) or a raw value
(a status code like ``active``) shown instead of its label."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation
from openpyxl import load_workbook

from linli.core.tests.test_access import ROUTES

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[A-Za-z_]{3,}")
NAMES = {"API", "Excel", "xlsx", "PDF", "Linli", "English", "Bearer", "Authorization", "App"}
# The authenticator page names the apps to use and shows the key to type in (base32 letters).
SKIPPED = {"accounts:otp_setup"}
EXAMPLES = {"wdd"}  # the list's search hint: pinyin initials, e.g. wdd for 舞蹈队


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def english_in(text: str, username: str) -> set[str]:
    return set(WORD.findall(text)) - NAMES - EXAMPLES - {username}


PAGES = [(n, p) for n, p in ROUTES if not p.startswith("/api/") and n not in SKIPPED]


def test_no_page_shows_english(people, login, orgs) -> None:
    client = login(people.district)
    found = {}
    with translation.override("zh-hans"):
        for name, path in PAGES:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = VisibleText()
            parser.feed(response.content.decode())
            words = english_in(" ".join(parser.parts), people.district.username)
            if words:
                found[name] = sorted(words)
    assert found == {}


@pytest.mark.parametrize(
    "query",
    ["", "?status=active&tier=team&category=culture_sports&tag=sports&party_building=none"],
)
def test_a_filtered_list_names_its_filters_in_chinese(people, login, orgs, query) -> None:
    client = login(people.district)
    with translation.override("zh-hans"):
        parser = VisibleText()
        parser.feed(client.get(f"/orgs/{query}").content.decode())
    assert english_in(" ".join(parser.parts), people.district.username) == set()


def test_the_statistics_export_is_all_chinese(people, login, orgs) -> None:
    client = login(people.district)
    with translation.override("zh-hans"):
        content = client.get("/stats/310104/export.xlsx").content
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    cells = [sheet.title for sheet in workbook.worksheets] + [
        value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert english_in(" ".join(cells), "") == set()


def test_the_api_document_introduces_itself_in_the_reader_s_language(people, login) -> None:
    client = login(people.district)
    info = client.get("/api/v1/openapi.json", headers={"Accept-Language": "zh-hans"}).json()["info"]
    assert info["title"].startswith("邻里") and "辖区" in info["description"]
    assert english_in(info["description"], "") <= {"JSON", "CSRF", "Authorization", "Bearer",
                                                    "linli_", "accounts", "detail", "loc", "msg",
                                                    "type", "API"}  # fmt: skip

"""Name search over organizations: Chinese characters, one- and two-character terms, and
pinyin initials (``wdd`` finds 舞蹈队).

Each organization stores ``search_tokens``: every character and every pair of neighbouring
characters of its name, plus pairs of its pinyin initials prefixed ``py``. A search term becomes
the same kind of tokens, all of which must be present — answered by an inverted index (SQLite
FTS5 over the column, PostgreSQL GIN over ``to_tsvector('simple', …)``; both created by the
migrations) — and the few candidates are then checked exactly (``name`` contains the term).
Trigram indexes cannot serve one- and two-character terms; character bigrams can.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.db import connection, connections
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

MAX_TERMS = 5
WORD = re.compile(r"[0-9a-z\u3400-\u9fff]+")
ASCII = re.compile(r"^[a-z0-9]+$")


def normalise(text: str) -> str:
    return "".join(WORD.findall(text.lower()))


@lru_cache(maxsize=4096)
def initials_of(name: str) -> str:
    """Pinyin first letters of the Chinese characters (other letters and digits kept)."""
    # pypinyin loads its dictionaries on import (about 0.2 s): only processes that index names.
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(normalise(name), style=Style.FIRST_LETTER, errors="default")
    return "".join(letters).lower()


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def tokens_for(name: str) -> str:
    text = normalise(name)
    initials = initials_of(name)
    tokens = dict.fromkeys([*text, *_bigrams(text), *("py" + b for b in _bigrams(initials))])
    return " ".join(tokens)


def _query_tokens(term: str) -> list[str]:
    if ASCII.match(term):
        return ["py" + b for b in _bigrams(term)] if len(term) >= 2 else []
    return [term] if len(term) == 1 else _bigrams(term)


def apply_search(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow ``queryset`` (of Organization) to names matching every term of ``query``."""
    terms = [normalise(t) for t in query.split()][:MAX_TERMS]
    terms = [t for t in terms if t]
    if not terms:
        return queryset
    tokens = [tok for term in terms for tok in _query_tokens(term)]
    if tokens:
        queryset = _index_match(queryset, tokens)
    for term in terms:
        exact = Q(name__contains=term)
        if ASCII.match(term):
            exact |= Q(name_initials__contains=term) | Q(name__icontains=term)
        queryset = queryset.filter(exact)
    return queryset


class TokensMatch(Func):
    """``to_tsvector('simple', search_tokens) @@ to_tsquery('simple', …)``, written as the GIN
    index is (so PostgreSQL uses it). The column is compiled by the ORM, so it names the right
    table alias when the search runs inside a subquery."""

    output_field = BooleanField()

    def __init__(self, tsquery: str) -> None:
        super().__init__(F("search_tokens"))
        self.tsquery = tsquery

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        column, params = compiler.compile(self.source_expressions[0])
        return (
            f"to_tsvector('simple', {column}) @@ to_tsquery('simple', %s)",
            [*params, self.tsquery],
        )


def _index_match(queryset: QuerySet, tokens: list[str]) -> QuerySet:
    if connection.vendor == "postgresql":
        # Tokens hold only [0-9a-z] and CJK characters (see WORD), and the query is a parameter.
        return queryset.filter(TokensMatch(" & ".join(f"'{tok}'" for tok in tokens)))
    table = queryset.model._meta.db_table
    expression = " AND ".join(f'"{tok}"' for tok in tokens)
    ids = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s",  # noqa: S608
        [expression],
    )
    return queryset.filter(id__in=ids)


SQLITE_TRIGGERS = {
    "orgs_fts_insert": (
        "CREATE TRIGGER orgs_fts_insert AFTER INSERT ON orgs_organization BEGIN "
        "INSERT INTO orgs_organization_fts(rowid, search_tokens) "
        "VALUES (new.id, new.search_tokens); END"
    ),
    "orgs_fts_delete": (
        "CREATE TRIGGER orgs_fts_delete AFTER DELETE ON orgs_organization BEGIN "
        "INSERT INTO orgs_organization_fts(orgs_organization_fts, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); END"
    ),
    "orgs_fts_update": (
        "CREATE TRIGGER orgs_fts_update AFTER UPDATE OF search_tokens ON orgs_organization "
        "BEGIN INSERT INTO orgs_organization_fts(orgs_organization_fts, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); "
        "INSERT INTO orgs_organization_fts(rowid, search_tokens) "
        "VALUES (new.id, new.search_tokens); END"
    ),
}


def ensure_sqlite_index(using: str = "default") -> bool:
    """Recreate the FTS5 triggers if a migration dropped them; returns True if it had to.

    SQLite rebuilds a table for many schema changes (ALTER is limited), which drops the table's
    triggers; this runs after every migrate so the index keeps following the registry."""

    conn = connections[using]
    if conn.vendor != "sqlite":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "orgs_organization" not in present or "orgs_organization_fts" not in present:
            return False
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(SQLITE_TRIGGERS[name])
        if missing:
            cursor.execute(
                "INSERT INTO orgs_organization_fts(orgs_organization_fts) VALUES ('rebuild')"
            )
    return bool(missing)

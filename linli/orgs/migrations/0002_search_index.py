from typing import Any

from django.db import migrations

from linli.core.dbutils import byte_order_collation

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE orgs_organization_fts USING fts5("
    "search_tokens, content='orgs_organization', content_rowid='id')",
    "CREATE TRIGGER orgs_fts_insert AFTER INSERT ON orgs_organization BEGIN "
    "INSERT INTO orgs_organization_fts(rowid, search_tokens) "
    "VALUES (new.id, new.search_tokens); END",
    "CREATE TRIGGER orgs_fts_delete AFTER DELETE ON orgs_organization BEGIN "
    "INSERT INTO orgs_organization_fts(orgs_organization_fts, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); END",
    "CREATE TRIGGER orgs_fts_update AFTER UPDATE OF search_tokens ON orgs_organization BEGIN "
    "INSERT INTO orgs_organization_fts(orgs_organization_fts, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); "
    "INSERT INTO orgs_organization_fts(rowid, search_tokens) "
    "VALUES (new.id, new.search_tokens); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS orgs_fts_insert",
    "DROP TRIGGER IF EXISTS orgs_fts_delete",
    "DROP TRIGGER IF EXISTS orgs_fts_update",
    "DROP TABLE IF EXISTS orgs_organization_fts",
]
POSTGRES = [
    "CREATE INDEX orgs_org_search_gin ON orgs_organization "
    "USING gin (to_tsvector('simple', search_tokens))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS orgs_org_search_gin"]


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_FTS if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    """The inverted index behind name search (see linli/orgs/search.py)."""

    dependencies = [("orgs", "0001_initial")]
    operations = [
        migrations.RunPython(create, drop),
        byte_order_collation("orgs_organization", "region_path", 64),
    ]

"""The database cache table the rate limits count in (settings.CACHES["ratelimit"]), made by
``migrate`` so that no deployment step can forget ``createcachetable``."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_deferred_index")]
    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]

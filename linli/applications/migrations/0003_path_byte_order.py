"""Byte ordering for region paths on PostgreSQL: scoping compares them as ranges."""

from django.db import migrations

from linli.core.dbutils import byte_order_collation


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_phoneverification_and_more")]

    operations = [
        byte_order_collation("applications_application", "region_path", 64),
    ]

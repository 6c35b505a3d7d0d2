"""Byte ordering for region paths on PostgreSQL: scoping compares them as ranges."""

from django.db import migrations

from linli.core.dbutils import byte_order_collation


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [
        byte_order_collation("talent_socialworktalent", "region_path", 64),
    ]

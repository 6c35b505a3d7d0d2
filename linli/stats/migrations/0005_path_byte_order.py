"""Byte ordering for region paths on PostgreSQL: scoping compares them as ranges."""

from django.db import migrations

from linli.core.dbutils import byte_order_collation


class Migration(migrations.Migration):
    dependencies = [("stats", "0004_target_grade_share")]

    operations = [
        byte_order_collation("stats_orgrollup", "path", 64),
        byte_order_collation("stats_monthlyrollup", "path", 64),
        byte_order_collation("stats_indicatorrollup", "path", 64),
    ]

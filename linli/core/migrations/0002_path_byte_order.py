from django.db import migrations

from linli.core.dbutils import byte_order_collation


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [byte_order_collation("core_auditevent", "region_path", 64)]

from django.db import migrations

from linli.core.dbutils import byte_order_collation


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [byte_order_collation("regions_region", "path", 64)]

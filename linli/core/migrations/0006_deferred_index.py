import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_alter_auditevent_event_type_notification"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeferredIndex",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=63, unique=True)),
                ("definition", models.TextField()),
                ("dropped_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
    ]

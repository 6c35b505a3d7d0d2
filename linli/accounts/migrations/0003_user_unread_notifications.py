from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_unread(apps, schema_editor):
    """Fill the new counter from the notifications already there."""
    User = apps.get_model("accounts", "User")
    Notification = apps.get_model("core", "Notification")
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.update(unread_notifications=Coalesce(Subquery(unread), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("core", "0005_alter_auditevent_event_type_notification"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="unread_notifications",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_unread, migrations.RunPython.noop),
    ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "linli.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        # What this app adds to the registry's pages and list (linli.orgs.extensions); imported
        # here because models may not be imported before the app registry is ready.
        from linli.activities import org_page

        org_page.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "linli.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # What this app adds to the registry's pages and list (linli.orgs.extensions); imported
        # here because models may not be imported before the app registry is ready.
        from linli.applications import org_page

        org_page.register()

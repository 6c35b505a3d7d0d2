from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "linli.talent"
    label = "talent"
    verbose_name = _("Talent")

    def ready(self) -> None:
        # What this app adds to the registry's pages and list (linli.orgs.extensions); imported
        # here because models may not be imported before the app registry is ready.
        from linli.talent import org_page

        org_page.register()

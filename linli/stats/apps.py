from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "linli.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        # Imported here, not at the top: models may not be imported before the registry is ready.
        from linli.core import changes
        from linli.stats.services import Keeper

        changes.register(Keeper())

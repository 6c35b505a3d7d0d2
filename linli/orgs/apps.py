from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_search_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # Imported here: the search module reads models, which the app registry is not ready for
    # when this module is imported.
    from linli.orgs.search import ensure_sqlite_index

    ensure_sqlite_index(using)


class OrgsConfig(AppConfig):
    name = "linli.orgs"
    label = "orgs"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        post_migrate.connect(_keep_search_index, sender=self)

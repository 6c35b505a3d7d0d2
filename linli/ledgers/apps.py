from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "linli.ledgers"
    label = "ledgers"
    verbose_name = _("Ledger import and export")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelabelConfig(AppConfig):
    name = "linli.relabel"
    label = "relabel"
    verbose_name = _("Relabelling")

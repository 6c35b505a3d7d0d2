from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifyConfig(AppConfig):
    name = "linli.classify"
    label = "classify"
    verbose_name = _("Classification")

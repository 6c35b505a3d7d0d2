from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from linli.api import api
from linli.core.limits import limited

handler403 = "linli.core.views.error_403"
handler404 = "linli.core.views.error_404"
handler500 = "linli.core.views.error_500"

urlpatterns = [
    path("", include("linli.core.urls")),
    path("workbench/", include("linli.workbench.urls")),
    path("accounts/", include("linli.accounts.urls")),
    path("regions/", include("linli.regions.urls")),
    path("orgs/", include("linli.orgs.urls")),
    path("applications/", include("linli.applications.urls")),
    path("file/", include("linli.applications.public_urls")),
    path("ledgers/", include("linli.ledgers.urls")),
    path("relabel/", include("linli.relabel.urls")),
    path("stats/", include("linli.stats.urls")),
    path("talent/", include("linli.talent.urls")),
    path("api/v1/", api.urls),
    path(
        "i18n/setlang/",
        login_not_required(limited("language_per_ip")(set_language)),
        name="set_language",
    ),
]

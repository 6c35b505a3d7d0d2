from django.urls import path

from linli.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("national/", views.national, name="national"),
    path("national/export.xlsx", views.national_export, name="national_export"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    path("<str:code>/export.xlsx", views.export, name="export"),
    path("<str:code>/targets/", views.targets, name="targets"),
]

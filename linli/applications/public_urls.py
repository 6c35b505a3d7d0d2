from django.urls import path

from linli.applications import public_views as views

app_name = "public_filing"
urlpatterns = [
    path("", views.start, name="start"),
    path("verify/", views.verify, name="verify"),
    path("leave/", views.leave, name="leave"),
    path("my/", views.home, name="home"),
    path("regions/", views.region_options, name="region_options"),
    path("new/", views.new, name="new"),
    path("<int:app_id>/", views.detail, name="detail"),
    path("<int:app_id>/edit/", views.edit, name="edit"),
    path("<int:app_id>/materials/", views.upload, name="upload"),
    path("<int:app_id>/certificate/", views.certificate, name="certificate"),
    path("<int:app_id>/<str:step>/", views.action, name="action"),
    path("check/", views.check, name="check"),
]

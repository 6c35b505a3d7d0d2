from django.urls import path

from linli.applications import public_views, views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_create, name="create"),
    path("<int:app_id>/", views.application_detail, name="detail"),
    path("<int:app_id>/edit/", views.application_edit, name="edit"),
    path("<int:app_id>/materials/", views.attachment_upload, name="attachment_upload"),
    path(
        "<int:app_id>/materials/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:app_id>/certificate/", public_views.staff_certificate, name="certificate"),
    path("<int:app_id>/<str:action>/", views.application_action, name="action"),
]

from django.urls import path

from linli.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<int:org_id>/", views.organization_detail, name="detail"),
    path("<int:org_id>/edit/", views.organization_edit, name="edit"),
    path("<int:org_id>/people/", views.organization_people, name="people"),
    path(
        "<int:org_id>/people/<int:membership_id>/reveal/",
        views.person_reveal,
        name="person_reveal",
    ),
]

from django.urls import path

from linli.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_home, name="home"),
    path("<str:code>/", views.region_detail, name="detail"),
    path("<str:code>/communities/new/", views.community_create, name="community_create"),
    path("<str:code>/edit/", views.community_edit, name="community_edit"),
    path("<str:code>/history/", views.region_history, name="history"),
]

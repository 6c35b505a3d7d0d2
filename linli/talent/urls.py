from django.urls import path

from linli.talent import views

app_name = "talent"
urlpatterns = [path("", views.talent_list, name="list")]

from django.urls import path

from linli.workbench import views

app_name = "workbench"
urlpatterns = [path("", views.workbench, name="home")]

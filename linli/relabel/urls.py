from django.urls import path

from linli.relabel import views

app_name = "relabel"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("report/", views.report, name="report"),
    path("<int:run_id>/", views.run_detail, name="run"),
    path("items/<int:item_id>/accept/", views.item_accept, name="accept"),
    path("items/<int:item_id>/reject/", views.item_reject, name="reject"),
    path("items/<int:item_id>/correct/", views.item_correct, name="correct"),
]

from django.urls import path

from linli.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("import/", views.import_start, name="import"),
    path("import/<uuid:upload_id>/", views.import_report, name="import_report"),
    path("import/<uuid:upload_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("template.xlsx", views.template_download, name="template"),
    path("export/", views.export_options, name="export_options"),
    path("export.xlsx", views.export_xlsx, name="export"),
]

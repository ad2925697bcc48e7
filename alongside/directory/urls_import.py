"""Importing a directory in the browser, and checking directories' feeds (administrators
only): /directory/import/ and /directory/import/checks/."""

from django.urls import path

from . import views_check, views_import

app_name = "directory_import"

urlpatterns = [
    path("", views_import.import_start, name="start"),
    path("<uuid:run_id>/", views_import.import_run, name="run"),
    path("checks/", views_check.checks, name="checks"),
    path("checks/start/", views_check.check_start, name="check_start"),
    path("checks/<uuid:check_id>/", views_check.check, name="check"),
]

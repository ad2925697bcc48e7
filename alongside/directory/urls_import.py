"""Importing a directory in the browser (administrators only): /directory/import/."""

from django.urls import path

from . import views_import

app_name = "directory_import"

urlpatterns = [
    path("", views_import.import_start, name="start"),
    path("<uuid:run_id>/", views_import.import_run, name="run"),
]

"""Importing a directory in the browser, and checking directories' feeds (administrators
only): /directory/import/ and /directory/import/checks/."""

from django.urls import path

from . import views_check, views_import, views_matching

app_name = "directory_import"

urlpatterns = [
    path("", views_import.import_start, name="start"),
    path("<uuid:run_id>/", views_import.import_run, name="run"),
    path("categories/", views_matching.categories, name="categories"),
    path("categories/<uuid:term_id>/", views_matching.category_map, name="category_map"),
    path("duplicates/", views_matching.duplicates, name="duplicates"),
    path("duplicates/<uuid:service_id>/apart/", views_matching.keep_apart, name="keep_apart"),
    path("duplicates/<uuid:service_id>/together/", views_matching.match_again, name="match_again"),
    path("checks/", views_check.checks, name="checks"),
    path("checks/start/", views_check.check_start, name="check_start"),
    path("checks/<uuid:check_id>/", views_check.check, name="check"),
]

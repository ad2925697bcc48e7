"""The directory's pages for coordinators and managers, under /directory/."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("add/", views.add, name="add"),
    path("needs-checking/", views.needs_checking, name="needs_checking"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/<int:suggestion_id>/", views.suggestion, name="suggestion"),
    path("<uuid:service_id>/", views.service, name="service"),
    path("<uuid:service_id>/edit/", views.edit, name="edit"),
    path("<uuid:service_id>/checked/", views.mark_checked, name="mark_checked"),
]

"""The public directory, under /find/: open to anyone, without signing in."""

from django.urls import path

from . import views

app_name = "find"

urlpatterns = [
    path("", views.find, name="search"),
    path("<uuid:service_id>/", views.find_service, name="service"),
]

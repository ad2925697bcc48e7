from django.urls import path

from alongside.people.record_pages import record_urls

from . import views

app_name = "connections"

urlpatterns = [
    path("people/<int:pk>/connections/", views.person_connections, name="person"),
    path("people/<int:pk>/connections/add/", views.connection_add, name="add"),
    path("people/<int:pk>/connections/<int:record_id>/", views.connection_detail, name="detail"),
    path(
        "people/<int:pk>/connections/<int:record_id>/change/",
        views.connection_edit,
        name="edit",
    ),
    path(
        "people/<int:pk>/connections/<int:record_id>/remove/",
        views.connection_remove,
        name="remove",
    ),
    path(
        "people/<int:pk>/connections/<int:record_id>/follow-ups/<int:follow_up_id>/",
        views.follow_up_reschedule,
        name="reschedule",
    ),
    path("connections/connect/", views.connect, name="connect"),
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/add/", views.opportunity_edit, name="opportunity_add"),
    path("opportunities/<int:opportunity_id>/", views.opportunity_edit, name="opportunity_edit"),
    path("gaps/", views.gaps, name="gaps"),
    *record_urls(views.RECORD_KINDS),
]

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
    path("people/<int:pk>/what-suits/", views.what_suits, name="what_suits"),
    path("people/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("people/<int:pk>/shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path(
        "people/<int:pk>/shortlist/<int:record_id>/remove/",
        views.shortlist_remove,
        name="shortlist_remove",
    ),
    path("people/<int:pk>/shortlist.pdf", views.shortlist_pdf, name="shortlist_pdf"),
    path("people/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("people/<int:pk>/suggestions/take/", views.suggestion_take, name="suggestion_take"),
    path(
        "people/<int:pk>/suggestions/dismiss/", views.suggestion_dismiss, name="suggestion_dismiss"
    ),
    path("connections/", views.team, name="team"),
    path("connections/connect/", views.connect, name="connect"),
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/add/", views.opportunity_edit, name="opportunity_add"),
    path("opportunities/<int:opportunity_id>/", views.opportunity_edit, name="opportunity_edit"),
    path("gaps/", views.gaps, name="gaps"),
    *record_urls(views.RECORD_KINDS),
]

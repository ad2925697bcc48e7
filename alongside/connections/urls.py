from django.urls import path

from alongside.people.record_pages import record_urls

from . import views, views_ideas, views_team

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
    path("people/<int:pk>/what-suits/", views_ideas.what_suits, name="what_suits"),
    path("people/<int:pk>/shortlist/", views_ideas.shortlist, name="shortlist"),
    path("people/<int:pk>/shortlist/add/", views_ideas.shortlist_add, name="shortlist_add"),
    path(
        "people/<int:pk>/shortlist/<int:record_id>/remove/",
        views_ideas.shortlist_remove,
        name="shortlist_remove",
    ),
    path("people/<int:pk>/shortlist.pdf", views_ideas.shortlist_pdf, name="shortlist_pdf"),
    path("people/<int:pk>/suggestions/", views_ideas.suggestions, name="suggestions"),
    path("people/<int:pk>/suggestions/take/", views_ideas.suggestion_take, name="suggestion_take"),
    path(
        "people/<int:pk>/suggestions/dismiss/",
        views_ideas.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
    path("connections/", views_team.team, name="team"),
    path("connections/connect/", views.connect, name="connect"),
    path("opportunities/", views_team.opportunities, name="opportunities"),
    path("opportunities/add/", views_team.opportunity_edit, name="opportunity_add"),
    path(
        "opportunities/<int:opportunity_id>/", views_team.opportunity_edit, name="opportunity_edit"
    ),
    path("gaps/", views_team.gaps, name="gaps"),
    *record_urls(views.RECORD_KINDS),
]

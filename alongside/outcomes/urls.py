from django.urls import path

from alongside.people.record_pages import record_urls

from . import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/due/", views.due, name="due"),
    path("people/<int:pk>/outcomes/", views.outcomes, name="outcomes"),
    path("people/<int:pk>/outcomes/measure/<slug:measure>/", views.measure_add, name="measure"),
    path("people/<int:pk>/outcomes/ratings/", views.ratings_add, name="ratings"),
    path("people/<int:pk>/outcomes/stories/add/", views.story_add, name="story_add"),
    path("people/<int:pk>/outcomes/stories/<int:record_id>/", views.story_edit, name="story_edit"),
    path(
        "people/<int:pk>/outcomes/stories/<int:record_id>/withdraw/",
        views.story_withdraw,
        name="story_withdraw",
    ),
    *record_urls(views.RECORD_KINDS),
]

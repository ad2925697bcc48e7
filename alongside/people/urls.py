from django.urls import path

from . import views, views_about_me
from .record_pages import record_urls

app_name = "people"

urlpatterns = [
    path("my-day/", views.my_day, name="my_day"),
    path("people/", views.people_list, name="list"),
    path("people/<int:pk>/", views.person_summary, name="summary"),
    path("people/<int:pk>/details/", views.person_edit, name="edit"),
    path("people/<int:pk>/conversations/", views.person_timeline, name="timeline"),
    path("people/<int:pk>/vision/", views.person_vision, name="vision"),
    path("people/<int:pk>/gifts/", views.person_gifts, name="gifts"),
    path("people/<int:pk>/plan/", views.person_plan, name="plan"),
    path("people/<int:pk>/voice/", views.person_voice, name="voice"),
    path("people/<int:pk>/about-me/", views_about_me.about_me, name="about_me"),
    path("people/<int:pk>/about-me.pdf", views_about_me.about_me_pdf, name="about_me_pdf"),
    path("people/<int:pk>/step-back/", views.person_step_back, name="step_back"),
    path("people/<int:pk>/hand-over/", views.person_hand_over, name="hand_over"),
    path("people/<int:pk>/merge/", views.person_merge_choose, name="merge_choose"),
    path("people/<int:pk>/merge/<int:other_pk>/", views.person_merge, name="merge"),
    path("people/<int:pk>/remove/", views.person_remove, name="remove"),
    path("people/removed/", views.people_removed, name="removed"),
    path("people/removed/<int:pk>/restore/", views.person_restore, name="restore"),
    path("people/<int:pk>/support/", views.person_level, name="level"),
    *record_urls(views.RECORD_KINDS),
    path("people/<int:pk>/step/<int:record_id>/status/", views.step_status, name="step_status"),
    path("team/", views.team, name="team"),
]

from django.urls import path

from . import views, views_people

app_name = "communities"

urlpatterns = [
    path("community/", views.home, name="home"),
    path("community/areas/<int:area_id>/", views.area_profile, name="area"),
    path("community/areas/<int:area_id>/map/", views.area_map, name="map"),
    path("community/areas/<int:area_id>/conversations/", views.conversations, name="conversations"),
    path(
        "community/areas/<int:area_id>/conversations/add/",
        views.conversation_edit,
        name="conversation_add",
    ),
    path(
        "community/areas/<int:area_id>/conversations/<int:conversation_id>/",
        views.conversation_edit,
        name="conversation_edit",
    ),
    path("community/areas/<int:area_id>/profile/add/", views.entry_edit, name="entry_add"),
    path(
        "community/areas/<int:area_id>/profile/<int:entry_id>/",
        views.entry_edit,
        name="entry_edit",
    ),
    path(
        "community/areas/<int:area_id>/profile/<int:entry_id>/remove/",
        views.entry_remove,
        name="entry_remove",
    ),
    path("community/partners/", views.partners, name="partners"),
    path("community/areas/<int:area_id>/partners/add/", views.partner_edit, name="partner_add"),
    path("community/partners/<int:partner_id>/", views.partner_page, name="partner"),
    path("community/partners/<int:partner_id>/change/", views.partner_edit, name="partner_edit"),
    path(
        "community/partners/<int:partner_id>/add/<slug:what>/",
        views.partner_add_to,
        name="partner_add_to",
    ),
    path("community/projects/", views.projects, name="projects"),
    path("community/areas/<int:area_id>/projects/add/", views.project_edit, name="project_add"),
    path("community/projects/<int:project_id>/", views.project_page, name="project"),
    path("community/projects/<int:project_id>/change/", views.project_edit, name="project_edit"),
    path("people/<int:pk>/community/", views_people.person_community, name="person"),
    path(
        "people/<int:pk>/community/<slug:kind>/<int:record_id>/remove/",
        views_people.person_community_remove,
        name="person_remove",
    ),
]

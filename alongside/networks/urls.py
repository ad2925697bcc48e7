from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("people/<int:pk>/network/", views.network, name="network"),
    path("people/<int:pk>/network/compare/", views.network_compare, name="compare"),
    path("people/<int:pk>/network/snapshot/", views.snapshot_take, name="snapshot"),
    path("people/<int:pk>/network/<int:record_id>/", views.member_edit, name="member_edit"),
    path("people/<int:pk>/network/<int:record_id>/move/", views.member_move, name="member_move"),
    path(
        "people/<int:pk>/network/<int:record_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
]

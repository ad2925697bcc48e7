"""The audit trail pages, for managers. Mounted at the root (before ``people.urls``), so that
the team's trail is ``/audit/`` and one person's sits in their record, ``/people/<pk>/audit/``.
"""

from django.urls import path

from . import views_audit as views

app_name = "audit"

urlpatterns = [
    path("audit/", views.trail, name="trail"),
    path("audit/export.csv", views.trail_export, name="export"),
    path("people/<int:pk>/audit/", views.person_trail, name="person"),
    path("people/<int:pk>/audit/export.csv", views.person_trail_export, name="person_export"),
]

from django.urls import path

from . import views_introductions as views

app_name = "introductions"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.introduction_new, {"quick": True}, name="quick"),
    path("new/full/", views.introduction_new, name="new"),
    path("<int:pk>/", views.introduction_detail, name="detail"),
    path("<int:pk>/close/", views.introduction_close, name="close"),
    path("handed-over/", views.handovers, name="handovers"),
]

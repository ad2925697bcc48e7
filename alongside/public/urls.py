"""The public pages: the home page at /, finding your coordinator, each area's page."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("your-coordinator/", views.find_coordinator, name="find_coordinator"),
    path("areas/<int:area_id>/", views.area, name="area"),
    path("coordinators/<int:user_id>/photo/", views.photo, name="photo"),
    path("introduce/", views.introduce, name="introduce"),
    path("introduce/partner/", views.introduce_partner, name="introduce_partner"),
    path("introduce/thank-you/", views.introduced, name="introduced"),
    path("find/suggest/", views.suggest, name="suggest"),
    path("find/<uuid:service_id>/suggest/", views.suggest, name="correct"),
    path("find/suggest/thank-you/", views.suggested, name="suggested"),
    path("feedback/thank-you/", views.feedback_given, name="feedback_given"),
    path("feedback/<str:signed>/", views.feedback, name="feedback"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

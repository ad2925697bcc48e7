from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("figures/", views.figures, name="figures"),
]

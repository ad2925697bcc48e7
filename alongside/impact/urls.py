from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="dashboard"),
    path("figures/", views.figures_moved, name="figures"),
]

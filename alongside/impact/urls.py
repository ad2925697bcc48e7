from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="dashboard"),
    path("impact/reports/", views.report_ask, name="report_ask"),
    path("impact/reports/<uuid:report_id>/", views.report_page, name="report"),
    path("impact/reports/<uuid:report_id>/download", views.report_download, name="download"),
    path("impact/how/<slug:key>/", views.workings, name="workings"),
    path("impact/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("figures/", views.figures_moved, name="figures"),
]

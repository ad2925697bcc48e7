from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.dashboard, name="dashboard"),
    path("impact/figures.xlsx", views.workbook, name="workbook"),
    path("impact/report.pdf", views.report_pdf, name="report_pdf"),
    path("impact/extract.zip", views.evaluator_extract, name="extract"),
    path("impact/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("figures/", views.figures_moved, name="figures"),
]

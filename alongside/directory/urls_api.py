"""The ORUK 3.0 API, served under /oruk/ (see api.py). Ids in paths are taken as text and
checked in the view, so that a malformed id is a JSON 404 like an unknown one."""

from django.urls import path, re_path

from . import api

app_name = "oruk"

urlpatterns = [
    path("", api.api_details, name="api_details"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:id>", api.service, name="service"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", api.taxonomy_term, name="taxonomy_term"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:id>", api.organization, name="organization"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", api.service_at_location, name="service_at_location"),
    re_path(r"^.*$", api.not_found, name="not_found"),
]

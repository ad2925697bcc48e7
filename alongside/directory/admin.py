"""Administrators can look after the directory here until the directory pages exist.
Directory records hold no personal data about the people coordinators walk alongside."""

from django.contrib import admin
from django.db import models

from .models import Location, Organization, Service, Taxonomy, TaxonomyTerm
from .models.imports import ImportRun


class DirectoryAdmin(admin.ModelAdmin):
    # A link typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organization)
class OrganizationAdmin(DirectoryAdmin):
    list_display = ["name", "email", "website", "source", "updated_at"]
    list_filter = ["source"]
    search_fields = ["name", "description", "email", "source_id"]
    raw_id_fields = ["parent"]


@admin.register(Service)
class ServiceAdmin(DirectoryAdmin):
    list_display = ["name", "organization", "status", "last_modified", "last_checked_on", "source"]
    list_filter = ["status", "source"]
    search_fields = ["name", "description", "organization__name", "source_id"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization", "last_checked_by"]
    readonly_fields = ["version"]  # moved on by the coordinators' form and by imports
    date_hierarchy = "last_modified"


@admin.register(Location)
class LocationAdmin(DirectoryAdmin):
    list_display = ["__str__", "location_type", "latitude", "longitude", "source"]
    list_filter = ["location_type", "source"]
    search_fields = ["name", "description", "addresses__postal_code", "external_identifier"]


@admin.register(Taxonomy)
class TaxonomyAdmin(DirectoryAdmin):
    list_display = ["name", "version", "uri", "source"]
    search_fields = ["name", "description"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(DirectoryAdmin):
    list_display = ["name", "term", "taxonomy", "parent", "source"]
    list_filter = ["taxonomy", "source"]
    list_select_related = ["taxonomy", "parent"]
    search_fields = ["name", "description", "term"]
    raw_id_fields = ["parent"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Imports are started at /directory/import/ or with ``manage.py directory_import``; here
    they can only be looked at."""

    list_display = ["started_at", "source", "kind", "status", "dry_run", "created", "rejected"]
    list_filter = ["status", "kind", "source"]
    list_select_related = ["started_by"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

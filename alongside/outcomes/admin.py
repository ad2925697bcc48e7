"""Administrators keep the unit-cost library, the outcome domains and the organisation's
settings (the SWEMWBS registration, the review interval). Person records are not here."""

from django.contrib import admin

from .models import OrganisationSettings, OutcomeDomain, UnitCost


@admin.register(UnitCost)
class UnitCostAdmin(admin.ModelAdmin):
    list_display = ["description", "unit", "cost_gbp", "price_year", "active"]
    list_filter = ["active", "price_year"]
    search_fields = ["description", "code", "source"]


@admin.register(OutcomeDomain)
class OutcomeDomainAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(OrganisationSettings)
class OrganisationSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "warwick_registration", "review_interval_months"]

    def has_add_permission(self, request):
        return not OrganisationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

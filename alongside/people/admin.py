"""Administrators manage vocabularies here; person records are not in the admin site."""

from django.contrib import admin

from .models import GiftTerm


@admin.register(GiftTerm)
class GiftTermAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    list_editable = ["active"]
    search_fields = ["name"]

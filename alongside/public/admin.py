from django.contrib import admin

from .models import Coverage


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["area", "postcodes", "phone", "email"]
    search_fields = ["area__name", "postcodes"]
    fields = ["area", "postcodes", "boundary", "about", "phone", "email"]

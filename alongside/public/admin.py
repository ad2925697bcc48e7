from django.contrib import admin

from .models import Coverage


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["area", "phone", "email"]
    search_fields = ["area__name"]
    fields = ["area", "boundary", "about", "phone", "email"]

from django.contrib import admin

from .models import Download, PriceIndex


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    """Downloads of figures, to read (never to change)."""

    list_display = ["at", "user_name", "what", "format", "start", "end", "small_numbers_hidden"]
    list_filter = ["format", "small_numbers_hidden"]
    search_fields = ["user_name", "what", "areas"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PriceIndex)
class PriceIndexAdmin(admin.ModelAdmin):
    list_display = ["year", "index", "source"]

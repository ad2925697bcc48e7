from django.contrib import admin

from .models import DiscountRate, Download, FinancialProxy, PriceIndex, ProgrammeCost


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


@admin.register(ProgrammeCost)
class ProgrammeCostAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "amount_gbp", "what"]


@admin.register(DiscountRate)
class DiscountRateAdmin(admin.ModelAdmin):
    list_display = ["version", "first_year", "last_year", "rate_percent", "active"]
    list_filter = ["version", "active"]


@admin.register(FinancialProxy)
class FinancialProxyAdmin(admin.ModelAdmin):
    list_display = ["outcome", "value_gbp", "price_year", "licence", "duration_years", "active"]

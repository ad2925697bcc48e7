"""Administrators manage vocabularies and the emails to introducers here; person records are
not in the admin site."""

from django.contrib import admin

from .models import GiftTerm, MessageTemplate


@admin.register(GiftTerm)
class GiftTermAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    list_editable = ["active"]
    search_fields = ["name"]


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """The words of the emails to introducers. The placeholders are listed on the page."""

    list_display = ["__str__", "subject", "updated_at"]
    fields = ["subject", "body"]

    def has_add_permission(self, request):
        return False  # one for each kind, made by the migrations

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        words = "; ".join(
            f"{{{{ {name} }}}}: {meaning}" for name, meaning in MessageTemplate.PLACEHOLDERS.items()
        )
        kwargs["help_texts"] = {
            "body": f"Plain text. You can use these placeholders: {words}. Never add anything "
            "the person who made the introduction would not already know."
        }
        return super().get_form(request, obj, change, **kwargs)

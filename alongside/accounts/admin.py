from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import Area, Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "postcode_districts"]
    list_filter = ["team"]
    search_fields = ["name"]


class NewUserForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "role"]


class ChangeUserForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = NewUserForm
    form = ChangeUserForm
    ordering = ["full_name"]
    list_display = ["full_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active", "areas", "teams"]
    search_fields = ["full_name", "email"]
    filter_horizontal = ["areas", "teams", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Role and where they work", {"fields": ["role", "areas", "teams"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "password1", "password2"],
            },
        ),
    ]

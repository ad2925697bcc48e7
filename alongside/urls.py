from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from alongside.accounts import views as account_views
from alongside.public import views as public_views

admin.site.site_header = "Alongside administration"
admin.site.site_title = "Alongside"

urlpatterns = [
    path("", public_views.home, name="home"),  # the public home page; staff go to their work
    path("", include("alongside.public.urls")),
    path("login/", account_views.login_view, name="login"),
    # Signing out must work after the idle timeout has already signed the user out.
    path("logout/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("account/", include("alongside.accounts.urls")),
    path("introductions/", include("alongside.people.urls_introductions")),
    path("oruk/", include("alongside.directory.urls_api")),  # the open ORUK 3.0 API
    path("directory/import/", include("alongside.directory.urls_import")),  # administrators
    path("directory/", include("alongside.directory.urls")),
    path("find/", include("alongside.directory.urls_public")),  # the public directory
    path("", include("alongside.impact.urls")),
    path("", include("alongside.networks.urls")),
    path("", include("alongside.connections.urls")),  # before people/<pk>/<kind>/<record_id>/
    path("", include("alongside.communities.urls")),  # before people/<pk>/<kind>/
    path("", include("alongside.outcomes.urls")),  # before people/<pk>/<kind>/<record_id>/
    path("", include("alongside.people.urls_audit")),  # /audit/, /people/<pk>/audit/
    path("", include("alongside.people.urls")),
    path("admin/", admin.site.urls),
]

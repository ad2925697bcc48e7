"""Alongside settings: one file, read from the environment.

Every setting that differs between a laptop and a council's server comes from an environment
variable (see README "Configuration"). Production is any process serving through WSGI/ASGI with
DEBUG off: there, incomplete settings stop the server at start-up (see ``production_problems``).
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import overload

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


@overload
def env(name: str, default: str) -> str: ...
@overload
def env(name: str, default: None = None) -> str | None: ...
def env(name: str, default: str | None = None) -> str | None:
    """The environment variable ``name``; ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
_DEV_SECRET_KEY = "insecure-development-key-never-use-in-production"
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env("SITE_NAME", "Alongside")
# The address the public reach Alongside at, for links in emails sent from the background
# worker (where there is no request to take it from), such as the introducers' questions.
PUBLIC_URL = env("PUBLIC_URL", "http://127.0.0.1:8000")
# Where the public can write about the site (accessibility problems, a page in another
# format); without it the accessibility statement points them to their coordinator.
CONTACT_EMAIL = env("CONTACT_EMAIL", "")


def production_problems() -> list[str]:
    """What stops this configuration from serving real people's data safely."""
    problems = []
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 40:
        problems.append("SECRET_KEY must be set to a random value of at least 40 characters.")
    if not env("ALLOWED_HOSTS"):
        problems.append("ALLOWED_HOSTS must list the host names the site is served on.")
    if not env("DATABASE_URL"):
        problems.append("DATABASE_URL must point at the production database (PostgreSQL).")
    if not env("EMAIL_HOST"):
        problems.append("EMAIL_HOST must be set so that password-reset emails can be sent.")
    if not env("PUBLIC_URL", "").startswith("https://"):
        problems.append(
            "PUBLIC_URL must be the https:// address people reach the site at, for the links "
            "in emails."
        )
    return problems


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "alongside.accounts",
    "alongside.audit",
    "alongside.people",
    "alongside.networks",
    "alongside.outcomes",
    "alongside.directory",
    "alongside.connections",
    "alongside.communities",
    "alongside.impact",
    "alongside.public",
    "alongside.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "alongside.accounts.middleware.SignedInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alongside.urls"
WSGI_APPLICATION = "alongside.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alongside" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alongside.accounts.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "alongside.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the background worker write to one file at once (./run), so:
    # write-ahead logging (readers never wait for a writer); a transaction takes the write
    # lock when it begins (IMMEDIATE), so that one which read first never fails at once with
    # "database is locked" when it comes to write, but waits, up to 20 s, for the other.
    # Reads go through the operating system's page cache (memory-mapped, up to 256 MB),
    # shared by every connection, rather than SQLite's own 2 MB cache for each: a directory
    # search over 50,000 services takes a third less time (bench/directory.py).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("timeout", 20)
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456;")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compiling of queries: it helps long reports, not pages, and PostgreSQL's cost
    # estimates of a directory search with distances set it off (0.6 s for a 50 ms query).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (directory imports): queued in the database, run by `manage.py db_worker`.
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs it in the request.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: a session ends after 30 minutes without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
# However busy, a session ends this many hours after signing in (accounts/middleware.py).
SESSION_ABSOLUTE_HOURS = float(env("SESSION_ABSOLUTE_HOURS", "10"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Lock-out: 5 failed logins for one email address lock it for 30 minutes, whether or not an
# account with that address exists, and the message never says which.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field for the email address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "alongside.accounts.views.locked_out"
AXES_VERBOSE = False

# The directory's map: Leaflet draws tiles from this server ({z}/{x}/{y}, and {s} for a
# subdomain), OpenStreetMap's by default; the attribution is shown on the map, as the tile
# server's licence asks. "none" draws the markers without a background (no outside requests).
DIRECTORY_TILE_URL = env("DIRECTORY_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
if DIRECTORY_TILE_URL.lower() == "none":
    DIRECTORY_TILE_URL = ""
DIRECTORY_TILE_ATTRIBUTION = env(
    "DIRECTORY_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# Importing another directory's feed: seconds to wait for each request, and the most pages.
DIRECTORY_IMPORT_TIMEOUT = float(env("DIRECTORY_IMPORT_TIMEOUT", "20"))
# Feeds on this server or a private network are refused unless allowed (importing/feed.py).
DIRECTORY_IMPORT_PRIVATE = env_bool("DIRECTORY_IMPORT_PRIVATE", False)
DIRECTORY_IMPORT_MAX_PAGES = env_int("DIRECTORY_IMPORT_MAX_PAGES", 1000)
# Fresh listings: one not checked for this many months is flagged "needs checking"; with
# DIRECTORY_HIDE_UNCHECKED, one not checked for DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS (the same
# unless set) is left off the public pages until someone checks it.
DIRECTORY_CHECK_EVERY_MONTHS = env_int("DIRECTORY_CHECK_EVERY_MONTHS", 6)
DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS = env_int(
    "DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS", DIRECTORY_CHECK_EVERY_MONTHS
)
DIRECTORY_HIDE_UNCHECKED = env_bool("DIRECTORY_HIDE_UNCHECKED", False)
for _name in ("DIRECTORY_CHECK_EVERY_MONTHS", "DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS"):
    if not 1 <= globals()[_name] <= 120:
        raise ImproperlyConfigured(f"{_name} must be a number of months from 1 to 120")
# The feed checker runs again every this many hours (manage.py directory_check --schedule
# starts it; the task worker, manage.py db_worker, runs it); 0 turns the schedule off.
DIRECTORY_CHECK_EVERY_HOURS = float(env("DIRECTORY_CHECK_EVERY_HOURS", "24"))


def tile_origin(url: str | None) -> list[str]:
    """The origin the map's tiles come from, for the Content Security Policy (``{s}.`` in
    the host becomes ``*.``)."""
    if not url or url.startswith("/"):
        return []
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}.", "*."))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(f"DIRECTORY_TILE_URL must be an http(s) URL, not {url!r}")
    return [f"{parts.scheme}://{parts.netloc}"]


SECURE_CONTENT_TYPE_NOSNIFF = True
# Scripts only from our own origin, or inline with the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *tile_origin(DIRECTORY_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy every request comes from the proxy: name the header it puts the
# client's address in (the last address in it is the one the proxy saw), so that the public
# forms' limit of a few an hour is per client, not for everyone at once.
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER", "")
if env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "alongside" / "static",
    BASE_DIR / "build" / "static",
    ("govuk", _NODE / "govuk-frontend" / "dist" / "govuk"),
    ("moj", _NODE / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", _NODE / "htmx.org" / "dist"),
    ("leaflet", _NODE / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "alongside@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Practice settings
ALONGSIDE_PAGE_SIZE = 25
# An introduction waiting longer than this many working days is flagged to the coordinator
# and the manager; someone supported with no conversation for this many weeks is "not in
# touch lately".
ALONGSIDE_WAIT_WORKING_DAYS = env_int("INTRODUCTION_WAIT_WORKING_DAYS", 10)
ALONGSIDE_OUT_OF_TOUCH_WEEKS = env_int("OUT_OF_TOUCH_WEEKS", 6)
# How long a report made in the background (PDF, workbook, evaluator's extract) is kept for
# whoever asked for it to download.
ALONGSIDE_REPORTS_KEPT_HOURS = env_int("REPORTS_KEPT_HOURS", 48)
# Follow-ups of a connection, in days after the person went along; still connected at the
# last one, the connection counts as sustained.
ALONGSIDE_CONNECTION_FOLLOW_UPS = [
    int(days) for days in env("CONNECTION_FOLLOW_UP_DAYS", "28,91").split(",") if days.strip()
]
# The sections of My day, in order: each app's own, declared here in plain sight.
ALONGSIDE_MY_DAY = [
    "alongside.people.my_day.introductions",
    "alongside.people.my_day.steps_due",
    "alongside.outcomes.my_day.reviews_due",
    "alongside.connections.my_day.follow_ups_due",
    "alongside.connections.my_day.no_longer_listed",
    "alongside.people.my_day.not_in_touch",
    "alongside.people.my_day.changes",
]

# Parts other apps add to a community resource's page for staff, in order.
ALONGSIDE_RESOURCE_PANELS = [
    "alongside.impact.panels.resource_connections",
    "alongside.connections.panels.connect_someone",
]

# Lock-out is per email address, not per IP: a council office shares one address behind its
# firewall, and one person's typos must not lock out the whole team.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

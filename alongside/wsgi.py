"""WSGI entry point (gunicorn alongside.wsgi).

Refuses to start on incomplete production settings."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")
application = get_wsgi_application()

from alongside import settings  # noqa: E402

if not settings.DEBUG and (problems := settings.production_problems()):
    raise ImproperlyConfigured("Alongside cannot start in production:\n- " + "\n- ".join(problems))

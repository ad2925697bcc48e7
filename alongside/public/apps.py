from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "alongside.public"
    verbose_name = "Public pages"

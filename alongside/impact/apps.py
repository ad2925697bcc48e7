from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "alongside.impact"
    verbose_name = "Impact: figures for managers and commissioners"

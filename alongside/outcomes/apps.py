from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    verbose_name = "Outcomes and prevention"

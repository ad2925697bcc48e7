from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "alongside.communities"
    verbose_name = "Communities"

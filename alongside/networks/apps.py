from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "alongside.networks"
    verbose_name = "Personal networks"

from django.apps import AppConfig


class ConnectionsConfig(AppConfig):
    name = "alongside.connections"
    verbose_name = "Connections and contributions"

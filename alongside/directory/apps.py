from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "alongside.directory"
    verbose_name = "Community directory"

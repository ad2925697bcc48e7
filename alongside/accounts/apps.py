from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    verbose_name = "People who use Alongside"

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "alongside.people"
    verbose_name = "People, introductions and walking alongside"

from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    verbose_name = "Outcomes and prevention"

    def ready(self):
        from alongside.people.views import RecordKind, register_record_kind

        from . import forms, models

        register_record_kind(
            "crisis",
            RecordKind(
                models.CrisisEvent,
                forms.CrisisEventForm,
                forms.CrisisEventForm,
                "outcomes",
                "outcomes:outcomes",
                "crisis or event",
            ),
        )
        register_record_kind(
            "avoided",
            RecordKind(
                models.CrisisAvoided,
                forms.CrisisAvoidedForm,
                forms.CrisisAvoidedForm,
                "outcomes",
                "outcomes:outcomes",
                "crisis avoided",
            ),
        )

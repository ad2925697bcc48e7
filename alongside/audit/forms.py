"""The filters of the audit trail pages: input checks only.

Messages are constants so that tests assert the very words a manager sees.
"""

from typing import cast

from django import forms
from django.db.models import QuerySet

from alongside.forms import GovukForm

from .models import Action, RecordType

USER_INVALID = "Choose someone from the list"
ACTION_INVALID = "Choose what they did from the list"
RECORD_TYPE_INVALID = "Choose what it was about from the list"
DATES_BACKWARDS = "The ‘to’ date must be the same as or after the ‘from’ date"
PERSON_TOO_LONG = "The person’s name must be 100 characters or fewer"
SINCE_INVALID = "The ‘from’ date must be a real date, like 27/3/2025"
UNTIL_INVALID = "The ‘to’ date must be a real date, like 27/3/2025"


def _sentence_case(label: str) -> str:
    return label[:1].upper() + label[1:]


class AuditFilterForm(GovukForm):
    """Narrow the trail by person (typed name), user, action, what it was about and days.

    Pass ``users`` (who may be chosen) and ``with_person=False`` on one person's page."""

    person = forms.CharField(label="Person’s name, or part of it", required=False, max_length=100)
    user: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Who",
        queryset=None,
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": USER_INVALID},
    )
    action = forms.ChoiceField(
        label="What they did",
        required=False,
        choices=[("", "Anything"), *((v, _sentence_case(label)) for v, label in Action.choices)],
        error_messages={"invalid_choice": ACTION_INVALID},
    )
    record_type = forms.ChoiceField(
        label="What it was about",
        required=False,
        choices=[
            ("", "Anything"),
            *((v, _sentence_case(label)) for v, label in RecordType.choices),
        ],
        error_messages={"invalid_choice": RECORD_TYPE_INVALID},
    )
    since = forms.DateField(label="From", required=False, widget=forms.DateInput)
    until = forms.DateField(label="To", required=False, widget=forms.DateInput)

    widths = {
        "person": "govuk-input--width-20",
        "since": "govuk-input--width-10",
        "until": "govuk-input--width-10",
    }

    def __init__(self, data=None, *, users: QuerySet, with_person: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = users
        self.fields["since"].error_messages["invalid"] = SINCE_INVALID
        self.fields["until"].error_messages["invalid"] = UNTIL_INVALID
        if with_person:
            self.fields["person"].error_messages["max_length"] = PERSON_TOO_LONG
        else:
            del self.fields["person"]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", DATES_BACKWARDS)
        return cleaned

    @property
    def filtering(self) -> bool:
        """Whether any filter was given (to tell "nothing matches" from "nothing yet")."""
        return any(self.data.get(name) for name in self.fields)

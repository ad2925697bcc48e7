"""Quick forms for recording outcomes during a conversation, on a phone as much as a laptop."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from alongside.forms import GovukForm, VersionedFormMixin, VersionedModelForm, not_future

from .measures import Measure
from .models import (
    Confidence,
    CrisisAvoided,
    CrisisEvent,
    Occasion,
    OutcomeDomain,
    Rating,
    Story,
    StoryUse,
    UnitCost,
)

ANSWER_REQUIRED = (
    "Answer every statement, or tick 'Keep the answers without a score' below: {name} is only "
    "scored when every statement is answered"
)
ANSWER_INVALID = "Choose one of the answers"
OCCASION_REQUIRED = "Select when this was: at the start, at a review or when stepping back"
NO_RATING = "Rate at least one outcome with the person"
MOST_AT_ONCE = 500
QUANTITY_RANGE = f"Enter how many as a whole number from 1 to {MOST_AT_ONCE}"
WHY_LIKELY_REQUIRED = "Say why you and the person believe it was likely to happen"
INSTEAD_REQUIRED = "Say what happened instead"
CONFIDENCE_REQUIRED = "Select how confident you both are"
STORY_WORDS_REQUIRED = "Write the story in the person's words, in yours, or both"
CONSENT_USE_REQUIRED = "Select how the person agreed the story can be used"
CONSENT_BY_REQUIRED = "Say who gave consent, for example the person themselves"


class MeasureForm(VersionedFormMixin, GovukForm):
    """One question per item, answered with the person; the date and the occasion."""

    taken_on = forms.DateField(label="Date", required=False, widget=forms.DateInput)
    occasion = forms.ChoiceField(
        label="When is this?",
        choices=Occasion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": OCCASION_REQUIRED},
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        self.measure = measure
        super().__init__(*args, **kwargs)
        for item in measure.items:
            answer: Any = forms.TypedChoiceField(
                label=item.text,
                choices=[(o.value, o.label) for o in item.options],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": ANSWER_INVALID},
            )
            answer.hide_optional = True  # read by templates/forms/field.html
            answer.inline = True
            self.fields[item.code] = answer
        self.fields["taken_on"].help_text = "Leave empty for today"
        self.fields["keep_partial"] = forms.BooleanField(
            label="Keep the answers without a score", required=False
        )
        self.add_version_fields(None)
        self.style_fields()
        self.item_names = [item.code for item in measure.items]

    def clean_taken_on(self):
        return not_future(self.cleaned_data.get("taken_on")) or timezone.localdate()

    def clean(self):
        data = super().clean()
        missing = [name for name in self.item_names if data.get(name) in (None, "")]
        if missing and not data.get("keep_partial") and not self.has_error(missing[0]):
            self.add_error(missing[0], ANSWER_REQUIRED.format(name=self.measure.name))
        return data

    def answers(self) -> dict:
        return {
            name: (None if self.cleaned_data.get(name) in (None, "") else self.cleaned_data[name])
            for name in self.item_names
        }


class RatingsForm(VersionedFormMixin, GovukForm):
    on = forms.DateField(label="Date", required=False, widget=forms.DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(OutcomeDomain.objects.filter(active=True))
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=Rating.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": ANSWER_INVALID},
            )
            self.fields[f"domain_{domain.pk}"].inline = True
        self.add_version_fields(None)
        self.style_fields()

    def clean_on(self):
        return not_future(self.cleaned_data.get("on")) or timezone.localdate()

    def clean(self):
        data = super().clean()
        if self.domains and not self.ratings() and not self.errors:
            self.add_error(f"domain_{self.domains[0].pk}", NO_RATING)
        return data

    def ratings(self) -> dict:
        return {
            d: self.cleaned_data[f"domain_{d.pk}"]
            for d in self.domains
            if self.cleaned_data.get(f"domain_{d.pk}") not in (None, "")
        }


def _event_choices(field):
    field.queryset = UnitCost.objects.filter(active=True)
    field.empty_label = "Choose"


def _quantity_limits(field):
    """How many of one kind of crisis a single record counts: at least one, and no more than
    a person could plausibly have had (a bigger number is a typing slip, and would swamp
    the figures)."""
    field.min_value, field.max_value = 1, MOST_AT_ONCE
    field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
    field.validators += [MinValueValidator(1), MaxValueValidator(MOST_AT_ONCE)]
    for key in ("invalid", "min_value", "max_value", "required"):
        field.error_messages[key] = QUANTITY_RANGE
    field.widget.attrs.update(min=1, max=MOST_AT_ONCE)


class CrisisEventForm(VersionedModelForm):
    widths = {"quantity": "govuk-input--width-3"}

    class Meta:
        model = CrisisEvent
        fields = ["on", "event_type", "quantity", "what_happened"]
        widgets = {"on": forms.DateInput, "what_happened": forms.Textarea(attrs={"rows": 3})}
        labels = {"event_type": "What happened"}
        error_messages = {"event_type": {"required": "Choose what happened"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _event_choices(self.fields["event_type"])
        _quantity_limits(self.fields["quantity"])
        self.fields["what_happened"].label = "More about it"


class CrisisAvoidedForm(VersionedModelForm):
    widths = {"quantity": "govuk-input--width-3"}

    class Meta:
        model = CrisisAvoided
        fields = [
            "on",
            "likely_event",
            "quantity",
            "why_likely",
            "instead",
            "confidence",
            "confirmed_by",
        ]
        widgets = {
            "on": forms.DateInput,
            "why_likely": forms.Textarea(attrs={"rows": 3}),
            "instead": forms.Textarea(attrs={"rows": 3}),
            "confidence": forms.RadioSelect,
        }
        error_messages = {
            "likely_event": {"required": "Choose what was likely to happen"},
            "why_likely": {"required": WHY_LIKELY_REQUIRED},
            "instead": {"required": INSTEAD_REQUIRED},
            "confidence": {"required": CONFIDENCE_REQUIRED},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _event_choices(self.fields["likely_event"])
        _quantity_limits(self.fields["quantity"])
        self.fields["confidence"].choices = Confidence.choices


class StoryForm(VersionedModelForm):
    class Meta:
        model = Story
        fields = [
            "title",
            "persons_words",
            "coordinators_words",
            "themes",
            "domains",
            "consent_given_by",
            "consent_given_on",
            "consent_use",
        ]
        widgets = {
            "persons_words": forms.Textarea(attrs={"rows": 6}),
            "coordinators_words": forms.Textarea(attrs={"rows": 4}),
            "domains": forms.CheckboxSelectMultiple,
            "consent_given_on": forms.DateInput,
            "consent_use": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": "Give the story a title"},
            "consent_given_by": {"required": CONSENT_BY_REQUIRED},
            "consent_given_on": {"required": "Enter the date consent was given"},
            "consent_use": {"required": CONSENT_USE_REQUIRED},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = OutcomeDomain.objects.filter(active=True)
        self.fields["consent_use"].choices = StoryUse.choices

    def clean(self):
        data = super().clean()
        if not (data.get("persons_words", "").strip() or data.get("coordinators_words", "")):
            self.add_error("persons_words", STORY_WORDS_REQUIRED)
        return data

    def changes(self) -> dict:
        return {n: value for n, value in super().changes().items() if n != "domains"}

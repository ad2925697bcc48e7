"""Forms for the person's record. Checks live here; saving and rules are in services.
(Introductions have their own: ``forms_introductions.py``.)"""

from typing import Any

from django import forms
from django.utils import timezone

from alongside import validation
from alongside.accounts.models import Area
from alongside.forms import GovukForm, VersionedFormMixin, VersionedModelForm, not_future

from . import queries
from .models import (
    Conversation,
    FamilyMember,
    Gift,
    GiftKind,
    GiftTerm,
    Level,
    Person,
    PlanReview,
    PlanStep,
    StepBackReason,
    VoiceEntry,
)

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
DECISION_REQUIRED = "Select how you will support the person"
GIFT_EMPTY = "Choose a gift from the list or describe it in their words"
STEP_BACK_REASON_REQUIRED = "Select why you are stepping back"
DURATION_RANGE = "Enter a length between 1 and 600 minutes"


# The person's details, as both the introduction forms and the details form take them.
PERSON_DETAILS = (
    "full_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "postcode",
    "area",
)
PERSON_WIDTHS = {
    "phone": "govuk-input--width-20",
    "postcode": "govuk-input--width-10",
    "pronouns": "govuk-input--width-10",
    "preferred_name": "govuk-input--width-20",
}


class PersonDetailsMixin:
    """Checks shared by every form that takes a person's details."""

    def clean_full_name(self):
        value = " ".join(self.cleaned_data.get("full_name", "").split())
        if not value:
            raise forms.ValidationError(validation.NAME_REQUIRED)
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        return validation.normalise_phone(value) if value else ""

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return validation.normalise_postcode(value) if value else ""

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").lower()

    def clean_date_of_birth(self):
        return not_future(
            self.cleaned_data.get("date_of_birth"), validation.DATE_OF_BIRTH_IN_FUTURE
        )


def email_field() -> forms.EmailField:
    """An optional email address with the project's message."""
    return forms.EmailField(
        required=False, max_length=200, error_messages={"invalid": EMAIL_INVALID}
    )


class PersonForm(PersonDetailsMixin, VersionedModelForm):
    widths = PERSON_WIDTHS
    email = email_field()
    phone = forms.CharField(max_length=30, required=False)
    postcode = forms.CharField(max_length=10, required=False)

    class Meta:
        model = Person
        fields = [*PERSON_DETAILS, "coordinator"]
        widgets = {"date_of_birth": forms.DateInput, "address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = validation.NAME_REQUIRED
        self.fields["area"].queryset = queries.areas_to_choose(user=user)
        self.fields["coordinator"].queryset = queries.coordinators_to_choose(user=user)


class VisionForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["what_matters", "vision"]
        widgets = {
            "what_matters": forms.Textarea(attrs={"rows": 6}),
            "vision": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "what_matters": "What is important to them now, in their words",
            "vision": "What a good life looks like for them, and how they might get there. "
            "Write it in their own words.",
        }


class ConversationForm(VersionedModelForm):
    widths = {"duration_minutes": "govuk-input--width-4", "where": "govuk-input--width-20"}
    duration_minutes = forms.IntegerField(
        label="How long (minutes)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "min_value": DURATION_RANGE,
            "max_value": DURATION_RANGE,
            "invalid": "Enter how long as a whole number of minutes, like 45",
        },
    )

    class Meta:
        model = Conversation
        fields = ["on", "how", "where", "who_was_there", "duration_minutes", "notes"]
        widgets = {
            "on": forms.DateInput,
            "how": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"duration_minutes": "How long (minutes)"}
        help_texts = {
            "who_was_there": "Besides you and the person, for example their daughter",
            "notes": "What you talked about, what matters, what happens next",
        }
        error_messages = {"notes": {"required": "Write a note of the conversation"}}


class GiftForm(VersionedModelForm):
    class Meta:
        model = Gift
        fields = ["kind", "term", "description", "family_member"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"term": "Choose from the shared list", "family_member": "Whose is it?"}
        help_texts = {
            "description": "Or describe it in their words, for example "
            "'makes everyone laugh', 'grows tomatoes'"
        }

    def __init__(self, *args, person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = GiftTerm.objects.filter(active=True)
        self.fields["term"].empty_label = "Choose one, or describe it below"
        self.fields["family_member"].help_text = ""
        self.fields["term"].label_from_instance = lambda t: (
            f"{t.name} ({t.get_kind_display().lower()})"
        )
        family = self.fields["family_member"]
        family.queryset = queries.family_members(user=user, person=person)
        family.empty_label = f"{person.known_as}'s own"
        self.fields["kind"].initial = GiftKind.GIFT

    def clean(self):
        data = super().clean()
        if not data.get("term") and not data.get("description", "").strip():
            self.add_error("description", GIFT_EMPTY)
        return data


class PlanStepForm(VersionedModelForm):
    future_dates_allowed = ("by_when",)
    widths = {"who": "govuk-input--width-20"}

    class Meta:
        model = PlanStep
        fields = ["what", "who", "by_when"]
        widgets = {"by_when": forms.DateInput}
        help_texts = {"who": "The person, you, a neighbour, a group…"}
        error_messages = {
            "what": {"required": "Say what the step is"},
            "who": {"required": "Say who will do it"},
        }


class PlanStepUpdateForm(PlanStepForm):
    class Meta(PlanStepForm.Meta):
        fields = ["what", "who", "by_when", "status", "outcome"]
        widgets: dict[str, Any] = {
            "by_when": forms.DateInput,
            "status": forms.RadioSelect,
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }


class PlanReviewForm(VersionedModelForm):
    class Meta:
        model = PlanReview
        fields = ["on", "note"]
        widgets = {"on": forms.DateInput}
        error_messages = {"note": {"required": "Say what you agreed when you reviewed the plan"}}


class VoiceForm(VersionedModelForm):
    class Meta:
        model = VoiceEntry
        fields = ["on", "kind", "about", "with_whom", "what_happened"]
        widgets = {"on": forms.DateInput, "kind": forms.RadioSelect}
        labels = {"kind": "Whose voice"}
        help_texts = {"with_whom": "A person, service or organisation, e.g. the housing officer"}
        error_messages = {
            "about": {"required": "Say what it was about"},
            "with_whom": {"required": "Say who it was with"},
            "kind": {"required": "Select whose voice it was"},
        }


class FamilyMemberForm(VersionedModelForm):
    class Meta:
        model = FamilyMember
        fields = ["name", "relationship", "lives_with_person", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"relationship": "For example daughter, partner, grandson"}
        error_messages = {
            "name": {"required": "Enter their name"},
            "relationship": {"required": "Say how they are related"},
        }


class StepBackForm(VersionedFormMixin, GovukForm):
    reason = forms.ChoiceField(
        label="Why are you stepping back?",
        choices=StepBackReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": STEP_BACK_REASON_REQUIRED},
    )
    on = forms.DateField(label="Date", required=False, widget=forms.DateInput)
    note = forms.CharField(
        label="Anything to add",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(version)

    def clean_on(self):
        return not_future(self.cleaned_data.get("on")) or timezone.localdate()


class LevelForm(VersionedFormMixin, GovukForm):
    level = forms.ChoiceField(
        label="How will you support them now?",
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED},
    )
    note = forms.CharField(
        label="Anything to add",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(version)


AREA_NEEDED = "Choose the area to hand them over to"
HAND_OVER_REASON_NEEDED = "Say why you are handing them over, for whoever picks it up"


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.team.name})"


class HandOverForm(VersionedFormMixin, GovukForm):
    to_area = AreaChoiceField(
        label="Which area?",
        queryset=Area.objects.none(),
        empty_label="Choose",
        error_messages={"required": AREA_NEEDED, "invalid_choice": AREA_NEEDED},
    )
    reason = forms.CharField(
        label="Why are you handing them over?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: moved to Kirkstall last month. The coordinator there reads this.",
        error_messages={"required": HAND_OVER_REASON_NEEDED},
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.exclude(pk=person.area_id).select_related("team")
        field = self.fields["to_area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = areas.order_by("name")
        self.add_version_fields(person.version)

    def clean_reason(self):
        reason = " ".join(self.cleaned_data.get("reason", "").split())
        if not reason:
            raise forms.ValidationError(HAND_OVER_REASON_NEEDED)
        return reason


MERGE_REASON_NEEDED = "Say why these are the same person, for the audit trail"
MERGE_CHOICE_NEEDED = "Choose which to keep"
REMOVE_REASON_NEEDED = "Say why this record should be removed"


def _shown(person: Person, name: str) -> str:
    value = getattr(person, name)
    if value in (None, ""):
        return "(empty)"
    if name == "date_of_birth":
        return f"{value:%-d %B %Y}"
    return str(value)


class MergeForm(VersionedFormMixin, GovukForm):
    """Two people side by side: for each detail they differ in, which to keep."""

    reason = forms.CharField(
        label="Why are they the same person?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: introduced twice, by her GP and by her daughter",
        error_messages={"required": MERGE_REASON_NEEDED},
    )

    def __init__(self, *args, keep: Person, merge: Person, fields: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.keep, self.merge = keep, merge
        self.differing = [n for n in fields if getattr(keep, n) != getattr(merge, n)]
        for name in self.differing:
            self.fields[f"choose_{name}"] = forms.ChoiceField(
                label=Person.field_label(name),
                choices=[("keep", _shown(keep, name)), ("merge", _shown(merge, name))],
                widget=forms.RadioSelect,
                initial="keep",
                error_messages={"required": MERGE_CHOICE_NEEDED},
            )
        self.fields["merge_version"] = forms.IntegerField(widget=forms.HiddenInput)
        self.add_version_fields(keep.version)
        self.initial.setdefault("merge_version", merge.version)
        self.style_fields()
        self.order_fields([*(f"choose_{n}" for n in self.differing), "reason"])

    def clean_reason(self):
        reason = " ".join(self.cleaned_data.get("reason", "").split())
        if not reason:
            raise forms.ValidationError(MERGE_REASON_NEEDED)
        return reason

    def values(self) -> dict[str, Any]:
        """The chosen value of each detail they differ in."""
        return {
            name: getattr(
                self.merge if self.cleaned_data[f"choose_{name}"] == "merge" else self.keep, name
            )
            for name in self.differing
        }


class RemoveForm(VersionedFormMixin, GovukForm):
    reason = forms.CharField(
        label="Why should this record be removed?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: recorded by mistake, a test. To join two records of one "
        "person, merge them instead.",
        error_messages={"required": REMOVE_REASON_NEEDED},
    )

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(version)

    def clean_reason(self):
        reason = " ".join(self.cleaned_data.get("reason", "").split())
        if not reason:
            raise forms.ValidationError(REMOVE_REASON_NEEDED)
        return reason

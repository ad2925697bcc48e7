"""Forms for introductions and the person's record. Checks live here; saving is in services."""

from django import forms
from django.utils import timezone

from alongside import validation
from alongside.accounts.models import Area, User
from alongside.forms import GovukForm, VersionedFormMixin, VersionedModelForm, not_future

from . import queries
from .models import (
    Agreement,
    Channel,
    Conversation,
    FamilyMember,
    Gift,
    GiftKind,
    GiftTerm,
    IntroducerKind,
    Level,
    NotNowReason,
    Person,
    PlanReview,
    PlanStep,
    StepBackReason,
    VoiceEntry,
)

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
AREA_REQUIRED = "Choose the area the person lives in"
URGENT_DETAIL_REQUIRED = "Say what is urgent, so whoever reads this can act on it"
INTRODUCER_REQUIRED = "Select who introduced the person"
AGREEMENT_REQUIRED = "Select whether the person knows about and agrees to the introduction"
NOT_NOW_REASON_REQUIRED = "Select why it is not the right time now"
DECISION_REQUIRED = "Select how you will support the person"
GIFT_EMPTY = "Choose a gift from the list or describe it in their words"
STEP_BACK_REASON_REQUIRED = "Select why you are stepping back"
DURATION_RANGE = "Enter a length between 1 and 600 minutes"

_LONG = forms.Textarea(attrs={"rows": 4})


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


def _email_field():
    return forms.EmailField(
        required=False, max_length=200, error_messages={"invalid": EMAIL_INVALID}
    )


class IntroductionForm(PersonDetailsMixin, VersionedFormMixin, GovukForm):
    """Both the quick capture (a phone call, a walk-in) and the full introduction form."""

    QUICK = (
        "full_name",
        "phone",
        "email",
        "postcode",
        "area",
        "introducer_kind",
        "introducer_name",
        "introducer_contact",
        "whats_going_on",
        "agreement",
        "urgent",
        "urgent_detail",
    )
    widths = {
        "phone": "govuk-input--width-20",
        "postcode": "govuk-input--width-10",
        "pronouns": "govuk-input--width-10",
        "preferred_name": "govuk-input--width-20",
    }

    # The person
    full_name = forms.CharField(
        label="Their full name",
        max_length=150,
        required=False,
        error_messages={"max_length": "Name must be 150 characters or fewer"},
    )
    preferred_name = forms.CharField(
        label="What they like to be called", max_length=80, required=False
    )
    pronouns = forms.CharField(max_length=40, required=False, help_text="For example, she/her")
    date_of_birth = forms.DateField(required=False, widget=forms.DateInput)
    phone = forms.CharField(label="Their phone number", max_length=30, required=False)
    email = _email_field()
    address = forms.CharField(
        max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    postcode = forms.CharField(max_length=10, required=False)
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        help_text="Leave empty to choose it from the postcode",
    )
    # The introduction
    received_on = forms.DateField(
        label="Date of introduction", required=False, widget=forms.DateInput
    )
    channel = forms.ChoiceField(
        label="How it came",
        choices=Channel.choices,
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
    )
    introducer_kind = forms.ChoiceField(
        label="Who introduced them",
        choices=[("", "Choose")] + IntroducerKind.choices,
        error_messages={"required": INTRODUCER_REQUIRED},
    )
    introducer_name = forms.CharField(
        label="Name of who introduced them", max_length=150, required=False
    )
    introducer_organisation = forms.CharField(
        label="Their organisation", max_length=150, required=False
    )
    introducer_contact = forms.CharField(
        label="How to reach who introduced them",
        max_length=200,
        required=False,
        help_text="A phone number or email address",
    )
    whats_going_on = forms.CharField(
        label="What's going on for them",
        max_length=4000,
        required=False,
        widget=_LONG,
    )
    what_matters = forms.CharField(
        label="What matters to them",
        max_length=4000,
        required=False,
        widget=_LONG,
        help_text="In their words, if you can",
    )
    agreement = forms.ChoiceField(
        label="Do they know about and agree to this introduction?",
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": AGREEMENT_REQUIRED},
    )
    urgent = forms.BooleanField(label="Something is urgent", required=False)
    urgent_detail = forms.CharField(
        label="What is urgent",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, quick=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["area"].queryset = queries.areas_to_choose(user=user)
        if quick:
            for name in list(self.fields):
                if name not in self.QUICK:
                    del self.fields[name]
        self.add_version_fields(None)

    def clean_received_on(self):
        return not_future(self.cleaned_data.get("received_on")) or timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("urgent") and not data.get("urgent_detail", "").strip():
            self.add_error("urgent_detail", URGENT_DETAIL_REQUIRED)
        if not data.get("area") and "area" not in self.errors:
            suggested = queries.suggest_area(user=self.user, postcode=data.get("postcode") or "")
            if suggested is None:
                self.add_error("area", AREA_REQUIRED)
            else:
                data["area"] = suggested
        return data

    def person_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
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
            if name in self.cleaned_data
        }

    def introduction_data(self) -> dict:
        names = (
            "received_on",
            "channel",
            "introducer_kind",
            "introducer_name",
            "introducer_organisation",
            "introducer_contact",
            "whats_going_on",
            "what_matters",
            "agreement",
            "urgent",
            "urgent_detail",
        )
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class DecideForm(VersionedFormMixin, GovukForm):
    decision = forms.ChoiceField(
        label="How will you support them?",
        choices=[*Level.choices, ("not_now", "Not now")],
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED},
        help_text="You can change this later, as you get to know each other",
    )
    coordinator = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Coordinator",
        help_text="Leave empty to take this on yourself",
    )
    not_now_reason = forms.ChoiceField(
        label="If not now, why?", choices=[("", "Choose")] + NotNowReason.choices, required=False
    )
    note = forms.CharField(
        label="Anything to add",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = queries.coordinators_to_choose(user=user)
        self.fields["coordinator"].empty_label = "Me"
        self.add_version_fields(version)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "not_now" and not data.get("not_now_reason"):
            self.add_error("not_now_reason", NOT_NOW_REASON_REQUIRED)
        return data


class PersonForm(PersonDetailsMixin, VersionedModelForm):
    widths = IntroductionForm.widths
    email = _email_field()
    phone = forms.CharField(max_length=30, required=False)
    postcode = forms.CharField(max_length=10, required=False)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "email",
            "address",
            "postcode",
            "area",
            "coordinator",
        ]
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
        widgets = {
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

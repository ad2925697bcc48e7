"""Forms for introductions: the quick and the full form, and the decision after a first
conversation. Checks live here; saving is in services."""

from django import forms
from django.utils import timezone

from alongside.accounts.models import Area, User
from alongside.forms import GovukForm, VersionedFormMixin, not_future

from . import queries
from .forms import DECISION_REQUIRED, PERSON_DETAILS, PERSON_WIDTHS, PersonDetailsMixin, email_field
from .message_words import NO_EMAIL_ADDRESS
from .models import (
    Agreement,
    Channel,
    ClosedReason,
    IntroducerKind,
    Level,
    NotNowReason,
    introducer_email,
)

AREA_REQUIRED = "Choose the area the person lives in"
URGENT_DETAIL_REQUIRED = "Say what is urgent, so whoever reads this can act on it"
INTRODUCER_REQUIRED = "Select who introduced the person"
AGREEMENT_REQUIRED = "Select whether the person knows about and agrees to the introduction"
NOT_NOW_REASON_REQUIRED = "Select why it is not the right time now"
NOT_IN_TOUCH = "You could not get in touch with them, so there is nothing to tell: untick this"
CLOSE_REASON_REQUIRED = "Select why you are closing the introduction"

AREA_ELSEWHERE = (
    "{postcode} is in {area}, which you do not work in: hand the introduction over to {area} "
    "below, or choose one of your areas"
)
LONG = forms.Textarea(attrs={"rows": 4})


class IntroductionForm(PersonDetailsMixin, VersionedFormMixin, GovukForm):
    """Both the quick capture (a phone call, a walk-in) and the full introduction form."""

    QUICK = (
        "full_name",
        "date_of_birth",
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
        "hand_over",
        "acknowledge",
    )
    widths = PERSON_WIDTHS

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
    email = email_field()
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
        widget=LONG,
    )
    what_matters = forms.CharField(
        label="What matters to them",
        max_length=4000,
        required=False,
        widget=LONG,
        help_text="In their words, if you can",
    )
    agreement = forms.ChoiceField(
        label="Do they know about and agree to this introduction?",
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": AGREEMENT_REQUIRED},
    )
    urgent = forms.BooleanField(label="Something is urgent", required=False)
    hand_over = forms.BooleanField(required=False)
    acknowledge = forms.BooleanField(
        label="Email whoever introduced them to say it has arrived",
        required=False,
        help_text="To the email address in \u201cHow to reach who introduced them\u201d (or "
        "the person\u2019s own, if they introduced themself). It says only that the "
        "introduction arrived.",
    )
    urgent_detail = forms.CharField(
        label="What is urgent",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, quick=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.elsewhere: Area | None = None  # the area the postcode is in, if not the user's
        self.elsewhere_coordinators: list[User] = []
        self.handing_over_to: Area | None = None
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
        if data.get("acknowledge") and not introducer_email(
            data.get("introducer_contact", ""),
            data.get("introducer_kind", ""),
            data.get("email", ""),
        ):
            self.add_error("acknowledge", NO_EMAIL_ADDRESS)
        if not data.get("area") and "area" not in self.errors:
            postcode = data.get("postcode") or ""
            suggested = queries.suggest_area(user=self.user, postcode=postcode)
            elsewhere = (
                None if suggested else queries.area_elsewhere_for(user=self.user, postcode=postcode)
            )
            if suggested is not None:
                data["area"] = suggested
            elif elsewhere is not None and data.get("hand_over"):
                data["area"] = elsewhere
                self.handing_over_to = elsewhere
            elif elsewhere is not None:
                self.elsewhere = elsewhere
                self.elsewhere_coordinators = list(queries.area_coordinators(area=elsewhere))
                self.add_error(
                    "area", AREA_ELSEWHERE.format(postcode=postcode, area=elsewhere.name)
                )
            else:
                self.add_error("area", AREA_REQUIRED)
        return data

    def matching_details(self) -> dict:
        """What finding the same person again goes by, as far as it was typed correctly."""
        data = self.cleaned_data
        return {
            "full_name": data.get("full_name", ""),
            "date_of_birth": data.get("date_of_birth"),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "postcode": data.get("postcode", ""),
        }

    def hand_over_reason(self) -> str:
        """Why an introduction recorded for another area is handed over there."""
        area = getattr(self, "handing_over_to", None)
        if area is None:
            return ""
        return f"Lives in {area.name} ({self.cleaned_data.get('postcode')})"

    def person_data(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in PERSON_DETAILS if name in self.cleaned_data
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

    tell_introducer = forms.BooleanField(
        label="Email whoever introduced them to say you have been in touch",
        required=False,
        help_text="It says only that you have been in touch: nothing of what you decided.",
    )

    def __init__(self, *args, user, introduction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = queries.coordinators_to_choose(user=user)
        self.fields["coordinator"].empty_label = "Me"
        address = introduction.introducer_email
        if not address or introduction.introducer_kind == IntroducerKind.SELF:
            del self.fields["tell_introducer"]
        else:
            self.fields["tell_introducer"].help_text += f" To {address}."
        self.add_version_fields(introduction.version)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "not_now" and not data.get("not_now_reason"):
            self.add_error("not_now_reason", NOT_NOW_REASON_REQUIRED)
        if (
            data.get("tell_introducer")
            and data.get("decision") == "not_now"
            and data.get("not_now_reason") == NotNowReason.NO_CONTACT
        ):
            self.add_error("tell_introducer", NOT_IN_TOUCH)
        return data


class CloseForm(VersionedFormMixin, GovukForm):
    """Ending an introduction without a decision about support."""

    reason = forms.ChoiceField(
        label="Why are you closing it?",
        choices=ClosedReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CLOSE_REASON_REQUIRED},
    )
    close_note = forms.CharField(
        label="Anything to add",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(version)

"""The public's forms. Input checks only."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from alongside.forms import GovukForm
from alongside.people.models import Easy, Helped, IntroducerKind
from alongside.validation import normalise_phone, normalise_postcode

POSTCODE_NEEDED = "Enter your postcode, like LS6 1AB"


class PostcodeForm(GovukForm):
    postcode = forms.CharField(
        label="Your postcode",
        max_length=20,
        help_text="For example, LS6 1AB",
        error_messages={"required": POSTCODE_NEEDED},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input govuk-input--width-10"}
        ),
    )


WHO_NEEDED = "Say whether you are introducing yourself or someone else"
NAME_NEEDED = "Enter the name of the person to get in touch with"
YOUR_NAME_NEEDED = "Enter your name, as you are introducing someone else"
RELATIONSHIP_NEEDED = "Say who you are to the person you are introducing"
HOW_TO_REACH_NEEDED = (
    "Enter a phone number or an email address, so that the coordinator can get in touch"
)
WHATS_GOING_ON_NEEDED = "Tell us a little about what is going on"
CONTACT_CONSENT_NEEDED = "Tick the box to say the coordinator may get in touch"
RECORD_CONSENT_NEEDED = "Tick the box to say you understand what will be kept"
AGREED_NEEDED = "Tick the box to say they know about this introduction and agree to it"
EMAIL_INVALID = "Enter an email address like name@example.org"

MYSELF, SOMEONE = "myself", "someone"


class RobotTrapForm(GovukForm):
    """A public form with a trap for robots: ``website_trap``, hidden from people
    (``public/_robot_trap.html``), must stay empty."""

    website_trap = forms.CharField(required=False, label="Leave this empty")

    @property
    def is_a_robot(self) -> bool:
        return bool(self.data.get("website_trap"))


def _postcode(value: str) -> str:
    """A postcode as typed, tidied (``LS6 1AB``), or "" for none; the reason if it is not one."""
    if not value.strip():
        return ""
    try:
        return normalise_postcode(value)
    except ValidationError as invalid:
        raise ValidationError(invalid.messages[0]) from None


class PublicIntroductionForm(RobotTrapForm):
    """Introducing yourself, or someone else with their agreement, without an account."""

    who = forms.ChoiceField(
        label="Who are you introducing?",
        choices=[(MYSELF, "Myself"), (SOMEONE, "Someone else, who knows and agrees")],
        widget=forms.RadioSelect,
        error_messages={"required": WHO_NEEDED, "invalid_choice": WHO_NEEDED},
    )
    full_name = forms.CharField(
        label="Name",
        help_text="Yours, or the name of the person you are introducing",
        max_length=150,
        error_messages={"required": NAME_NEEDED},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    postcode = forms.CharField(
        label="Their postcode",
        help_text="Where they live (or yours, if it is you), so that we find the coordinator "
        "for their area. For example, LS6 1AB",
        max_length=20,
        error_messages={"required": POSTCODE_NEEDED},
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "email", "type": "email", "spellcheck": "false"}
        ),
    )
    how_to_contact = forms.CharField(
        label="How and when is best to get in touch?",
        help_text="For example: a text first; afternoons; not on Mondays",
        required=False,
        max_length=150,
    )
    whats_going_on = forms.CharField(
        label="What is going on?",
        help_text="A few words are enough. The coordinator will talk it through with them.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": WHATS_GOING_ON_NEEDED},
    )
    what_matters = forms.CharField(
        label="What matters to them?",
        help_text="What they enjoy, care about or would like to change",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    introducer_name = forms.CharField(
        label="Your name",
        help_text="Only if you are introducing someone else",
        required=False,
        max_length=150,
    )
    relationship = forms.ChoiceField(
        label="Who are you to them?",
        help_text="Only if you are introducing someone else",
        required=False,
        choices=[
            ("", "Choose one"),
            (IntroducerKind.FAMILY, "Family"),
            (IntroducerKind.FRIEND, "A friend or neighbour"),
            (IntroducerKind.OTHER, "Someone else"),
        ],
    )
    introducer_contact = forms.CharField(
        label="Your phone number or email address",
        help_text="Only if you are introducing someone else, in case the coordinator needs to "
        "ask you something",
        required=False,
        max_length=100,
    )
    agreed = forms.BooleanField(
        label="They know about this introduction and agree to it",
        required=False,
    )
    consent_contact = forms.BooleanField(
        label="The Local Area Coordinator may get in touch about this, by phone or email",
        error_messages={"required": CONTACT_CONSENT_NEEDED},
    )
    consent_record = forms.BooleanField(
        label="I understand that what is written here is kept by the Local Area Coordination "
        "team, to help, and is not shared with anyone else without agreement",
        error_messages={"required": RECORD_CONSENT_NEEDED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("phone", "email"):  # one of the two is needed: neither is "optional"
            self.fields[name].hide_optional = True  # read by templates/forms/field.html

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValidationError as invalid:
            raise ValidationError(invalid.messages[0]) from None

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(EMAIL_INVALID) from None
        return value

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])

    def clean(self) -> dict:
        data = super().clean() or {}
        unreadable = self.errors.get("phone") or self.errors.get("email")
        if not unreadable and not data.get("phone") and not data.get("email"):
            self.add_error("phone", HOW_TO_REACH_NEEDED)
        if data.get("who") == SOMEONE:
            if not (data.get("introducer_name") or "").strip():
                self.add_error("introducer_name", YOUR_NAME_NEEDED)
            if not data.get("relationship"):
                self.add_error("relationship", RELATIONSHIP_NEEDED)
            if not data.get("agreed"):
                self.add_error("agreed", AGREED_NEEDED)
        return data


ORGANISATION_NEEDED = "Enter the name of your organisation"
PARTNER_KIND_NEEDED = "Say what kind of organisation you are from"
PARTNER_CONTACT_NEEDED = "Enter your phone number or email address, so that we can reply"


class PartnerIntroductionForm(PublicIntroductionForm):
    """A partner organisation (a GP practice, housing, a school, a voluntary group)
    introducing someone who agrees: who the partner is, and the person's agreement."""

    who = None  # type: ignore[assignment]  # Django: None removes a field (always someone else)
    how_to_contact = None  # type: ignore[assignment]
    introducer_name = forms.CharField(
        label="Your name", max_length=150, error_messages={"required": YOUR_NAME_NEEDED}
    )
    organisation = forms.CharField(
        label="Your organisation",
        help_text="For example, Woodhouse Surgery or Leeds Housing",
        max_length=150,
        error_messages={"required": ORGANISATION_NEEDED},
    )
    relationship = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=[
            ("", "Choose one"),
            (IntroducerKind.HEALTH, "GP practice or health service"),
            (IntroducerKind.HOUSING, "Housing"),
            (IntroducerKind.SCHOOL, "School or college"),
            (IntroducerKind.VOLUNTARY, "Voluntary or community group"),
            (IntroducerKind.COUNCIL, "Council service"),
            (IntroducerKind.POLICE, "Police"),
            (IntroducerKind.OTHER, "Another organisation"),
        ],
        error_messages={"required": PARTNER_KIND_NEEDED, "invalid_choice": PARTNER_KIND_NEEDED},
    )
    introducer_contact = forms.CharField(
        label="Your phone number or email address",
        help_text="We email you that the introduction has arrived, if you give an email address",
        max_length=100,
        error_messages={"required": PARTNER_CONTACT_NEEDED},
    )
    agreed = forms.BooleanField(
        label="They know about this introduction and agree to it",
        error_messages={"required": AGREED_NEEDED},
    )
    consent_contact = forms.BooleanField(
        label="They agree that the Local Area Coordinator may get in touch with them",
        error_messages={"required": CONTACT_CONSENT_NEEDED},
    )


SUGGESTION_NAME_NEEDED = "Enter what it is called"
CHANGE_NEEDED = "Say what is wrong or what should change"
URL_INVALID = "Enter the website's address, like https://example.org"


class SuggestionForm(RobotTrapForm):
    """Something the directory should list: a group, an activity, a place to go."""

    name = forms.CharField(
        label="What is it called?",
        max_length=255,
        error_messages={"required": SUGGESTION_NAME_NEEDED},
    )
    description = forms.CharField(
        label="What is it?",
        help_text="What happens there, who it is for, when it is on",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    url = forms.URLField(
        label="Its website",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
    )
    postcode = forms.CharField(
        label="Its postcode",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    contact = forms.CharField(
        label="How to get in touch with it",
        help_text="A phone number or email address",
        required=False,
        max_length=200,
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="Only if you are happy for the team to ask you about it",
        required=False,
        error_messages={"invalid": EMAIL_INVALID},
    )

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])


class CorrectionForm(RobotTrapForm):
    """What is wrong with a listing."""

    details = forms.CharField(
        label="What is wrong, or what should change?",
        help_text="For example: it has moved, it now meets on Thursdays, the phone number is wrong",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": CHANGE_NEEDED},
    )
    email = SuggestionForm.base_fields["email"]


EASY_NEEDED = "Say whether it was easy to make the introduction"
HELPED_NEEDED = "Say whether it has helped, or that it is too soon to say"


class FeedbackForm(GovukForm):
    """The introducers' two questions: no name, no address, nothing else."""

    easy = forms.ChoiceField(
        label="Was it easy to make the introduction?",
        choices=Easy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": EASY_NEEDED, "invalid_choice": EASY_NEEDED},
    )
    helped = forms.ChoiceField(
        label="Has Local Area Coordination helped?",
        choices=Helped.choices,
        widget=forms.RadioSelect,
        error_messages={"required": HELPED_NEEDED, "invalid_choice": HELPED_NEEDED},
    )

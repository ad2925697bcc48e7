"""Forms of the directory pages: finding community resources, adding or correcting one, and
(for administrators) importing another directory. Input checks only.

Messages are constants, so that tests assert the very words people see."""

from collections.abc import MutableMapping
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from alongside.forms import GovukForm, VersionedFormMixin
from alongside.validation import (
    PHONE_INVALID,
    POSTCODE_INVALID,
    normalise_phone,
    normalise_postcode,
)

from . import queries, rules
from .distance import KM_PER_MILE
from .models import TaxonomyTerm

NAME_REQUIRED = "Enter the name of the community resource"
EMAIL_INVALID = "Enter an email address, like name@example.org"
URL_INVALID = "Enter a web address, like https://www.example.org"
TIME_INVALID = "Enter a time in 24-hour form, like 09:30 or 14:00"
CLOSES_BEFORE_OPENS = "The closing time must be after the opening time"
AGE_INVALID = "Enter an age in years, like 16"
AGES_REVERSED = "The youngest age must not be more than the oldest age"
ADDRESS_NEEDS_POSTCODE = "Enter the postcode of the address"
ADDRESS_NEEDS_TOWN = "Enter the town or city of the address"
ACCESSIBILITY_NEEDS_PLACE = "Say where it is (a postcode at least) to describe its accessibility"
NEAR_BOTH = "Search near a postcode or near a person, not both"
NO_CATEGORY = "Choose a category from the list"

WITHIN_MILES = [
    ("1", "1 mile"),
    ("2", "2 miles"),
    ("5", "5 miles"),
    ("10", "10 miles"),
    ("any", "Any distance"),
]
DEFAULT_WITHIN = "2"
COST_CHOICES = [
    ("free", "Free"),
    ("costs", "It costs something"),
    ("unknown", "Not known"),
]


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return obj.name


# Finding -----------------------------------------------------------------------------------


class SearchForm(GovukForm):
    """What a coordinator, or anyone on the public pages, asks the directory. Every field
    is optional; a blank form lists everything."""

    q = forms.CharField(
        label="What are you looking for?",
        required=False,
        max_length=200,
        help_text="Words like walking group, lunch club, debt advice or allotment",
    )
    postcode = forms.CharField(label="Near postcode", required=False, max_length=20)
    within = forms.ChoiceField(label="Within", choices=WITHIN_MILES, required=False)
    category = CategoryField(
        label="Category",
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        empty_label="Any category",
        to_field_name="pk",
    )
    age = forms.IntegerField(
        label="Age",
        required=False,
        min_value=0,
        max_value=120,
        help_text="Shows what is open to someone of that age",
        error_messages={"invalid": AGE_INVALID},
    )
    free = forms.BooleanField(
        label="Free",
        required=False,
        help_text="Includes what is free for some people, such as under 18s",
    )
    day = forms.ChoiceField(
        label="Day", required=False, choices=[("", "Any day"), *queries.DAYS.items()]
    )
    time = forms.ChoiceField(
        label="Time of day",
        required=False,
        choices=[("", "Any time")]
        + [(key, label) for key, (label, _, _) in queries.TIMES_OF_DAY.items()],
    )
    person = forms.CharField(required=False, widget=forms.HiddenInput)

    widths = {
        "q": "govuk-input--width-20",
        "postcode": "govuk-input--width-10",
        "age": "govuk-input--width-3",
    }

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = queries.categories()
        self.fields["category"].error_messages["invalid_choice"] = NO_CATEGORY
        self.fields["age"].error_messages.update(min_value=AGE_INVALID, max_value=AGE_INVALID)
        self.fields["age"].widget.attrs["inputmode"] = "numeric"
        if people is not None:
            self.fields["person"] = forms.ChoiceField(
                label="Or near someone you support",
                required=False,
                choices=[("", "Nobody chosen")] + people,
            )
            self.style_fields()

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValidationError:
            raise ValidationError(POSTCODE_INVALID, code="postcode") from None

    def clean_within(self) -> str:
        return self.cleaned_data["within"] or DEFAULT_WITHIN

    def clean(self):
        data = super().clean()
        if data.get("postcode") and data.get("person"):
            self.add_error("postcode", NEAR_BOTH)
        return data

    @property
    def within_km(self) -> float | None:
        within = self.cleaned_data.get("within") or DEFAULT_WITHIN
        return None if within == "any" else int(within) * KM_PER_MILE


# Adding and correcting -----------------------------------------------------------------------


def _clean_time(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    tidy = rules.time_of_day(value)
    if tidy is None:
        raise ValidationError(TIME_INVALID, code="time")
    return tidy


def _in_words(field: forms.Field, value) -> str:
    """A saved value as the form would show it: a choice's label rather than its value."""
    if value in (None, "", []):
        return ""
    if isinstance(field, forms.ModelChoiceField):
        queryset = field.queryset
        found = queryset.filter(pk=value).first() if queryset is not None else None
        return field.label_from_instance(found) if found else ""
    labels = dict(getattr(field, "choices", None) or [])
    if isinstance(field, forms.MultipleChoiceField):
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(labels.get(value, value))


class Languages(list):
    """The languages typed, tidied: a list, written as the form shows it ("English, Urdu"),
    so that a colleague's change to them is told from this user's (``add_stale_error``)."""

    def __str__(self) -> str:
        return ", ".join(self)


class ResourceForm(VersionedFormMixin, GovukForm):
    """A community resource in one form: a service, a group, or something that is not a
    service at all (a friendly café, a neighbour-run allotment). What it is, who runs it
    (left blank, the resource runs itself: a café's own name), where, when, how to get in
    touch, what it costs, for which ages, accessibility and languages.

    A correction carries the version of the resource it was loaded with (``version``: give
    it when showing the form); an addition carries the id the new resource will have."""

    name = forms.CharField(
        label="Name",
        max_length=255,
        help_text="What people call it, like Knit and Natter, or The Corner Café",
        error_messages={"required": NAME_REQUIRED},
    )
    description = forms.CharField(
        label="What it is",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain words: what happens there, who it suits, what to expect",
    )
    organization_name = forms.CharField(
        label="Who runs it",
        required=False,
        max_length=255,
        help_text="An organisation or a group, like Hillside Neighbours. Leave it blank for "
        "something that runs itself, like a café.",
    )
    category = CategoryField(
        label="Category",
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        empty_label="No category",
    )
    location_name = forms.CharField(
        label="Name of the place",
        required=False,
        max_length=255,
        help_text="Like St Mark's Church Hall",
    )
    address_1 = forms.CharField(label="Address line 1", required=False, max_length=255)
    city = forms.CharField(label="Town or city", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode", required=False, max_length=20)
    days = forms.MultipleChoiceField(
        label="Days",
        required=False,
        choices=list(queries.DAYS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.CharField(
        label="Opens at", required=False, max_length=5, help_text="24-hour, like 09:30"
    )
    closes_at = forms.CharField(
        label="Closes at", required=False, max_length=5, help_text="24-hour, like 14:00"
    )
    when = forms.CharField(
        label="When, in words",
        required=False,
        help_text="Like: every other Tuesday in term time",
    )
    phone = forms.CharField(label="Phone", required=False, max_length=50)
    email = forms.EmailField(
        label="Email", required=False, error_messages={"invalid": EMAIL_INVALID}
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
    )
    cost = forms.ChoiceField(
        label="Does it cost anything?",
        choices=COST_CHOICES,
        widget=forms.RadioSelect,
        initial="unknown",
    )
    cost_description = forms.CharField(
        label="What it costs",
        required=False,
        help_text="Like: £2 a session, free for under 18s",
    )
    minimum_age = forms.IntegerField(
        label="Youngest age",
        required=False,
        help_text="Leave the ages blank when it is open to everyone",
        min_value=rules.YOUNGEST,
        max_value=rules.OLDEST,
        error_messages={"invalid": AGE_INVALID},
    )
    maximum_age = forms.IntegerField(
        label="Oldest age",
        required=False,
        min_value=rules.YOUNGEST,
        max_value=rules.OLDEST,
        error_messages={"invalid": AGE_INVALID},
    )
    accessibility = forms.CharField(
        label="Accessibility",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Like: step-free entrance, hearing loop, accessible toilet, a quiet room",
    )
    languages = forms.CharField(
        label="Languages spoken",
        required=False,
        max_length=500,
        help_text="Separate them with commas, like English, Urdu, Polish",
    )
    # The id a new resource will have, made when the form is shown: the same form sent twice
    # (a double click on a slow connection) adds one resource, not two.
    new_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # The suggestion from the public being acted on, if any: accepted when this is saved.
    suggestion = forms.IntegerField(required=False, widget=forms.HiddenInput)

    widths = {
        "postcode": "govuk-input--width-10",
        "opens_at": "govuk-input--width-5",
        "closes_at": "govuk-input--width-5",
        "minimum_age": "govuk-input--width-3",
        "maximum_age": "govuk-input--width-3",
        "phone": "govuk-input--width-20",
        "email": "govuk-input--width-20",
    }

    SECTIONS = [
        ("What it is", ["name", "description", "organization_name", "category"]),
        ("Where", ["location_name", "address_1", "city", "postcode", "accessibility"]),
        ("When", ["days", "opens_at", "closes_at", "when"]),
        ("How to get in touch", ["phone", "email", "url"]),
        (
            "Who it is for and what it costs",
            ["minimum_age", "maximum_age", "cost", "cost_description", "languages"],
        ),
    ]

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(version)
        category = self.fields["category"]
        assert isinstance(category, CategoryField)  # as declared above
        category.queryset = TaxonomyTerm.objects.order_by("name", "id")
        category.error_messages["invalid_choice"] = NO_CATEGORY
        for name in ("minimum_age", "maximum_age"):
            field = self.fields[name]
            field.error_messages.update(min_value=AGE_INVALID, max_value=AGE_INVALID)
            field.widget.attrs["inputmode"] = "numeric"
        for name in ("opens_at", "closes_at"):
            self.fields[name].widget.attrs.update(placeholder="", inputmode="numeric")

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def add_stale_error(self, current) -> None:
        """As every versioned form does it; ``current`` has the resource as the form shows
        it (``services.resource_initial``) and its ``version``. The days a colleague changed
        go back into the form as the browser sends them, one value for each day; what is
        saved now is said in words (a category's name, not its id)."""
        super().add_stale_error(current)
        if self.fields["days"].label in self.refreshed:
            days = list(current.days)
            if isinstance(self.data, MultiValueDict):  # a QueryDict, as a browser sends it
                self.data.setlist("days", days)
            elif isinstance(self.data, MutableMapping):
                self.data["days"] = days
        fields = {field.label: field for field in self.fields.values()}
        self.stale_differences = [
            (label, _in_words(fields[label], value) if label in fields else value)
            for label, value in self.stale_differences
        ]

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValidationError:
            raise ValidationError(POSTCODE_INVALID, code="postcode") from None

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValidationError:
            raise ValidationError(PHONE_INVALID, code="phone") from None

    def clean_opens_at(self) -> str:
        return _clean_time(self.cleaned_data["opens_at"])

    def clean_closes_at(self) -> str:
        return _clean_time(self.cleaned_data["closes_at"])

    def clean_languages(self) -> Languages:
        names = [n.strip() for n in self.cleaned_data["languages"].split(",")]
        unique = Languages()
        for name in names:
            if name and name.lower() not in {u.lower() for u in unique}:
                unique.append(name[:100])
        return unique

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", CLOSES_BEFORE_OPENS)
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if not rules.ages_in_order(low, high):
            self.add_error("minimum_age", AGES_REVERSED)
        if data.get("address_1") and "postcode" in data and not data.get("postcode"):
            self.add_error("postcode", ADDRESS_NEEDS_POSTCODE)
        if data.get("address_1") and not data.get("city"):
            self.add_error("city", ADDRESS_NEEDS_TOWN)
        has_place = any(data.get(n) for n in ("location_name", "address_1", "postcode"))
        if data.get("accessibility") and not has_place and "postcode" in data:
            self.add_error("accessibility", ACCESSIBILITY_NEEDS_PLACE)
        for name in ("minimum_age", "maximum_age"):
            if data.get(name) is not None:
                data[name] = Decimal(data[name])
        return data


# Importing another directory (administrators) --------------------------------------------------

"""Forms for connections and contributions. Checks live here and in the services; saving
is in services."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from alongside.accounts.models import Area, User
from alongside.accounts.scoping import areas_for
from alongside.directory.queries import DAYS, TIMES_OF_DAY
from alongside.forms import (
    GovukForm,
    GovukModelForm,
    VersionedFormMixin,
    VersionedModelForm,
    not_future,
)
from alongside.people.models import GiftTerm, Person
from alongside.people.queries import coordinators_to_choose
from alongside.validation import normalise_postcode

from . import queries, services
from .models import (
    STAGE_ORDER,
    Connection,
    ConnectionKind,
    Contribution,
    EndedReason,
    FormalService,
    Gap,
    Opportunity,
    Stage,
)

LONG = forms.Textarea(attrs={"rows": 3})
TRAVEL_RANGE = "Enter a distance from 0.1 to 100 km"
DAY_CHOICES = list(DAYS.items())
TIME_CHOICES = [(key, label) for key, (label, _, _) in TIMES_OF_DAY.items()]


class ConnectionForm(VersionedFormMixin, GovukForm):
    """A new connection. What it is with comes from the page (a resource chosen from the
    directory, a chance to contribute, another person or a group's name)."""

    kind = forms.ChoiceField(
        label="Who or what are you connecting them with?",
        choices=ConnectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who or what you are connecting them with"},
    )
    service = forms.UUIDField(required=False, widget=forms.HiddenInput)
    opportunity = forms.ModelChoiceField(
        queryset=Opportunity.objects.none(),
        required=False,
        label="The chance to contribute",
        empty_label="Choose",
    )
    other_person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="The other person",
        empty_label="Choose",
    )
    both_agreed = forms.BooleanField(
        label="Both people have agreed to be introduced to each other", required=False
    )
    name = forms.CharField(label="The group, organisation or place", max_length=255, required=False)
    why = forms.CharField(label="Why this connection", max_length=2000, required=False, widget=LONG)
    hopes = forms.CharField(
        label="What they hope for from it", max_length=2000, required=False, widget=LONG
    )
    introduced_by = forms.CharField(
        label="Who introduces whom",
        max_length=300,
        required=False,
        help_text="For example, you introduce them to Jo, who runs the group",
    )
    going_along = forms.BooleanField(label="You go along with them the first time", required=False)
    stage = forms.ChoiceField(
        label="Where it stands",
        choices=[(v, label) for v, label in Stage.choices if v != Stage.ENDED],
        initial=Stage.SUGGESTED,
        widget=forms.RadioSelect,
        help_text="If they have been already, say so: the follow-ups start from that day",
    )
    on = forms.DateField(
        label="Date", required=False, widget=forms.DateInput, help_text="Leave empty for today"
    )

    def __init__(self, *args, user, person, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person, self.chosen_service = user, person, service
        self.fields["opportunity"].queryset = queries.opportunities(user=user)
        self.fields["other_person"].queryset = queries.people_to_connect(user=user, person=person)
        if service is not None:
            self.initial.setdefault("kind", ConnectionKind.RESOURCE)
            self.initial.setdefault("service", service.pk)
        self.add_version_fields(None)

    def clean_on(self):
        return not_future(self.cleaned_data.get("on"))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ConnectionKind.RESOURCE and self.chosen_service is None:
            self.add_error("kind", "Find the resource in the directory first, then choose it")
        if kind == ConnectionKind.OPPORTUNITY and not data.get("opportunity"):
            self.add_error("opportunity", "Choose the chance to contribute")
        if kind == ConnectionKind.PERSON:
            if not data.get("other_person"):
                self.add_error("other_person", "Choose the other person")
            if not data.get("both_agreed"):
                self.add_error("both_agreed", services.NOT_AGREED)
        if kind == ConnectionKind.GROUP and not data.get("name", "").strip():
            self.add_error("name", services.NO_GROUP_NAME)
        return data


class ConnectionChangeForm(VersionedModelForm):
    class Meta:
        model = Connection
        fields = ["name", "why", "hopes", "introduced_by", "going_along"]
        widgets = {"why": LONG, "hopes": LONG}
        error_messages = {"name": {"required": "Enter who or what they are connected with"}}


class MoveForm(VersionedFormMixin, GovukForm):
    """Moving a connection on: the next stage, when, and a note."""

    stage = forms.ChoiceField(
        label="Where it stands now",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the connection stands now"},
    )
    on = forms.DateField(
        label="Date", widget=forms.DateInput, required=False, help_text="Leave empty for today"
    )
    ended_reason = forms.ChoiceField(
        label="If it ended, why?", choices=[("", "Choose"), *EndedReason.choices], required=False
    )
    note = forms.CharField(label="How it went", max_length=2000, required=False, widget=LONG)

    def __init__(self, *args, connection, **kwargs):
        super().__init__(*args, **kwargs)
        at = STAGE_ORDER.index(connection.stage)
        self.fields["stage"].choices = [
            (value, label)
            for value, label in Stage.choices
            if STAGE_ORDER.index(value) > at or (value == Stage.STILL_CONNECTED == connection.stage)
        ]
        self.add_version_fields(connection.version)

    def clean_on(self):
        return not_future(self.cleaned_data.get("on")) or timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("stage") == Stage.ENDED and not data.get("ended_reason"):
            self.add_error("ended_reason", services.ENDED_NEEDS_REASON)
        return data


class RescheduleForm(GovukForm):
    due_on = forms.DateField(label="New date", widget=forms.DateInput)


class ContributionForm(VersionedModelForm):
    widths = {"how_often": "govuk-input--width-20", "where": "govuk-input--width-20"}

    class Meta:
        model = Contribution
        fields = ["what", "opportunity", "where", "since", "how_often", "ended_on"]
        widgets = {"since": forms.DateInput, "ended_on": forms.DateInput}
        help_texts = {
            "what": "In their words: for example, runs the Tuesday walk, mends bikes for "
            "neighbours",
            "ended_on": "Leave empty while they still do it",
        }
        error_messages = {"what": {"required": "Say what they give"}}

    def __init__(self, *args, person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = queries.opportunities(user=user, open_only=False)
        self.fields["opportunity"].required = False

    def clean(self):
        data = super().clean()
        since, ended = data.get("since"), data.get("ended_on")
        if since and ended and ended < since:
            self.add_error("ended_on", "Enter a date on or after the date they started")
        return data


class FormalServiceForm(VersionedModelForm):
    class Meta:
        model = FormalService
        fields = [
            "need",
            "what",
            "who_applied",
            "applied_on",
            "outcome",
            "decided_on",
            "control",
            "note",
        ]
        widgets = {
            "applied_on": forms.DateInput,
            "decided_on": forms.DateInput,
            "who_applied": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"who_applied": "Who asked for it"}
        help_texts = {
            "what": "For example, a care and support assessment, Personal Independence Payment",
            "control": "Where it was agreed: a direct payment or personal budget puts the "
            "person in charge",
        }
        error_messages = {
            "what": {"required": "Say what was sought"},
            "need": {"required": "Select the kind of service"},
            "who_applied": {"required": "Select who asked for it"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["control"].required = False

    def clean(self):
        data = super().clean()
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and decided and decided < applied:
            self.add_error("decided_on", "Enter a date on or after the date it was asked for")
        if data.get("outcome") in ("agreed", "partly", "refused") and not decided:
            self.add_error("decided_on", "Enter the date it was decided")
        return data


class GapForm(VersionedModelForm):
    class Meta:
        model = Gap
        fields = ["theme", "looked_for", "why_nothing_fitted", "on"]
        widgets = {"on": forms.DateInput, "why_nothing_fitted": forms.Textarea(attrs={"rows": 3})}
        labels = {"theme": "What it is about"}
        help_texts = {
            "looked_for": "For example, a men's group in the daytime, a Polish-speaking "
            "parents' group",
            "why_nothing_fitted": "Too far, too dear, the wrong time, full, nothing at all…",
        }
        error_messages = {
            "looked_for": {"required": "Say what they looked for"},
            "theme": {"required": "Select what it is about"},
        }


class OpportunityForm(VersionedFormMixin, GovukModelForm):
    """A chance to contribute, in one of the user's areas."""

    gifts_needed = forms.ModelMultipleChoiceField(
        queryset=GiftTerm.objects.filter(active=True).order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Gifts it needs",
        help_text="So that people with these gifts are suggested for it",
    )

    class Meta:
        model = Opportunity
        fields = [
            "area",
            "title",
            "kind",
            "description",
            "where",
            "postcode",
            "when",
            "contact",
            "active",
        ]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Say what the chance to contribute is"},
            "kind": {"required": "Select what kind of chance it is"},
            "area": {"required": "Choose the area"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user).order_by("name")
        self.fields["on_days"] = forms.MultipleChoiceField(
            label="Days it happens",
            choices=DAY_CHOICES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Leave all empty if it can be any day",
        )
        self.fields["at_times"] = forms.MultipleChoiceField(
            label="Times of day",
            choices=TIME_CHOICES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(
            [
                "area",
                "title",
                "kind",
                "description",
                "where",
                "postcode",
                "when",
                "on_days",
                "at_times",
            ]
        )
        if self.instance.pk:
            self.initial.setdefault("gifts_needed", list(self.instance.gifts_needed.all()))
            self.initial.setdefault("on_days", self.instance.day_codes)
            self.initial.setdefault("at_times", self.instance.time_codes)
        self.add_version_fields(self.instance.version if self.instance.pk else None)

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value.strip() else ""

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "days": ",".join(data["on_days"]),
            "times": ",".join(data["at_times"]),
        }


class WhatSuitsForm(VersionedFormMixin, GovukForm):
    """The days and times the person is free, cost, and how far they can get to."""

    days = forms.MultipleChoiceField(
        label="Days they are free",
        choices=DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all empty if any day suits",
    )
    times = forms.MultipleChoiceField(
        label="Times of day",
        choices=TIME_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    free_only = forms.BooleanField(label="It needs to be free", required=False)
    open_to_meeting = forms.BooleanField(
        label="They would like to meet others who share their interests",
        required=False,
        help_text="With their agreement: they may be suggested to someone else who has said "
        "the same, and introduced if both want to",
    )
    travel_km = forms.DecimalField(
        label="How far they can get to (km)",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal("100"),
        decimal_places=1,
        help_text="On foot, by bus or with a lift; leave empty if distance does not matter",
        error_messages={
            "min_value": TRAVEL_RANGE,
            "max_value": TRAVEL_RANGE,
            "invalid": "Enter a distance in kilometres, like 2 or 1.5",
            "max_decimal_places": "Enter the distance to one decimal place, like 1.5",
        },
    )

    def __init__(self, *args, what_suits=None, **kwargs):
        super().__init__(*args, **kwargs)
        if what_suits is not None and not self.is_bound:
            self.initial.update(
                days=what_suits.day_codes,
                times=what_suits.time_codes,
                free_only=what_suits.free_only,
                travel_km=what_suits.travel_km,
                open_to_meeting=what_suits.open_to_meeting,
            )
        self.add_version_fields(what_suits.version if what_suits is not None else None)

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "days": ",".join(data["days"]),
            "times": ",".join(data["times"]),
            "free_only": data["free_only"],
            "travel_km": data["travel_km"],
            "open_to_meeting": data["open_to_meeting"],
        }


class TeamFilterForm(GovukForm):
    """Filters of the team's connections page."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, empty_label="All your areas"
    )
    coordinator = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    stage = forms.ChoiceField(choices=[("", "Any"), *Stage.choices], required=False)
    text = forms.CharField(label="With", max_length=100, required=False, help_text="A name")
    since = forms.DateField(label="Moved on from", required=False, widget=forms.DateInput)
    until = forms.DateField(label="Until", required=False, widget=forms.DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user).order_by("name")
        self.fields["coordinator"].queryset = coordinators_to_choose(user=user)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "Enter a date on or after the first date")
        return data

    def filters(self) -> queries.ConnectionFilters:
        data = self.cleaned_data
        return queries.ConnectionFilters(
            area=data.get("area"),
            coordinator=data.get("coordinator"),
            stage=data.get("stage") or "",
            text=(data.get("text") or "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )

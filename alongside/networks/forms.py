"""Forms for the people in a person's network, and for taking a snapshot at a review."""

from typing import cast

from django import forms

from alongside.forms import VersionedModelForm
from alongside.people import queries as people_queries
from alongside.people.models import Person

from . import queries
from .models import NetworkMember, NetworkSnapshot
from .ties import Flow, Kind, Ring

LABEL_REQUIRED = "Enter a name, or a few words the person would use, like 'neighbour at 14'"
KIND_REQUIRED = "Select the kind of relationship"
RING_REQUIRED = "Select how close the person feels to them"
DUPLICATE_MEMBER = (
    "{label} is already in the network. Change that entry instead of adding it again."
)
LINK_NOT_FOUND = "Choose someone you work with in Alongside, or leave this empty"
LINK_TO_SELF = "Someone cannot be linked to themselves"
LINK_NEEDS_AGREEMENT = "Both people must agree before they are linked: tick the box once they have"
FLOWS_UNKNOWN = "Choose from the list"


class MemberForm(VersionedModelForm):
    """Add or change someone in the network. The quick version (on the map page, on a phone)
    asks only who, what kind and how close."""

    QUICK = ("label", "kind", "ring")
    widths = {"label": "govuk-input--width-20"}

    gives = forms.MultipleChoiceField(
        label="What the person gives them",
        choices=Flow.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": FLOWS_UNKNOWN},
    )
    receives = forms.MultipleChoiceField(
        label="What the person receives from them",
        choices=Flow.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": FLOWS_UNKNOWN},
    )
    link_agreed = forms.BooleanField(label="Both people have agreed to be linked", required=False)

    class Meta:
        model = NetworkMember
        fields = [
            "label",
            "kind",
            "ring",
            "gives",
            "receives",
            "frequency",
            "linked_person",
            "notes",
        ]
        widgets = {
            "kind": forms.Select,
            "ring": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"linked_person": "Link to their record in Alongside"}
        error_messages = {
            "label": {"required": LABEL_REQUIRED},
            "kind": {"required": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED},
            "ring": {"required": RING_REQUIRED, "invalid_choice": RING_REQUIRED},
        }

    def __init__(self, *args, person: Person, user, quick: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.user = person, user
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "Choose")] + Kind.choices
        cast(forms.ChoiceField, self.fields["ring"]).choices = Ring.choices
        linked = cast(forms.ModelChoiceField, self.fields["linked_person"])
        linked.queryset = people_queries.people_to_link(user=user, person=person)
        linked.empty_label = "Not linked"
        linked.error_messages["invalid_choice"] = LINK_NOT_FOUND
        if self.instance.pk:
            self.initial.setdefault("link_agreed", bool(self.instance.link_agreed_on))
        if quick:
            for name in list(self.fields):
                if name not in (*self.QUICK, "version", "form_token", "original"):
                    del self.fields[name]

    def clean_label(self):
        label = " ".join(self.cleaned_data["label"].split())
        others = queries.members(user=self.user, person=self.person).filter(label__iexact=label)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(DUPLICATE_MEMBER.format(label=label))
        return label

    def clean(self):
        data = super().clean()
        linked = data.get("linked_person")
        if linked is not None and linked.pk == self.person.pk:
            self.add_error("linked_person", LINK_TO_SELF)
        elif linked is not None and not data.get("link_agreed"):
            self.add_error("link_agreed", LINK_NEEDS_AGREEMENT)
        return data

    def changes(self) -> dict:
        data = super().changes()
        if "link_agreed" in self.fields:
            data["link_agreed"] = self.cleaned_data.get("link_agreed", False)
        return data


class SnapshotForm(VersionedModelForm):
    class Meta:
        model = NetworkSnapshot
        fields = ["taken_on", "note"]
        widgets = {"taken_on": forms.DateInput, "note": forms.Textarea(attrs={"rows": 2})}

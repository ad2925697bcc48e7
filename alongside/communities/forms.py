"""Input checks of community building's pages (the rules are in ``services``)."""

from django import forms

from alongside.directory.models import Organization
from alongside.forms import GovukForm, VersionedModelForm, not_future
from alongside.validation import normalise_postcode

from .models import (
    CommunityConversation,
    Involvement,
    Partner,
    PartnerContact,
    PartnerContribution,
    ProfileEntry,
    ProfileKind,
    Project,
    ProjectPerson,
)

ONE_A_LINE = "One thing a line, in people's own words"


class ConversationForm(VersionedModelForm):
    """A community conversation, and (when it is new) what people said there."""

    class Meta:
        model = CommunityConversation
        fields = ["on", "title", "where", "people_there", "names", "notes"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            # GOV.UK's advice for whole numbers: a text box that brings up a number pad.
            "people_there": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}
            ),
            "names": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Say what the conversation was, like a coffee morning"},
            "on": {"required": "Enter the date", "invalid": "Enter the date, like 3 May 2026"},
            "people_there": {
                "invalid": "Enter how many people took part as a number, like 12",
                "min_value": "Enter how many people took part: 0 or more",
            },
        }

    def __init__(self, *args, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.new = new
        if new:
            for kind, label in ProfileKind.choices:
                self.fields[f"said_{kind}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=ONE_A_LINE,
                )

    def said(self) -> list[tuple[str, str]]:
        """What people said, (kind, words), a line each."""
        if not self.new:
            return []
        return [
            (kind, line.strip())
            for kind in ProfileKind.values
            for line in self.cleaned_data.get(f"said_{kind}", "").splitlines()
            if line.strip()
        ]


class EntryForm(VersionedModelForm):
    class Meta:
        model = ProfileEntry
        fields = ["kind", "words", "on", "public"]
        widgets = {
            "kind": forms.RadioSelect,
            "words": forms.Textarea(attrs={"rows": 3}),
            "on": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "kind": {"required": "Select what it is about"},
            "words": {"required": "Write what people said"},
            "on": {"required": "Enter the date", "invalid": "Enter the date, like 3 May 2026"},
        }


def _postcode(form: forms.Form) -> str:
    value = form.cleaned_data.get("postcode", "")
    return normalise_postcode(value) if value.strip() else ""


class PartnerForm(VersionedModelForm):
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://example.org"},
    )

    directory_name = forms.CharField(
        label="Its organisation in the directory (optional)",
        required=False,
        max_length=255,
        help_text="The organisation's name exactly as the directory has it, to link the two",
    )

    class Meta:
        model = Partner
        fields = ["name", "kind", "offers", "relationship", "website", "postcode"]
        widgets = {
            "kind": forms.RadioSelect,
            "relationship": forms.RadioSelect,
            "offers": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter the partner's name"},
            "kind": {"required": "Select what kind of partner they are"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.organization_id and not self.is_bound:
            self.initial["directory_name"] = self.instance.organization.name

    def clean_postcode(self):
        return _postcode(self)

    def clean_directory_name(self):
        name = self.cleaned_data.get("directory_name", "").strip()
        self.organization = None
        if not name:
            return ""
        found = list(Organization.objects.filter(name__iexact=name)[:2])
        if not found:
            raise forms.ValidationError(f"The directory has no organisation called {name}")
        if len(found) > 1:
            raise forms.ValidationError(
                f"The directory has more than one organisation called {name}: link it from "
                "the administration pages"
            )
        self.organization = found[0]
        return name

    def changes(self) -> dict:
        return {**super().changes(), "organization": self.organization}


class ContactForm(GovukForm, forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "email", "phone"]
        error_messages = {
            "name": {"required": "Enter the contact's name"},
            "email": {"invalid": "Enter an email address, like name@example.org"},
        }


class PartnerEventForm(GovukForm):
    on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date", "invalid": "Enter the date, like 3 May 2026"},
    )
    what = forms.CharField(
        label="What you did together",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what you did together"},
    )

    def clean_on(self):
        return not_future(self.cleaned_data.get("on"))


class PartnerContributionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = PartnerContribution
        fields = ["kind", "what", "opportunity", "since"]
        widgets = {"kind": forms.RadioSelect, "since": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "kind": {"required": "Select what they give"},
            "what": {"required": "Say what they give"},
        }

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = opportunities
        self.fields["opportunity"].required = False


class ProjectForm(VersionedModelForm):
    partners = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Partners in it",
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "about",
            "started_on",
            "started_by",
            "started_by_who",
            "status",
            "what_changed",
            "postcode",
            "public",
        ]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 3}),
            "what_changed": forms.Textarea(attrs={"rows": 3}),
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "started_by": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": "Enter the project's name"},
            "started_by": {"required": "Select who started it"},
            "started_on": {"invalid": "Enter the date, like 3 May 2026"},
        }

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners
        if self.instance.pk:
            self.initial.setdefault("partners", list(self.instance.partners.all()))

    def clean_postcode(self):
        return _postcode(self)


class ProjectUpdateForm(PartnerEventForm):
    what = forms.CharField(
        label="How it is going",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how it is going"},
    )


AGREEMENT = forms.BooleanField(
    label="They agreed to their name being kept for this",
    error_messages={"required": "Record that the person agreed to be named"},
)


class InvolvementForm(VersionedModelForm):
    agreed = AGREEMENT

    class Meta:
        model = Involvement
        fields = ["what", "conversation", "agreed_on", "how_agreed"]
        widgets = {"agreed_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "what": {"required": "Say what they would like to do"},
            "agreed_on": {"required": "Enter when they agreed to be named"},
            "how_agreed": {"required": "Say how they agreed, like in person"},
        }

    def __init__(self, *args, conversations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = conversations
        self.fields["conversation"].required = False
        self.order_fields(["what", "conversation", "agreed", "agreed_on", "how_agreed"])


class ProjectPersonForm(VersionedModelForm):
    agreed = AGREEMENT

    class Meta:
        model = ProjectPerson
        fields = ["project", "role", "contribution", "agreed_on", "how_agreed"]
        widgets = {"role": forms.RadioSelect, "agreed_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "project": {"required": "Choose the project"},
            "role": {"required": "Select their part in it"},
            "agreed_on": {"required": "Enter when they agreed to be named"},
            "how_agreed": {"required": "Say how they agreed, like in person"},
        }

    def __init__(self, *args, projects, contributions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["contribution"].queryset = contributions
        self.fields["contribution"].required = False
        self.order_fields(["project", "role", "contribution", "agreed", "agreed_on", "how_agreed"])

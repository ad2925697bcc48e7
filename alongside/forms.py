"""GOV.UK Design System rendering for every Django form in Alongside.

Forms render through ``templates/forms/`` (error summary, labels, hints, inline errors), so a
form class only declares fields, labels and help text.
"""

import uuid

from django import forms
from django.forms.renderers import TemplatesSetting

from alongside.people.validation import STALE_VERSION


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


_WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
}


class GovukStyleMixin:
    """Adds GOV.UK classes to widgets, and error classes once the form has been checked."""

    widths: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            base = _WIDGET_CLASSES.get(widget.__class__.__name__.lower(), "govuk-input")
            widget.attrs["class"] = " ".join(filter(None, [base, self.widths.get(name, "")]))
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "").split(" ")[0]
                if base and "__" not in base:
                    widget.attrs["class"] += f" {base}--error"


class GovukForm(GovukStyleMixin, forms.Form):
    pass


class GovukModelForm(GovukStyleMixin, forms.ModelForm):
    pass


class VersionedFormMixin:
    """A hidden version number (to detect a colleague's save in between) and a one-time token
    (to make a double submit harmless)."""

    def add_version_fields(self, version: int | None) -> None:
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["form_token"] = forms.UUIDField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial["version"] = version
            self.initial["form_token"] = uuid.uuid4()

    def add_stale_error(self, current) -> None:
        """Keep what the user typed, move them onto the current version, explain."""
        self.stale_differences = [
            (field.label or name.replace("_", " ").capitalize(), getattr(current, name))
            for name, field in self.fields.items()
            if name in self.cleaned_data
            and hasattr(current, name)
            and name not in ("version", "form_token")
            and getattr(current, name) != self.cleaned_data[name]
        ]
        self.add_error(None, STALE_VERSION)
        data = self.data.copy()
        data["version"] = current.version
        self.data = data

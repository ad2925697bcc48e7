"""GOV.UK Design System rendering for every Django form in Alongside.

Forms render through ``templates/forms/`` (error summary, labels, hints, inline errors), so a
form class only declares fields, labels and help text.
"""

import json
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Model
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

from alongside.validation import DATE_IN_FUTURE, DATE_INVALID, STALE_VERSION, too_long


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


_WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "checkboxinput": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
}


if TYPE_CHECKING:  # the mixins below are only ever mixed into a Django form
    _Form = forms.BaseForm
else:
    _Form = object


class GovukStyleMixin(_Form):
    """Adds GOV.UK classes to widgets, and error classes once the form has been checked."""

    widths: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Give every field its GOV.UK class; call again after adding fields."""
        for name, field in self.fields.items():
            widget = field.widget
            if "class" in widget.attrs:
                continue
            base = _WIDGET_CLASSES.get(widget.__class__.__name__.lower(), "govuk-input")
            widget.attrs["class"] = " ".join(filter(None, [base, self.widths.get(name, "")]))
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
                field.error_messages["invalid"] = DATE_INVALID
            limit = getattr(field, "max_length", None)
            if limit:
                field.error_messages["max_length"] = too_long(_label(name, field), limit)

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


_HIDDEN = ("version", "form_token", "original")


def _label(name: str, field: forms.Field) -> str:
    """What the page calls a field."""
    return str(field.label or name.replace("_", " ").capitalize())


def _as_text(value) -> str:
    """One text form for a field's value, whether it came from the model or from cleaning."""
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class VersionedFormMixin(_Form):
    """A hidden version number (to detect a colleague's save in between), the values the form
    was loaded with (to tell what this user changed from what a colleague changed), and a
    one-time token (to make a double submit harmless)."""

    def add_version_fields(self, version: int | None) -> None:
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["form_token"] = forms.UUIDField(widget=forms.HiddenInput, required=False)
        self.fields["original"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial["version"] = version
            self.initial["form_token"] = uuid.uuid4()
            self.initial["original"] = json.dumps(
                {
                    name: _as_text(self.initial.get(name))
                    for name in self.fields
                    if name not in _HIDDEN
                }
            )

    def add_stale_error(self, current) -> None:
        """A colleague saved first. Keep what this user changed; take the colleague's value
        for every field this user left alone; list the fields both changed; move the form
        onto the current version so that saving again is a deliberate choice."""
        try:
            original = json.loads(self.data.get("original") or "{}")
        except ValueError:
            original = {}
        data = self.data.copy()  # type: ignore[attr-defined]  # a bound form's data: a QueryDict
        self.stale_differences: list[tuple[str, Any]] = []
        self.refreshed: list[str] = []
        for name, field in self.fields.items():
            if name in _HIDDEN or name not in self.cleaned_data or not hasattr(current, name):
                continue
            saved, typed = getattr(current, name), self.cleaned_data[name]
            loaded = original.get(name)
            if _as_text(saved) == _as_text(typed) or _as_text(saved) == loaded:
                continue  # the same now, or only this user changed it
            label = _label(name, field)
            if _as_text(typed) == loaded:  # only the colleague changed it: take theirs
                _put(data, field, name, saved)
                self.refreshed.append(label)
            else:  # both changed it: keep what this user typed, show what is saved
                self.stale_differences.append((label, saved))
        data["version"] = current.version
        data["original"] = json.dumps(
            {
                name: _as_text(getattr(current, name))
                for name in self.fields
                if name not in _HIDDEN and hasattr(current, name)
            }
        )
        self.data = data
        self.add_error(None, STALE_VERSION)


def _put(data, field, name, value) -> None:
    """Put a saved value into submitted form data, as the browser would have sent it."""
    if isinstance(field.widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = _as_text(value)


def not_future(value: date | None, message: str = DATE_IN_FUTURE) -> date | None:
    """A date that is not after today (None stays None)."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class VersionedModelForm(VersionedFormMixin, GovukModelForm):
    """A form for one record of a person; saving goes through that kind's write function.
    The model's own validation runs too (``full_clean`` of the fields on the form)."""

    future_dates_allowed: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_fields(self.instance.version if self.instance.pk else None)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and name not in self.future_dates_allowed:
                try:
                    not_future(data.get(name))
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def changes(self) -> dict:
        """The values of the model's fields on this form, for the write function."""
        names = self._meta.fields or ()
        return {name: self.cleaned_data[name] for name in names if name in self.fields}

"""The public's forms. Input checks only."""

from django import forms

from alongside.forms import GovukForm

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

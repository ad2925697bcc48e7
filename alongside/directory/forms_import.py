"""The administrators' form for importing another directory (the views are in
``views_import.py``, the URLs in ``urls_import.py``). Input checks only."""

from django import forms
from django.core.validators import validate_slug

from alongside.forms import GovukForm

from .matching import NOT_OURS
from .models.imports import FEEDS, ImportKind

MAX_UPLOAD_MB = 50
SOURCE_NEEDED = "Enter a short name for the directory you are importing from, such as leeds-fis"
SOURCE_FORMAT = (
    "The short name can only have letters, digits, hyphens and underscores, such as leeds-fis"
)
KIND_NEEDED = "Choose what you are importing"
URL_NEEDED = "Enter the address of the feed, such as https://api.example.org/oruk"
URL_INVALID_FEED = (
    "Enter the address of the feed as a web address, such as https://api.example.org/oruk"
)
FILE_NEEDED = "Choose the file to import"
FILE_AGAIN = "Choose the file again: a page shown again cannot keep a chosen file"
FILE_TOO_BIG = f"The file must be smaller than {MAX_UPLOAD_MB} MB"


class ImportForm(GovukForm):
    """What to import: a feed's address or a file, the short name of the directory it comes
    from, and whether to check only. ``run_id`` is the id the run will have, made when the
    form is shown, so that the same form sent twice starts one run."""

    source = forms.CharField(
        label="Short name of the directory",
        max_length=50,
        validators=[validate_slug],
        error_messages={"required": SOURCE_NEEDED, "invalid": SOURCE_FORMAT},
        help_text="Every record keeps it, so that importing the same directory again updates "
        "its records instead of adding them twice. For example, leeds-fis.",
    )
    kind = forms.ChoiceField(
        label="What are you importing?",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": KIND_NEEDED},
    )
    url = forms.URLField(
        label="Address of the feed",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID_FEED},
        help_text="For a feed: its address before /services, such as https://api.example.org/oruk",
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        help_text="For HSDS JSON: a .json file of services. For an HSDS CSV data package: a "
        ".zip of its CSV files (with its datapackage.json, if it has one).",
    )
    dry_run = forms.BooleanField(
        label="Check only: show what an import would change, but save nothing",
        required=False,
    )
    run_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    widths = {"source": "govuk-input--width-20"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("url", "file"):  # one of them is needed, as the kind says
            self.fields[name].hide_optional = True

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in FEEDS and not data.get("url") and "url" not in self.errors:
            self.add_error("url", URL_NEEDED)
        if kind and kind not in FEEDS:
            upload = data.get("file")
            if upload is None:
                self.add_error("file", FILE_NEEDED)
            elif upload.size > MAX_UPLOAD_MB * 2**20:
                self.add_error("file", FILE_TOO_BIG)
        if self.errors and data.get("file") and "file" not in self.errors:
            self.add_error("file", FILE_AGAIN)
        return data


KEEP_OWN = "own"


class CategoryMapForm(forms.Form):
    """What an imported category is shown as: one of this directory's own, or itself."""

    shown_as = forms.ChoiceField(label="Show it as")

    def __init__(self, *args, ours: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["shown_as"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(KEEP_OWN, "A category of its own"), *ours]
        field.error_messages["invalid_choice"] = NOT_OURS
        field.error_messages["required"] = NOT_OURS

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from alongside.forms import GovukForm, GovukStyleMixin

LOGIN_FAILED = (
    "Enter a correct email address and password. After 5 wrong attempts, signing in is paused "
    "for 30 minutes."
)


class LoginForm(GovukStyleMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    error_messages = {"invalid_login": LOGIN_FAILED, "inactive": LOGIN_FAILED}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class ResetForm(GovukStyleMixin, PasswordResetForm):
    pass


class NewPasswordForm(GovukStyleMixin, SetPasswordForm):
    pass


class PublicProfileForm(GovukForm):
    photo = forms.FileField(
        label="A photo of you",
        required=False,
        help_text="A clear photo of your face, so that people know who to look out for. JPG, "
        "PNG or WebP, smaller than 10 MB. It is cropped to a square.",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": "image/*"}),
    )
    remove_photo = forms.BooleanField(label="Take my photo off the page", required=False)
    about = forms.CharField(
        label="A few words about you",
        max_length=300,
        required=False,
        help_text="For example, what you enjoy about the area, or where people might meet you. "
        "Shown beside your name on your area's public page.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

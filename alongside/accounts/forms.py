from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from alongside.forms import GovukStyleMixin

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

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from .forms import LoginForm, NewPasswordForm, ResetForm

LOCKED_OUT = (
    "Signing in has been paused for 30 minutes after too many wrong attempts. "
    "Try again later, or ask your manager for help."
)


def home(request):
    user = request.user
    if user.works_with_people:
        return redirect("people:my_day")
    if user.is_commissioner:
        return redirect("impact:dashboard")
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "accounts/no_access.html")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


@login_not_required
def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this for a locked email address, whether or not the account exists."""
    form = LoginForm(request)
    form.data = request.POST
    return render(
        request, "accounts/login.html", {"form": form, "locked_out": LOCKED_OUT}, status=429
    )


password_reset = login_not_required(
    auth_views.PasswordResetView.as_view(
        form_class=ResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=NewPasswordForm,
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)

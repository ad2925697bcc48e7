from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from . import profile
from .access import works_with_people
from .forms import LoginForm, NewPasswordForm, PublicProfileForm, ResetForm

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


@require_http_methods(["GET", "POST"])
@works_with_people
def public_profile(request):
    """What the public see of you on your area's page: a photo and a few words."""
    user = request.user
    form = PublicProfileForm(
        request.POST or None, request.FILES or None, initial={"about": user.public_about}
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile.public_profile_set(
                user=user,
                about=form.cleaned_data["about"],
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data["remove_photo"],
            )
        except ValueError as problem:
            form.add_error("photo", str(problem))
        else:
            messages.success(request, "Your area's public page shows the change")
            return redirect("accounts:public_profile")
    return render(
        request,
        "accounts/public_profile.html",
        {"form": form, "areas": user.areas.order_by("name") if user.is_coordinator else []},
    )

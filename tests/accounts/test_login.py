"""Signing in and out: email login, lock-out after wrong passwords, idle timeout, password reset.

Every sign-in here goes through the real login form (POST /login/), because django-axes needs
the request to count failures; ``client.login`` would bypass it.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.forms import LOGIN_FAILED
from alongside.accounts.views import LOCKED_OUT
from tests.conftest import PASSWORD, make_user

# Most tests here sign in many times: hash with MD5 to keep them fast. The tests about how
# passwords are stored put the project's own hashers back (``project_hashing``).
pytestmark = pytest.mark.usefixtures("fast_password_hashing")
PROJECT_HASHERS = list(django_settings.PASSWORD_HASHERS)

LOGIN = reverse("login")
WRONG = "not-the-password-at-all"


@pytest.fixture
def project_hashing(settings):
    settings.PASSWORD_HASHERS = PROJECT_HASHERS


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def error_summary(response) -> str:
    """The text of the GOV.UK error summary, tags and spacing removed."""
    html = response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', html, re.S)
    assert match, "no error summary on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


def page_without(response, *secrets) -> str:
    """The page with the CSRF token and the given values (e.g. the email typed) blanked."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "CSRF", html)
    html = re.sub(r'nonce="[^"]*"', "NONCE", html)
    for secret in secrets:
        html = html.replace(secret, "SECRET")
    return html


def lock(client, email):
    responses = [sign_in(client, email, WRONG) for _ in range(django_settings.AXES_FAILURE_LIMIT)]
    return responses[-1]


# Signing in ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["owner@example.org", "OWNER@Example.ORG", " owner@example.org "])
def test_signing_in_with_the_email_address_works_whatever_its_case(client, owner, typed):
    response = sign_in(client, typed)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_as(client) == str(owner.pk)
    assert client.get("/people/").status_code == 200


def test_signing_in_goes_back_to_the_page_asked_for(client, owner):
    response = sign_in(client, owner.email, next="/people/")
    assert response.url == "/people/"


def test_signing_in_refuses_a_link_to_another_site(client, owner):
    response = sign_in(client, owner.email, next="https://evil.example.com/")
    assert response.status_code == 302
    assert "evil" not in response.url


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, owner):
    wrong_password = sign_in(client, owner.email, WRONG)
    unknown = sign_in(client, "nobody@example.org", WRONG)
    assert wrong_password.status_code == unknown.status_code == 200
    assert LOGIN_FAILED in error_summary(wrong_password)
    assert error_summary(wrong_password) == error_summary(unknown)
    assert signed_in_as(client) is None


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(client, owner):
    owner.is_active = False
    owner.save()
    inactive = sign_in(client, owner.email)
    assert inactive.status_code == 200
    assert error_summary(inactive) == error_summary(sign_in(client, "nobody@example.org", WRONG))
    assert signed_in_as(client) is None


def test_passwords_are_stored_with_argon2(project_hashing, db):
    user = make_user("new.coordinator@example.org")
    assert user.password.startswith("argon2")
    assert PROJECT_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_anonymous_people_list_redirects_to_the_login_page(client, db):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/people/"


# Locking out -----------------------------------------------------------------------------


def test_the_lock_out_is_five_attempts_for_thirty_minutes_by_email_address():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    cool_off = django_settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=30)
    assert django_settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_a_wrong_password_is_recorded_against_the_email_address(client, owner):
    sign_in(client, "Owner@example.org", WRONG)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.failures_since_start) == ("owner@example.org", 1)


def test_four_wrong_passwords_do_not_lock_the_account(client, owner):
    for _ in range(4):
        assert sign_in(client, owner.email, WRONG).status_code == 200
    assert sign_in(client, owner.email).status_code == 302


def test_five_wrong_passwords_lock_the_account_even_against_the_right_password(client, owner):
    fifth = lock(client, owner.email)
    assert fifth.status_code == 429
    assert LOCKED_OUT in fifth.content.decode()

    response = sign_in(client, owner.email)

    assert response.status_code == 429
    assert LOCKED_OUT in error_summary(response)
    assert signed_in_as(client) is None


def test_a_locked_account_and_a_locked_unknown_email_look_exactly_the_same(client, owner):
    lock(client, owner.email)
    lock(client, "nobody@example.org")

    known = sign_in(client, owner.email)
    unknown = sign_in(client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 429
    assert error_summary(known) == error_summary(unknown)
    assert LOCKED_OUT in error_summary(known)
    assert page_without(known, owner.email) == page_without(unknown, "nobody@example.org")


def test_the_lock_counts_the_email_address_whatever_its_case(client, owner):
    for typed in ["owner@example.org", "OWNER@example.org", "Owner@Example.org"] * 2:
        sign_in(client, typed, WRONG)
    response = sign_in(client, "OWNER@EXAMPLE.ORG")
    assert response.status_code == 429
    assert signed_in_as(client) is None


def test_locking_one_account_does_not_lock_a_colleague(client, owner, colleague):
    lock(client, owner.email)
    assert sign_in(client, colleague.email).status_code == 302
    assert signed_in_as(client) == str(colleague.pk)


def test_the_lock_holds_for_29_minutes_and_clears_after_30(client, owner):
    lock(client, owner.email)

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=29))
    assert sign_in(client, owner.email).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = sign_in(client, owner.email)
    assert response.status_code == 302
    assert signed_in_as(client) == str(owner.pk)


def test_the_lock_clears_with_a_short_cool_off(client, owner, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    lock(client, owner.email)
    assert sign_in(client, owner.email).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=2))
    assert sign_in(client, owner.email).status_code == 302


def test_signing_in_resets_the_count_of_wrong_passwords(client, owner):
    for _ in range(4):
        sign_in(client, owner.email, WRONG)
    assert sign_in(client, owner.email).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        sign_in(client, owner.email, WRONG)
    assert sign_in(client, owner.email).status_code == 302


# The idle timeout ------------------------------------------------------------------------


def test_a_session_lasts_30_minutes_from_the_last_request():
    assert django_settings.SESSION_COOKIE_AGE == 1800
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is True


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_each_request_moves_the_end_of_the_session_to_30_minutes_later(client, owner):
    sign_in(client, owner.email)
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    client.get("/people/")
    left = _session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_after_30_idle_minutes_the_next_request_asks_to_sign_in_again(client, owner):
    sign_in(client, owner.email)
    assert client.get("/people/").status_code == 200
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/people/")
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/people/"


def test_signing_out_after_the_session_expired_and_signing_in_again_lands_on_a_page(client, owner):
    response = client.post(reverse("logout"), follow=True)
    assert response.status_code == 200
    response = sign_in(client, owner.email, next=response.context.get("next", ""))
    final = client.get(response.url, follow=True)
    assert final.status_code == 200


def test_signing_out_ends_the_session(client, owner):
    sign_in(client, owner.email)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert signed_in_as(client) is None
    assert client.get("/people/").status_code == 302


# Password reset --------------------------------------------------------------------------


RESET = reverse("accounts:password_reset")


def test_password_reset_emails_a_link_that_sets_a_new_password(
    client, owner, mailoutbox, project_hashing
):
    response = client.post(RESET, {"email": "Owner@Example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert "Check your email" in client.get(response.url).content.decode()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [owner.email]
    link = re.search(r"https?://testserver(/\S+)", mail.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-password-42"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")

    owner.refresh_from_db()
    assert owner.check_password(new_password)
    assert owner.password.startswith("argon2")
    assert sign_in(client, owner.email, new_password).status_code == 302


def test_a_password_reset_link_works_only_once(client, owner, mailoutbox):
    client.post(RESET, {"email": owner.email})
    link = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)
    page = client.get(link, follow=True)
    url = page.redirect_chain[-1][0]
    client.post(
        url, {"new_password1": "first-new-password-1", "new_password2": "first-new-password-1"}
    )
    again = client.get(link, follow=True)
    assert "This link has expired or been used" in again.content.decode()


def test_password_reset_for_an_unknown_email_shows_the_same_page_and_sends_nothing(
    client, owner, mailoutbox
):
    known = client.post(RESET, {"email": owner.email}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert len(mailoutbox) == 1
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert "Check your email" in unknown.content.decode()
    assert page_without(known) == page_without(unknown)


def test_password_reset_for_an_inactive_account_sends_nothing(client, db, mailoutbox):
    make_user("gone@example.org", is_active=False)
    response = client.post(RESET, {"email": "gone@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_a_new_password_that_is_too_short_is_refused(client, owner, mailoutbox):
    client.post(RESET, {"email": owner.email})
    link = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)
    url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)

"""Accessibility the pages share: a page showing a problem with what was sent says so first
in its title ("Error: …", as the GOV.UK error summary pattern asks, so that screen reader
users hear it straight away); the page number has enough contrast."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from tests.conftest import client_for


def title(response) -> str:
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert found, "the page has no title"
    return " ".join(found.group(1).split())


@pytest.mark.parametrize(
    ("who", "method", "url", "data"),
    [
        (None, "post", "/login/", {"username": "", "password": ""}),
        (None, "post", "/account/password-reset/", {"email": "not an address"}),
        (None, "get", "/your-coordinator/", {"postcode": "nonsense"}),
        ("owner", "post", "/directory/add/", {}),
        ("owner", "get", "/directory/", {"postcode": "nonsense"}),
        ("administrator", "post", "/directory/import/", {}),
    ],
)
def test_a_page_showing_a_problem_says_error_first_in_its_title(
    who, method, url, data, request, db
):
    client = client_for(request.getfixturevalue(who)) if who else Client()
    response = getattr(client, method)(url, data)
    assert response.status_code == 200, response.status_code
    assert "There is a problem" in response.content.decode()
    assert title(response).startswith("Error: "), title(response)


def form_token(page) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)


@pytest.mark.parametrize("url", ["/introductions/new/", "/introductions/new/full/"])
def test_an_introduction_with_a_problem_says_error_first_in_its_title(owner, url):
    client = client_for(owner)
    page = client.get(url, follow=True)
    assert not title(page).startswith("Error")
    response = client.post(
        page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"],
        {"form_token": form_token(page)},
    )
    assert "There is a problem" in response.content.decode()
    assert title(response).startswith("Error: "), title(response)


def test_the_page_number_is_text_on_white_not_dark_text_on_the_current_pages_blue():
    """GOV.UK's current-page item is a white number on blue, made for a link: dark body text
    in it was 3.22:1 against the blue, below the 4.5:1 WCAG AA asks."""
    page = Paginator(list(range(30)), 10).page(2)
    html = render_to_string(
        "includes/pagination.html", {"page": page, "request": RequestFactory().get("/")}
    )
    assert "Page 2 of 3" in html
    assert "govuk-pagination__item--current" not in html

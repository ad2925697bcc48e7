"""A record id in an address or a form that is not one (words, other scripts' digits, too
large for the database) is "none chosen" or "not found": never a 500."""

import pytest

from alongside.validation import record_id
from tests.conftest import client_for

NOT_IDS = ["abc", "²", "٣", "-1", "0", "1.5", " ", "99999999999999999999", "9223372036854775808"]


@pytest.mark.parametrize("value", NOT_IDS)
def test_anything_but_an_id_is_none(value):
    assert record_id(value) is None


def test_an_id_is_its_number():
    assert record_id("42") == 42 and record_id(" 7 ") == 7
    assert record_id("9223372036854775807") == 2**63 - 1


@pytest.mark.parametrize("value", NOT_IDS)
@pytest.mark.parametrize(
    "url",
    [
        "/people/?area={}",
        "/people/?coordinator={}",
        "/introductions/?area={}",
        "/communities/partners/?area={}",
        "/communities/projects/?area={}",
        "/connections/team/?area={}",
        "/connections/connect/?person={}",
        "/directory/?person={}",
        "/introduce/thank-you/?area={}",
    ],
)
def test_a_page_given_a_wrong_id_never_fails(url, value, manager, person):
    response = client_for(manager).get(url.format(value))
    assert response.status_code in (200, 302, 404), response.status_code

"""The public front door: anyone learns what Local Area Coordination is and finds their
coordinator by postcode, from the postcodes an administrator listed for each area or from a
boundary uploaded for it; a postcode in no area gets a helpful answer."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from alongside.public import queries
from alongside.public.models import Coverage
from alongside.validation import postcode_keys
from tests.conftest import make_user
from tests.directory.test_search import load_leeds_postcodes

# A square around Headingley (LS6 1AB is at 53.8169, -1.5742; LS2 9JT at 53.8080, -1.5533).
HEADINGLEY = {
    "type": "Polygon",
    "coordinates": [
        [[-1.60, 53.81], [-1.56, 53.81], [-1.56, 53.83], [-1.60, 53.83], [-1.60, 53.81]]
    ],
}


@pytest.fixture
def covered(area, other_area, owner, colleague):
    """Hillside covers the LS6 district but LS6 9 is Riverside's sector, and LS6 9ZZ is
    Hillside's again (the most exact listing wins)."""
    area.postcode_districts = "LS6, LS6 9ZZ"
    area.save()
    other_area.postcode_districts = "LS6 9"
    other_area.save()
    Coverage.objects.create(area=area, phone="0113 496 0000")
    return area


def test_anyone_sees_what_local_area_coordination_is_and_staff_a_sign_in_link(db):
    page = Client().get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Local Area Coordination" in text
    assert "You do not need to qualify" in text
    assert 'href="/your-coordinator/"' in text and 'href="/find/"' in text
    assert 'href="/login/"' in text


def test_staff_signed_in_still_land_on_their_work(owner):
    client = Client()
    client.force_login(owner)
    assert client.get("/")["Location"] == "/my-day/"


@pytest.mark.parametrize(
    ("postcode", "area_name"),
    [
        ("LS6 1AB", "Hillside"),
        ("ls61ab", "Hillside"),
        ("LS6 9AB", "Riverside"),
        ("LS6 9ZZ", "Hillside"),
    ],
)
def test_the_most_exact_listing_wins(covered, postcode, area_name):
    assert queries.area_for_postcode(postcode).area.name == area_name


def test_finding_your_coordinator_names_them_and_how_to_reach_them(covered, owner, colleague):
    page = Client().get("/your-coordinator/", {"postcode": "ls6 1ab"}).content.decode()
    assert "LS6 1AB is in Hillside" in page
    assert owner.full_name in page and colleague.full_name in page
    assert "0113 496 0000" in page
    assert "/find/?postcode=LS6%201AB" in page


def test_a_postcode_in_no_area_gets_a_helpful_answer(covered):
    page = Client().get("/your-coordinator/", {"postcode": "BD1 1AA"}).content.decode()
    assert "BD1 1AA</strong> is not in an area with a Local Area Coordinator yet" in page
    assert "the community directory" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your postcode, like LS6 1AB"),
        ("not a postcode", "Enter a real UK postcode"),
        ("75001", "Enter a real UK postcode"),
    ],
)
def test_a_postcode_that_is_not_one_is_refused_and_kept(covered, typed, message):
    response = Client().get("/your-coordinator/", {"postcode": typed})
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "<title>Error:" in text
    assert f'value="{typed}"' in text or not typed


def test_a_scottish_postcode_is_a_postcode_in_no_area(covered):
    page = Client().get("/your-coordinator/", {"postcode": "EH1 1YZ"}).content.decode()
    assert "EH1 1YZ</strong> is not in an area" in page


def test_a_boundary_finds_postcodes_no_listing_names(area, db):
    load_leeds_postcodes()
    Coverage.objects.create(area=area, boundary=HEADINGLEY)
    assert queries.area_for_postcode("LS6 1AB").area == area
    assert queries.area_for_postcode("LS2 9JT").area is None


@pytest.mark.parametrize(
    ("boundary", "message"),
    [
        ({"type": "Point", "coordinates": [-1.5, 53.8]}, "its type is 'Point'"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[428000, 435000], [429000, 435000], [429000, 436000], [428000, 435000]]
                ],
            },
            "not eastings and northings",
        ),
        ([1, 2], "it is not an object"),
        ({"type": "FeatureCollection", "features": []}, "the collection has no features"),
    ],
)
def test_an_administrator_is_told_what_is_wrong_with_a_boundary(area, boundary, message):
    with pytest.raises(ValidationError, match=message):
        Coverage(area=area, boundary=boundary).full_clean()


def test_an_areas_postcodes_are_checked_and_tidied(area):
    area.postcode_districts = "LS6, Hyde Park"
    with pytest.raises(ValidationError, match="'Hyde Park' is not a postcode district"):
        area.full_clean()
    area.postcode_districts = "ls6\nls6 1, LS61AB;ls6 1"
    area.full_clean()
    assert area.postcode_districts == "LS6, LS6 1, LS6 1AB"
    assert postcode_keys("LS6 1AB") == ["LS6 1AB", "LS6 1", "LS6"]


def test_an_area_page_names_its_coordinators_and_never_a_person(covered, owner, person):
    page = Client().get(f"/areas/{covered.pk}/").content.decode()
    assert owner.full_name in page
    assert person.full_name not in page
    assert Client().get("/areas/99999/").status_code == 404


def test_an_area_without_a_coordinator_says_the_team_can_still_help(other_area):
    make_user("manager2@example.org", role="manager")
    page = Client().get(f"/areas/{other_area.pk}/").content.decode()
    assert "waiting for its Local Area Coordinator" in page


def test_the_accessibility_statement_is_linked_from_every_page(db, settings):
    settings.CONTACT_EMAIL = "lac@council.example"
    home = Client().get("/").content.decode()
    assert 'href="/accessibility/"' in home
    page = Client().get("/accessibility/").content.decode()
    for heading in (
        "Accessibility statement for Alongside",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in page, heading
    assert "mailto:lac@council.example" in page


def test_without_a_contact_address_the_statement_points_to_the_coordinator(db, settings):
    settings.CONTACT_EMAIL = ""
    page = Client().get("/accessibility/").content.decode()
    assert "mailto:" not in page and 'href="/your-coordinator/"' in page


def test_production_needs_the_https_address_for_links_in_emails(monkeypatch):
    from alongside import settings as configured

    monkeypatch.setenv("PUBLIC_URL", "http://alongside.example.gov.uk")
    assert any("PUBLIC_URL" in p for p in configured.production_problems())
    monkeypatch.setenv("PUBLIC_URL", "https://alongside.example.gov.uk")
    assert not any("PUBLIC_URL" in p for p in configured.production_problems())

"""An area's public page: its coordinators, each with a photo and a few words if they chose
to add them; what's on (the community projects its coordinators chose to show); how to get
involved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from alongside.accounts import profile
from alongside.communities.models import Project
from tests.conftest import client_for


def picture(size=(640, 480), format="PNG", exif=None) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    if exif is not None:
        image.save(out, format=format, exif=exif)
    else:
        image.save(out, format=format)
    return SimpleUploadedFile(f"me.{format.lower()}", out.getvalue())


def test_a_coordinator_adds_a_photo_and_a_few_words(owner, area):
    client = client_for(owner)
    page = client.get("/account/public-profile/")
    assert page.status_code == 200 and "What the public see of you" in page.content.decode()
    response = client.post(
        "/account/public-profile/",
        {"photo": picture(), "about": "Find me at the Tuesday coffee morning"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    kept = Image.open(io.BytesIO(owner.public_photo))
    assert (kept.format, kept.size) == ("JPEG", (profile.SIDE, profile.SIDE))
    area_page = Client().get(f"/areas/{area.pk}/").content.decode()
    assert f'src="/coordinators/{owner.pk}/photo/"' in area_page
    assert "Find me at the Tuesday coffee morning" in area_page
    served = Client().get(f"/coordinators/{owner.pk}/photo/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served.content == bytes(owner.public_photo)


def test_where_a_photo_was_taken_is_never_kept(owner):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker; GPS would be kept alike
    upload = picture(format="JPEG", exif=exif.tobytes())
    profile.public_profile_set(user=owner, about="", photo=upload)
    owner.refresh_from_db()
    assert not Image.open(io.BytesIO(owner.public_photo)).getexif()
    assert b"PhoneMaker" not in bytes(owner.public_photo)


@pytest.mark.parametrize(
    ("upload", "problem"),
    [
        (SimpleUploadedFile("me.jpg", b"not a picture at all"), profile.NOT_A_PHOTO),
        (picture(size=(60, 60)), profile.TOO_SMALL),
        (picture(format="GIF"), profile.NOT_A_PHOTO),
    ],
)
def test_a_file_that_is_not_a_usable_photo_says_why_and_keeps_the_words(owner, upload, problem):
    response = client_for(owner).post(
        "/account/public-profile/", {"photo": upload, "about": "Keep these words"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert problem in html and "<title>Error: " in html
    assert "Keep these words</textarea>" in html
    owner.refresh_from_db()
    assert owner.public_about == "" and owner.public_photo in (b"", memoryview(b""))


def test_a_photo_can_be_taken_off(owner):
    profile.public_profile_set(user=owner, about="", photo=picture())
    client_for(owner).post("/account/public-profile/", {"remove_photo": "on", "about": ""})
    owner.refresh_from_db()
    assert bytes(owner.public_photo) == b""
    assert Client().get(f"/coordinators/{owner.pk}/photo/").status_code == 404


def test_only_coordinators_photos_are_served(manager, commissioner):
    profile.public_profile_set(user=manager, about="", photo=picture())
    assert Client().get(f"/coordinators/{manager.pk}/photo/").status_code == 404
    assert Client().get("/coordinators/999999/photo/").status_code == 404
    assert client_for(commissioner).get("/account/public-profile/").status_code == 403


def test_whats_on_shows_only_the_projects_chosen_for_the_public_page(area, other_area):
    def project(title, **extra):
        return Project.objects.create(
            area=extra.pop("where", area), title=title, started_by="coordinator", **extra
        )

    project("Tuesday coffee morning", public=True, status="running", about="All welcome")
    project("Repair cafe", public=True, status="starting")
    project("Private steering group", public=False, status="running")
    project("Old litter pick", public=True, status="ended")
    project("Across the river", public=True, status="running", where=other_area)
    html = Client().get(f"/areas/{area.pk}/").content.decode()
    assert "Tuesday coffee morning" in html and "All welcome" in html
    assert "Repair cafe" in html and "Getting started" in html
    for hidden in ("Private steering group", "Old litter pick", "Across the river"):
        assert hidden not in html
    assert "Get involved" in html


def test_an_area_with_nothing_on_says_so(area):
    assert "Nothing is listed here yet" in Client().get(f"/areas/{area.pk}/").content.decode()

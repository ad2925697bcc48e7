"""Community building's pages, as a coordinator uses them: bad input kept with a clear
message, another area's pages 404, people named only with their agreement."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.communities import services
from alongside.communities.models import (
    CommunityConversation,
    Involvement,
    Partner,
    PartnerContact,
    PartnerEvent,
    ProfileEntry,
    Project,
    ProjectUpdate,
)
from tests.conftest import client_for

TODAY = timezone.localdate()


def page(client, url, **data):
    response = client.post(url, data) if data else client.get(url)
    return response, response.content.decode()


@pytest.fixture
def kept(owner, area, person):
    """A conversation, an entry, a partner and a project in Hillside, Ann in the project."""
    talk = services.community_conversation_save(
        user=owner,
        conversation=None,
        values={"area": area, "on": TODAY, "title": "Coffee morning", "people_there": 9},
        said=[("great", "The park")],
    )
    partner = services.partner_save(
        user=owner, partner=None, values={"area": area, "name": "Corner café", "kind": "business"}
    )
    project = services.project_save(
        user=owner,
        project=None,
        values={
            "area": area,
            "title": "Friday lunch",
            "started_on": date(2026, 3, 1),
            "started_by": "people",
        },
        partners=[partner],
    )
    services.project_person_add(
        user=owner,
        project=project,
        person=person,
        values={"role": "leads", "agreed_on": TODAY, "how_agreed": "In person"},
    )
    return {"talk": talk, "entry": talk.entries.get(), "partner": partner, "project": project}


def test_a_coordinator_records_a_community_conversation_and_what_people_said(owner, area):
    client = client_for(owner)
    url = reverse("communities:conversation_add", args=[area.pk])
    once = client.get(url)["Location"]
    response, shown = page(
        client,
        once,
        on=TODAY.isoformat(),
        title="Stall at the gala",
        where="The park",
        people_there="40",
        said_great="The park\nThe people at the library\n",
        said_together="The gala",
        said_aspiration="",
        form_token=once.split("once=")[1],
    )
    assert response.status_code == 302
    assert ProfileEntry.objects.filter(conversation__title="Stall at the gala").count() == 3
    _, profile = page(client, reverse("communities:area", args=[area.pk]))
    assert "“The people at the library”" in profile and "Stall at the gala" in profile
    assert "40 people · 3 things said" in profile
    services.partner_save(
        user=owner,
        partner=None,
        values={
            "area": area,
            "name": "Student volunteers",
            "kind": "voluntary",
            "relationship": "interested",
        },
    )
    _, profile = page(client, reverse("communities:area", args=[area.pk]))
    assert "Groups and organisations: " in profile and "Student volunteers</a>." in profile


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(owner, area):
    client = client_for(owner)
    url = reverse("communities:conversation_add", args=[area.pk])
    _, shown = page(
        client,
        url,
        on="31/02/2026",
        title="",
        people_there="lots",
        said_great="The canal towpath",
    )
    assert "Say what the conversation was, like a coffee morning" in shown
    assert "Enter how many people took part as a number, like 12" in shown
    assert "Enter a real date, like 27 3 2007" in shown
    assert "The canal towpath" in shown and 'value="lots"' in shown
    assert not CommunityConversation.objects.exists()


def test_a_partner_contact_with_a_bad_email_is_refused_and_kept(owner, kept):
    client = client_for(owner)
    partner = kept["partner"]
    url = reverse("communities:partner_add_to", args=[partner.pk, "contact"])
    _, shown = page(client, url, **{"contact-name": "Sam", "contact-email": "sam@"})
    assert "Enter an email address, like name@example.org" in shown and 'value="Sam"' in shown
    assert not PartnerContact.objects.exists()
    response, _ = page(
        client, url, **{"contact-name": "Sam", "contact-email": "hello@corner.example"}
    )
    assert response.status_code == 302
    _, shown = page(client, reverse("communities:partner", args=[partner.pk]))
    assert "hello@corner.example" in shown and "Friday lunch" in shown


def test_the_partnerships_history_is_dated_and_never_in_the_future(owner, kept):
    client = client_for(owner)
    url = reverse("communities:partner_add_to", args=[kept["partner"].pk, "event"])
    later = (TODAY + timedelta(days=3)).isoformat()
    _, shown = page(client, url, **{"event-on": later, "event-what": "Planning the lunch"})
    assert "The date cannot be in the future" in shown and "Planning the lunch" in shown
    page(client, url, **{"event-on": TODAY.isoformat(), "event-what": "Planning the lunch"})
    assert PartnerEvent.objects.get().what == "Planning the lunch"


def test_a_project_update_before_the_project_started_is_refused(owner, kept):
    client = client_for(owner)
    url = reverse("communities:project", args=[kept["project"].pk])
    _, shown = page(client, url, **{"update-on": "2026-02-01", "update-what": "Early days"})
    assert "Enter a date on or after the project started (1 March 2026)" in shown
    assert "Early days" in shown and not ProjectUpdate.objects.exists()
    _, shown = page(client, url)
    assert "Ann" in shown and "leads it" in shown  # Ann agreed to be named


def test_a_person_is_added_as_getting_involved_only_with_their_agreement(owner, person):
    client = client_for(owner)
    url = reverse("communities:person", args=[person.pk])
    data = {
        "what_form": "involvement",
        "involved-what": "Help at the lunch club",
        "involved-agreed_on": TODAY.isoformat(),
        "involved-how_agreed": "In person",
    }
    _, shown = page(client, url, **data)
    assert "Record that the person agreed to be named" in shown
    assert "Help at the lunch club" in shown and not Involvement.objects.exists()
    response, _ = page(client, url, **data, **{"involved-agreed": "on"})
    assert (
        response.status_code == 302 and Involvement.objects.get().what == "Help at the lunch club"
    )


def test_another_areas_coordinator_gets_404_on_every_community_page(outsider, kept, area):
    client = client_for(outsider)
    partner, project, talk, entry = kept["partner"], kept["project"], kept["talk"], kept["entry"]
    urls = [
        reverse("communities:area", args=[area.pk]),
        reverse("communities:map", args=[area.pk]),
        reverse("communities:conversations", args=[area.pk]),
        reverse("communities:conversation_add", args=[area.pk]),
        reverse("communities:conversation_edit", args=[area.pk, talk.pk]),
        reverse("communities:entry_add", args=[area.pk]),
        reverse("communities:entry_edit", args=[area.pk, entry.pk]),
        reverse("communities:partner_add", args=[area.pk]),
        reverse("communities:partner", args=[partner.pk]),
        reverse("communities:partner_edit", args=[partner.pk]),
        reverse("communities:project_add", args=[area.pk]),
        reverse("communities:project", args=[project.pk]),
        reverse("communities:project_edit", args=[project.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Posted", "name": "Posted"}).status_code == 404, url
    for what in ("contact", "event", "give"):
        url = reverse("communities:partner_add_to", args=[partner.pk, what])
        assert client.post(url, {"contact-name": "Posted"}).status_code == 404
    url = reverse("communities:entry_remove", args=[area.pk, entry.pk])
    assert client.post(url, {"version": entry.version}).status_code == 404
    for listing in ("communities:partners", "communities:projects"):
        shown = client.get(reverse(listing)).content.decode()
        assert "Corner café" not in shown and "Friday lunch" not in shown
    assert CommunityConversation.objects.get().title == "Coffee morning"
    assert Partner.objects.get().name == "Corner café" and Project.objects.count() == 1


def test_commissioners_see_no_community_page(commissioner, kept, area):
    client = client_for(commissioner)
    for url in (
        reverse("communities:home"),
        reverse("communities:area", args=[area.pk]),
        reverse("communities:partner", args=[kept["partner"].pk]),
    ):
        assert client.get(url).status_code in (403, 404)


def test_every_page_opens_for_the_coordinator(owner, kept, area, person):
    client = client_for(owner)
    for url in (
        reverse("communities:home"),
        reverse("communities:area", args=[area.pk]),
        reverse("communities:conversations", args=[area.pk]),
        reverse("communities:conversation_edit", args=[area.pk, kept["talk"].pk]),
        reverse("communities:entry_edit", args=[area.pk, kept["entry"].pk]),
        reverse("communities:partners"),
        reverse("communities:partner", args=[kept["partner"].pk]),
        reverse("communities:partner_edit", args=[kept["partner"].pk]),
        reverse("communities:projects"),
        reverse("communities:project", args=[kept["project"].pk]),
        reverse("communities:project_edit", args=[kept["project"].pk]),
        reverse("communities:person", args=[person.pk]),
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


def test_the_map_shows_the_areas_resources_partners_and_projects_with_a_list(owner, kept, area):
    from alongside.directory.models import (
        Address,
        Location,
        Organization,
        Service,
        ServiceAtLocation,
    )

    area.postcode_districts = "LS6 1, LS7"
    area.save()
    hub = Organization.objects.create(name="Hub")
    for name, postcode, lat in [("Lunch club", "LS7 3AB", 53.8), ("Far away", "LS17 1AA", 53.9)]:
        place = Location.objects.create(name=f"{name} hall", latitude=lat, longitude=-1.5)
        Address.objects.create(
            location=place, address_1="1 Road", city="Leeds", postal_code=postcode
        )
        service = Service.objects.create(organization=hub, name=name, status="active")
        ServiceAtLocation.objects.create(service=service, location=place)
    client = client_for(owner)
    shown = client.get(reverse("communities:map", args=[area.pk])).content.decode()
    assert "Lunch club" in shown and "Far away" not in shown  # LS17 is not LS7
    assert 'id="directory-map-data"' in shown and '"lat": 53.8' in shown
    assert "Corner café" in shown and "Partner · not on the map" in shown
    assert "Friday lunch" in shown and "No gaps recorded" in shown


def test_a_partner_is_linked_to_its_organisation_in_the_directory_by_name(owner, area):
    from alongside.directory.models import Organization

    Organization.objects.create(name="Kirkstall Community Hub")
    client = client_for(owner)
    url = reverse("communities:partner_add", args=[area.pk])
    data = {"name": "The hub", "kind": "community", "relationship": "working_together"}
    _, shown = page(client, url, **data, directory_name="Kirkstal Hub")
    assert "The directory has no organisation called Kirkstal Hub" in shown
    assert 'value="Kirkstal Hub"' in shown and not Partner.objects.exists()
    page(client, url, **data, directory_name="kirkstall community hub")
    assert Partner.objects.get().organization.name == "Kirkstall Community Hub"

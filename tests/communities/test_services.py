"""Community building's writes: in the user's own areas only, the person's agreement kept
for anything that names them, dates that make sense, every person-level read and write
audited."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from alongside.audit.models import AuditEntry
from alongside.communities import services
from alongside.communities.models import (
    CommunityConversation,
    Involvement,
    Partner,
    ProfileEntry,
    Project,
    ProjectPerson,
)
from alongside.connections.models import Contribution
from alongside.records import StaleVersion

TODAY = timezone.localdate()
AGREED = {"agreed_on": TODAY, "how_agreed": "In person, at the coffee morning"}


def conversation(user, area, **more):
    return services.community_conversation_save(
        user=user,
        conversation=None,
        values={"area": area, "on": TODAY, "title": "Coffee morning", "people_there": 12, **more},
        said=[("great", "The park, and the people who look after it"), ("aspiration", "")],
    )


def test_a_community_conversation_adds_what_people_said_to_the_profile(owner, area):
    talk = conversation(owner, area)
    entries = list(ProfileEntry.objects.filter(conversation=talk))
    assert [(e.kind, e.words, e.area, e.on) for e in entries] == [
        ("great", "The park, and the people who look after it", area, TODAY)
    ]


def test_the_same_conversation_sent_twice_is_kept_once(owner, area):
    token = uuid.uuid4()
    for _ in range(2):
        services.community_conversation_save(
            user=owner,
            conversation=None,
            values={"area": area, "on": TODAY, "title": "Gala stall", "people_there": 40},
            said=[("together", "The gala")],
            form_token=token,
        )
    assert CommunityConversation.objects.count() == 1 and ProfileEntry.objects.count() == 1


def test_someone_from_another_area_writes_nothing_there(outsider, area):
    with pytest.raises(ValueError, match="Choose one of your areas"):
        conversation(outsider, area)
    with pytest.raises(ValueError, match="Choose one of your areas"):
        services.partner_save(
            user=outsider, partner=None, values={"area": area, "name": "Café", "kind": "business"}
        )
    assert not CommunityConversation.objects.exists() and not Partner.objects.exists()


def test_a_conversation_cannot_be_in_the_future_nor_of_a_crowd_beyond_belief(owner, area):
    with pytest.raises(ValueError, match="today or before"):
        conversation(owner, area, on=TODAY + timedelta(days=1))
    with pytest.raises(ValueError, match="less than or equal to 100000"):
        conversation(owner, area, people_there=10**9)


def test_a_stale_change_is_refused_and_nothing_is_lost(owner, colleague, area):
    talk = conversation(owner, area)
    values = {"area": area, "on": TODAY, "title": "Coffee morning at the library"}
    services.community_conversation_save(
        user=colleague, conversation=talk, values=values, expected_version=1
    )
    with pytest.raises(StaleVersion):
        services.community_conversation_save(
            user=owner, conversation=talk, values={**values, "title": "Other"}, expected_version=1
        )
    assert CommunityConversation.objects.get().title == "Coffee morning at the library"


def test_a_person_is_named_as_getting_involved_only_with_their_agreement(owner, person):
    with pytest.raises(ValueError, match="agreed to be named"):
        services.involvement_add(
            user=owner, person=person, values={"what": "Help at the lunch club"}
        )
    with pytest.raises(ValueError, match="agreed to be named"):
        services.involvement_add(
            user=owner,
            person=person,
            values={"what": "Help", "agreed_on": TODAY, "how_agreed": "  "},
        )
    assert not Involvement.objects.exists()
    services.involvement_add(
        user=owner, person=person, values={"what": "Help at the lunch club", **AGREED}
    )
    assert AuditEntry.objects.filter(record_type="involvement", action="created").count() == 1


def test_who_would_like_to_get_involved_is_read_scoped_and_audited(owner, outsider, person, area):
    services.involvement_add(
        user=owner, person=person, values={"what": "Start a walking group", **AGREED}
    )
    assert services.involvements_read(user=outsider, area=area) == []
    shown = services.involvements_read(user=owner, area=area)
    assert [i.person.full_name for i in shown] == ["Ann Example"]
    assert AuditEntry.objects.filter(record_type="involvement", action="viewed").count() == 1


def test_a_partner_contact_needs_a_real_email_and_phone(owner, area):
    partner = services.partner_save(
        user=owner, partner=None, values={"area": area, "name": "Corner café", "kind": "business"}
    )
    with pytest.raises(ValueError, match="valid email"):
        services.partner_contact_add(
            user=owner, partner=partner, values={"name": "Sam", "email": "sam@"}
        )
    with pytest.raises(ValueError, match="phone"):
        services.partner_contact_add(
            user=owner, partner=partner, values={"name": "Sam", "phone": "12"}
        )
    contact = services.partner_contact_add(
        user=owner,
        partner=partner,
        values={
            "name": "Sam",
            "role": "Owner",
            "email": "hello@corner.example",
            "phone": "0113 496 0000",
        },
    )
    assert contact.phone and partner.contacts.count() == 1


def test_two_partners_of_one_name_in_an_area_are_refused(owner, area):
    values = {"area": area, "name": "Corner café", "kind": "business"}
    services.partner_save(user=owner, partner=None, values=values)
    with pytest.raises(ValueError, match="already has a partner of that name"):
        services.partner_save(user=owner, partner=None, values=values)


def test_a_partner_postcode_is_checked(owner, area):
    with pytest.raises(ValueError):
        services.partner_save(
            user=owner,
            partner=None,
            values={"area": area, "name": "Café", "kind": "business", "postcode": "not one"},
        )


def project(user, area, **more):
    return services.project_save(
        user=user,
        project=None,
        values={
            "area": area,
            "title": "Friday lunch",
            "started_on": date(2026, 3, 1),
            "started_by": "people",
            **more,
        },
    )


def test_a_project_update_cannot_be_dated_before_the_project_started(owner, area):
    found = project(owner, area)
    with pytest.raises(ValueError, match="on or after the project started \\(1 March 2026\\)"):
        services.project_update_add(user=owner, project=found, on=date(2026, 2, 1), what="Early")
    services.project_update_add(user=owner, project=found, on=date(2026, 3, 1), what="Began")
    with pytest.raises(ValueError, match="on or before its first update"):
        services.project_save(
            user=owner,
            project=found,
            values={
                "area": area,
                "title": "Friday lunch",
                "started_on": date(2026, 4, 1),
                "started_by": "people",
            },
            expected_version=found.version,
        )


def test_a_project_takes_partners_of_its_own_area_only(owner, other_manager, area, other_area):
    theirs = services.partner_save(
        user=other_manager,
        partner=None,
        values={"area": other_area, "name": "Far", "kind": "faith"},
    )
    with pytest.raises(ValueError, match="partners in the project's area"):
        services.project_save(
            user=owner,
            project=None,
            values={"area": area, "title": "T", "started_on": TODAY, "started_by": "group"},
            partners=[theirs],
        )
    assert not Project.objects.exists()


def test_a_person_takes_part_in_a_project_with_their_agreement_and_their_own_contribution(
    owner, person, area
):
    found = project(owner, area)
    with pytest.raises(ValueError, match="agreed to be named"):
        services.project_person_add(
            user=owner, project=found, person=person, values={"role": "leads"}
        )
    someone_elses = Contribution.objects.create(
        person=type(person).objects.create(full_name="B", area=area), what="Cooking"
    )
    with pytest.raises(ValueError, match="the person's own contributions"):
        services.project_person_add(
            user=owner,
            project=found,
            person=person,
            values={"role": "contributes", "contribution": someone_elses, **AGREED},
        )
    part = services.project_person_add(
        user=owner, project=found, person=person, values={"role": "leads", **AGREED}
    )
    with pytest.raises(ValueError, match="already part of this project"):
        services.project_person_add(
            user=owner, project=found, person=person, values={"role": "takes_part", **AGREED}
        )
    assert ProjectPerson.objects.get() == part
    assert [p.person for p in services.project_people_read(user=owner, project=found)] == [person]
    actions = set(
        AuditEntry.objects.filter(record_type="project_person").values_list("action", flat=True)
    )
    assert actions == {"created", "viewed"}

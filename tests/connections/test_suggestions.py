"""Suggestions that explain themselves: one scoring function, candidates from the indexes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.connections import services, services_records
from alongside.connections.models import Connection, Dismissal
from alongside.connections.suggestions import (
    GIFT_POINTS,
    NAME_POINTS,
    NEAR_POINTS,
    Facts,
    Profile,
    score,
    stem,
    suggest,
)
from alongside.directory.models import CostOption, Organization, Service
from alongside.people import services as people_services
from alongside.people.models import GiftTerm, Person
from tests.conftest import client_for

TODAY = timezone.localdate


def profile(**extra) -> Profile:
    values = {
        "interests": {"garden": "likes gardening", "allotment": "likes gardening"},
        "gift_terms": {7: "Cooking"},
        "age": 70,
        "home": None,
        **extra,
    }
    return Profile(**values)


def facts(**extra) -> Facts:
    values = {
        "name": "Community garden",
        "categories": "",
        "description": "",
        "km": 0.8,
        "days": frozenset({"TU"}),
        "times": None,
        "free": True,
        **extra,
    }
    return Facts(**values)


def test_an_interest_in_the_name_scores_and_says_why():
    points, reasons = score(profile(), facts())
    assert points == NAME_POINTS + NEAR_POINTS[1.0]  # in the name, and within 1 km
    assert reasons == ["likes gardening", "0.8 km", "free", "Tuesdays"]


def test_an_interest_only_in_the_description_scores_less():
    in_name = score(profile(), facts())[0]
    in_text = score(profile(), facts(name="Tuesday club", description="We tend the allotment"))[0]
    assert in_text < in_name


def test_nothing_in_common_is_not_suggested():
    assert score(profile(), facts(name="Chess club")) is None


@pytest.mark.parametrize(
    ("suits", "candidate"),
    [
        ({"travel_km": 2.0}, {"km": 5.0}),
        ({"free_only": True}, {"free": False}),
        ({"days": frozenset({"MO"})}, {"days": frozenset({"TU"})}),
        ({"times": frozenset({"evening"})}, {"times": frozenset({"morning"})}),
    ],
)
def test_what_does_not_suit_is_left_out(suits, candidate):
    assert score(profile(**suits), facts(**candidate)) is None


def test_unknown_times_are_not_left_out_but_said():
    points, reasons = score(profile(days=frozenset({"MO"})), facts(days=None))
    assert "times not listed" in reasons


def test_a_chance_to_contribute_that_needs_their_gift_scores_it():
    points, reasons = score(profile(), facts(name="Friday lunch club", gifts_needed=frozenset({7})))
    assert points >= 3.0 and "needs their cooking" in reasons


@pytest.mark.parametrize(
    ("word", "stemmed"), [("gardening", "garden"), ("gardens", "garden"), ("walks", "walk")]
)
def test_words_are_cut_to_what_listings_share(word, stemmed):
    assert stem(word) == stemmed


@pytest.fixture
def garden(db) -> Service:
    hub = Organization.objects.create(name="Hillside Hub")
    service = Service.objects.create(
        organization=hub, name="Hillside Community Garden", description="Grow vegetables together"
    )
    CostOption.objects.create(service=service, amount=0)
    Service.objects.create(organization=hub, name="Chess club", description="Board games")
    return service


def test_a_person_who_likes_gardening_is_offered_the_garden_and_takes_it_up(
    owner, owner_client, person, garden
):
    term = GiftTerm.objects.get(name="Gardening")
    people_services.gift_add(user=owner, person=person, term=term, kind="skill")
    found = suggest(user=owner, person=person, today=TODAY())
    assert [s.name for s in found] == ["Hillside Community Garden"]
    assert "good at gardening" in found[0].why and "free" in found[0].why
    page = owner_client.get(reverse("connections:suggestions", args=[person.pk])).content.decode()
    assert "Hillside Community Garden" in page and "Chess club" not in page
    response = owner_client.post(
        reverse("connections:suggestion_take", args=[person.pk]),
        {"service": str(garden.pk), "why": found[0].why, "to": "connection"},
    )
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.stage == "suggested" and "gardening" in connection.why
    assert suggest(user=owner, person=person, today=TODAY()) == []  # connected already


def test_a_dismissed_suggestion_is_remembered(owner, owner_client, person, garden):
    term = GiftTerm.objects.get(name="Gardening")
    people_services.gift_add(user=owner, person=person, term=term, kind="skill")
    url = reverse("connections:suggestion_dismiss", args=[person.pk])
    owner_client.post(url, {"service": str(garden.pk), "because": "tried"})
    assert Dismissal.objects.get().because == "tried"
    assert suggest(user=owner, person=person, today=TODAY()) == []
    response = owner_client.post(
        url, {"service": str(garden.pk), "because": "nonsense"}, follow=True
    )
    assert "Select why it is not for them" in response.content.decode()


def test_suggestions_for_someone_in_another_area_are_404(person, outsider):
    client = client_for(outsider)
    assert client.get(reverse("connections:suggestions", args=[person.pk])).status_code == 404


def test_a_chance_to_contribute_is_suggested_for_a_gift_it_needs(owner, person, area):
    term = GiftTerm.objects.get(name="Cooking")
    people_services.gift_add(user=owner, person=person, term=term, kind="skill")
    services.opportunity_save(
        user=owner,
        opportunity=None,
        values={"area": area, "title": "Friday lunch club volunteer", "kind": "volunteering"},
        gifts_needed=[term],
    )
    found = suggest(user=owner, person=person, today=TODAY())
    assert found and found[0].name == "Friday lunch club volunteer"
    assert "needs their cooking" in found[0].why


def test_a_resource_for_a_group_is_suggested_only_to_someone_in_it():
    memory = facts(name="Singing for the Brain", categories="Dementia Music and singing")
    singer = profile(interests={"sing": "likes singing"})
    assert score(singer, memory) is None
    carer = profile(interests={"sing": "likes singing"}, audiences=frozenset({"dementia"}))
    points, reasons = score(carer, memory)
    assert reasons[:2] == ["for people living with dementia", "likes singing"]


def test_what_someone_says_they_need_leads_to_resources_for_it(owner, person, db):
    from alongside.connections.suggestions import profile_of

    person.what_matters = "I've got debts from before and I'm scared to open my post"
    person.save()
    found = profile_of(user=owner, person=person, today=TODAY())
    assert found.interests["debt"] == "money worries"
    person.what_matters = "Since Ken died the house is so quiet"
    person.save()
    found = profile_of(user=owner, person=person, today=TODAY())
    assert "bereavement" in found.audiences and found.interests["befriend"] == "would like company"


def said(owner, person, words: str, age: int | None = None):
    from datetime import timedelta

    from alongside.connections.suggestions import profile_of

    person.what_matters = words
    if age is not None:
        person.date_of_birth = TODAY() - timedelta(days=int(age * 365.25) + 30)
    person.save()
    return profile_of(user=owner, person=person, today=TODAY())


def test_names_of_people_and_places_in_what_someone_says_are_not_interests(owner, person):
    found = said(owner, person, "My daughter is in Harrogate. Since Jean died I miss gardening")
    assert "harrogate" not in found.interests and "garden" in found.interests


def test_what_someone_says_they_do_not_need_is_not_taken_as_a_need(owner, person):
    assert "carers" not in said(owner, person, "I don't need looking after my mother").audiences
    assert "carers" in said(owner, person, "My husband has dementia").audiences
    assert "looking for work" not in said(owner, person, "I work from home").interests.values()
    assert "looking for work" in said(owner, person, "I would love a job").interests.values()


def test_an_older_person_speaking_of_their_son_is_not_taken_for_a_young_parent(owner, person):
    assert "parents and toddlers" not in said(owner, person, "My son is in Leeds", age=78).audiences
    assert "families" in said(owner, person, "My grandchildren visit", age=78).audiences
    assert "parents and toddlers" in said(owner, person, "My son is two", age=30).audiences
    young = said(owner, person, "I've got a two-year-old and the kids keep me busy", age=29)
    assert "parents and toddlers" in young.audiences


def test_a_resource_is_found_by_its_category_when_its_description_does_not_say(owner, person, area):
    from alongside.directory.models import Attribute, TaxonomyTerm

    place = Organization.objects.create(name="St Mary's")
    cafe = Service.objects.create(
        organization=place, name="Friday café", description="Tea, cake and old songs"
    )
    Attribute.objects.create(
        service=cafe, taxonomy_term=TaxonomyTerm.objects.create(name="Dementia")
    )
    Service.objects.create(organization=place, name="Friday bingo", description="Eyes down")
    found = suggest(
        user=owner, person=said(owner, person, "My wife has dementia") and person, today=TODAY()
    )
    assert [s.name for s in found] == ["Friday café"]
    assert "for people living with dementia" in found[0].why


def test_a_gift_a_chance_needs_and_speaks_of_is_said_once():
    chance = facts(name="Cooking volunteers", gifts_needed=frozenset({7}))
    cook = profile(interests={"cook": "good at cooking"}, gift_labels={7: "good at cooking"})
    points, reasons = score(cook, chance)
    assert reasons.count("needs their cooking") == 1 and "good at cooking" not in reasons
    assert points == NAME_POINTS + GIFT_POINTS + NEAR_POINTS[1.0]


def test_two_people_who_both_want_to_meet_others_are_suggested_to_each_other(
    owner, owner_client, person, area
):
    singing = GiftTerm.objects.get(name="Singing")
    bea = Person.objects.create(full_name="Bea Neighbour", area=area, status="active")
    for who in (person, bea):
        people_services.gift_add(user=owner, person=who, term=singing, kind="interest")
    services_records.what_suits_save(user=owner, person=bea, open_to_meeting=True)
    assert suggest(user=owner, person=person, today=TODAY()) == []  # Ann has not said so
    services_records.what_suits_save(user=owner, person=person, open_to_meeting=True)
    found = suggest(user=owner, person=person, today=TODAY())
    assert [s.name for s in found] == ["Bea Neighbour"]
    assert found[0].reasons[:2] == ["shares singing", "both would like to meet"]
    response = owner_client.post(
        reverse("connections:suggestion_take", args=[person.pk]),
        {"other_person": bea.pk, "why": found[0].why, "to": "connection"},
    )
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert connection.other_person == bea and connection.both_agreed
    assert suggest(user=owner, person=person, today=TODAY()) == []
    assert suggest(user=owner, person=bea, today=TODAY()) == []  # connected already


def test_someone_who_has_not_said_they_want_to_meet_others_cannot_be_taken_up(owner, person, area):
    bea = Person.objects.create(full_name="Bea Neighbour", area=area, status="active")
    services_records.what_suits_save(user=owner, person=person, open_to_meeting=True)
    with pytest.raises(ValueError, match="Both people must have agreed"):
        services_records.suggestion_accept(user=owner, person=person, other_person=bea)

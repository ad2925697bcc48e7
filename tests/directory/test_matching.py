"""One listing per thing: the same organization or service from two directories is shown
once with both sources, and imported categories are shown as ours, so that no category is
listed twice; an administrator confirms each category's mapping once and can keep apart two
listings that are not the same."""

import pytest
from django.test import Client

from alongside.directory import matching, queries
from alongside.directory.models import (
    Address,
    Attribute,
    Location,
    Organization,
    OrganizationIdentifier,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from tests.conftest import client_for
from tests.directory.test_import import run_import, service_number


def at(service: Service, postcode: str) -> None:
    location = (
        Location.objects.create(
            source=service.source, source_id=f"loc-{service.source_id or service.name}"
        )
        if service.source
        else Location.objects.create()
    )
    Address.objects.create(
        location=location,
        source=location.source,
        source_id=location.source_id,
        address_1="1 High Street",
        city="Leeds",
        postal_code=postcode,
    )
    ServiceAtLocation.objects.create(
        service=service, location=location, source=location.source, source_id=location.source_id
    )


def org(name: str, source: str = "", number: str = "") -> Organization:
    made = Organization.objects.create(name=name, source=source, source_id=name if source else "")
    if number:
        OrganizationIdentifier.objects.create(
            organization=made,
            identifier_scheme="GB-CHC",
            identifier_type="Charity number",
            identifier=number,
        )
    return made


def service(name: str, organization: Organization, **extra) -> Service:
    source = organization.source
    return Service.objects.create(
        name=name,
        organization=organization,
        source=source,
        source_id=f"{name}-{organization.name}" if source else "",
        **extra,
    )


def term(name: str, source: str = "") -> TaxonomyTerm:
    return TaxonomyTerm.objects.create(name=name, source=source, source_id=name if source else "")


def categorise(s: Service, t: TaxonomyTerm) -> None:
    Attribute.objects.create(service=s, taxonomy_term=t, link_type="category")


@pytest.fixture
def two_directories(db) -> dict:
    """Our own listing of the Hillside Hub's lunch club, and the same from the county's feed
    (with the hub's charity number, under a slightly different name); a men's shed only the
    county lists; and two different clubs that share a postcode."""
    ours = org("Hillside Hub", number="1012345")
    county = org("The Hillside Hub Ltd", source="county", number="01012345")
    lunch = service("Lunch club", ours)
    at(lunch, "LS6 1AB")
    county_lunch = service("Lunch Club", county)
    at(county_lunch, "LS6 1AB")
    shed = service("Men's shed", county)
    at(shed, "LS6 2CD")
    walks = service("Walking group", ours)
    at(walks, "LS6 1AB")
    return {
        "ours": ours,
        "county": county,
        "lunch": lunch,
        "county_lunch": county_lunch,
        "shed": shed,
        "walks": walks,
    }


def test_names_are_compared_tidied():
    assert matching.tidied_name("The Hillside Hub Ltd.") == "hillside hub"
    assert matching.tidied_name("Arts & Crafts") == matching.tidied_name("arts and crafts")


def test_the_same_service_from_two_directories_is_shown_once_as_ours(two_directories):
    matched = matching.listings_match()
    d = two_directories
    assert (matched.organizations, matched.services) == (1, 1)
    county_lunch = Service.objects.get(pk=d["county_lunch"].pk)
    assert county_lunch.same_as_id == d["lunch"].pk
    assert Organization.objects.get(pk=d["county"].pk).same_as_id == d["ours"].pk
    assert Service.objects.get(pk=d["shed"].pk).same_as_id is None
    found = queries.one_per_thing(queries.services_search(open_only=True))
    assert sorted(s.name for s in found) == ["Lunch club", "Men's shed", "Walking group"]


def test_without_a_number_the_name_and_postcode_match(db):
    ours = service("Knit and natter", org("St Mary's Church"))
    at(ours, "LS6 1AB")
    theirs = service("Knit & Natter", org("St Marys Church", source="county"))
    at(theirs, "ls61ab")
    elsewhere = service("Knit and Natter", org("Another church", source="city"))
    at(elsewhere, "LS9 9ZZ")
    matching.listings_match()
    assert Service.objects.get(pk=theirs.pk).same_as_id == ours.pk
    assert Service.objects.get(pk=elsewhere.pk).same_as_id is None


def test_a_directorys_own_listings_are_never_matched_with_each_other(db):
    hub = org("Hillside Hub", source="county")
    first = Service.objects.create(
        name="Coffee morning", organization=hub, source="county", source_id="a"
    )
    second = Service.objects.create(
        name="Coffee morning", organization=hub, source="county", source_id="b"
    )
    at(first, "LS6 1AB")
    matching.listings_match()
    assert set(Service.objects.values_list("same_as", flat=True)) == {None}
    assert second.pk


def test_a_withdrawn_listing_is_no_longer_shown_in_anothers_place(two_directories):
    d = two_directories
    matching.listings_match()
    Service.objects.filter(pk=d["lunch"].pk).update(status=ServiceStatus.DEFUNCT)
    matching.listings_match()
    assert Service.objects.get(pk=d["county_lunch"].pk).same_as_id is None


def test_the_shown_listing_names_the_other_sources(two_directories, owner):
    d = two_directories
    matching.listings_match()
    coordinator = client_for(owner)
    page = coordinator.get(f"/directory/{d['lunch'].pk}/").content.decode()
    assert "Also listed by" in page and "county" in page
    other = coordinator.get(f"/directory/{d['county_lunch'].pk}/").content.decode()
    assert "shown in the directory as" in other
    search = coordinator.get("/directory/?q=lunch").content.decode()
    assert search.count("Lunch club") + search.count("Lunch Club") == 1
    public = Client().get(f"/find/{d['county_lunch'].pk}/")
    assert public.status_code == 302 and public["Location"] == f"/find/{d['lunch'].pk}/"


def test_an_administrator_keeps_apart_two_listings_that_are_not_the_same(
    two_directories, administrator
):
    d = two_directories
    matching.listings_match()
    client = client_for(administrator)
    page = client.get("/directory/import/duplicates/").content.decode()
    assert "Lunch Club" in page and "county" in page
    client.post(f"/directory/import/duplicates/{d['county_lunch'].pk}/apart/")
    assert Service.objects.get(pk=d["county_lunch"].pk).same_as_id is None
    matching.listings_match()  # a later import does not match them again
    assert Service.objects.get(pk=d["county_lunch"].pk).same_as_id is None
    client.post(f"/directory/import/duplicates/{d['county_lunch'].pk}/together/")
    assert Service.objects.get(pk=d["county_lunch"].pk).same_as_id == d["lunch"].pk


@pytest.fixture
def categories(db) -> dict:
    hub = org("Hillside Hub")
    county = org("County Carers", source="county")
    ours = term("Carers")
    advice = term("Benefits advice")
    theirs = term("carers", source="county")
    theirs_advice = term("Welfare benefits", source="county")
    city_only = term("Debt advice", source="city")
    city_again = term("Debt Advice", source="county")
    club = service("Carers' cafe", hub)
    categorise(club, ours)
    categorise(service("Benefits drop-in", hub), advice)
    imported = service("Carers group", county)
    categorise(imported, theirs)
    categorise(imported, city_only)
    categorise(service("Benefits help", county), theirs_advice)
    categorise(service("Debt clinic", county), city_again)
    return {
        "ours": ours,
        "advice": advice,
        "theirs": theirs,
        "theirs_advice": theirs_advice,
        "city_only": city_only,
        "city_again": city_again,
        "imported": imported,
        "club": club,
    }


def test_the_category_list_never_shows_a_name_twice(categories):
    before = [t.name.lower() for t in queries.categories()]
    assert len(before) != len(set(before))  # the problem: "Carers" and "carers"
    matching.listings_match()
    names = [t.name.lower() for t in queries.categories()]
    assert sorted(names) == ["benefits advice", "carers", "debt advice", "welfare benefits"]


def test_a_category_finds_the_services_of_categories_shown_as_it(categories):
    matching.listings_match()
    found = queries.services_search(taxonomy_term_id=categories["ours"].pk)
    assert sorted(s.name for s in found) == ["Carers group", "Carers' cafe"]


def test_listings_show_the_category_they_are_shown_as(categories, owner):
    matching.listings_match()
    page = client_for(owner).get("/directory/?q=carers+group").content.decode()
    assert ">Carers<" in page and ">carers<" not in page


def test_an_administrator_confirms_each_mapping_once(categories, administrator):
    matching.listings_match()
    client = client_for(administrator)
    page = client.get("/directory/import/categories/").content.decode()
    assert "Welfare benefits" in page and "Matched by name" in page
    response = client.post(
        f"/directory/import/categories/{categories['theirs_advice'].pk}/",
        {"shown_as": str(categories["advice"].pk)},
    )
    assert response.status_code == 302
    mapped = TaxonomyTerm.objects.get(pk=categories["theirs_advice"].pk)
    assert mapped.same_as_id == categories["advice"].pk and mapped.mapping_confirmed_at
    matching.listings_match()  # a later import keeps the administrator's decision
    assert TaxonomyTerm.objects.get(pk=mapped.pk).same_as_id == categories["advice"].pk
    assert "welfare benefits" not in [t.name.lower() for t in queries.categories()]
    client.post(f"/directory/import/categories/{categories['theirs'].pk}/", {"shown_as": "own"})
    matching.listings_match()
    assert TaxonomyTerm.objects.get(pk=categories["theirs"].pk).same_as_id is None


def test_a_mapping_onto_a_category_shown_as_another_is_refused_with_a_reason(
    categories, administrator
):
    matching.listings_match()
    client = client_for(administrator)
    response = client.post(
        f"/directory/import/categories/{categories['theirs_advice'].pk}/",
        {"shown_as": str(categories["city_again"].pk)},  # shown as "Debt advice" (city)
    )
    assert response.status_code == 200
    assert "Choose a category from the list: one shown as itself" in response.content.decode()
    assert TaxonomyTerm.objects.get(pk=categories["theirs_advice"].pk).mapping_confirmed_at is None
    # Another directory's category shown as itself will do, where we have none of our own.
    client.post(
        f"/directory/import/categories/{categories['theirs_advice'].pk}/",
        {"shown_as": str(categories["city_only"].pk)},
    )
    mapped = TaxonomyTerm.objects.get(pk=categories["theirs_advice"].pk)
    assert mapped.same_as_id == categories["city_only"].pk


@pytest.mark.parametrize("path", ["/directory/import/categories/", "/directory/import/duplicates/"])
def test_only_administrators_map_categories_and_keep_listings_apart(
    path, owner, manager, commissioner
):
    for user in (owner, manager, commissioner):
        assert client_for(user).get(path).status_code == 403
    assert Client().get(path).status_code == 302


def test_an_import_matches_its_listings(db, feed):
    """The ORUK example service (Example Organization Inc., at ABC 1234) as our own listing
    too, under its organization's name without "Inc.": imported, it is shown as ours."""
    ours = service("Community Counselling 1", org("Example Organization"))
    at(ours, "ABC1234")
    feed.serve([service_number(1)])
    run_import(url=feed.url, source="county")
    assert Service.objects.get(source="county").same_as_id == ours.pk


def test_a_mapping_follows_its_category_when_that_is_shown_as_ours_later(categories, administrator):
    matching.listings_match()
    client_for(administrator).post(
        f"/directory/import/categories/{categories['theirs_advice'].pk}/",
        {"shown_as": str(categories["city_only"].pk)},
    )
    ours = term("Debt advice")  # the council adds its own
    matching.listings_match()
    assert TaxonomyTerm.objects.get(pk=categories["city_only"].pk).same_as_id == ours.pk
    assert TaxonomyTerm.objects.get(pk=categories["theirs_advice"].pk).same_as_id == ours.pk
    found = queries.services_search(taxonomy_term_id=ours.pk)
    assert sorted(s.name for s in found) == ["Benefits help", "Carers group", "Debt clinic"]

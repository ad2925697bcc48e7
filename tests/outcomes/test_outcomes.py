"""Outcomes: measures scored from answers, crises avoided with reasons, stories with consent,
and who is due a review measure."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from alongside.outcomes import forms, queries, services
from alongside.outcomes.models import (
    CrisisAvoided,
    MeasureResponse,
    OrganisationSettings,
    OutcomeRating,
    Story,
    UnitCost,
)
from alongside.people import services as people_services
from alongside.people.models import Level, Person, Status

SWEMWBS_ITEMS = [
    "optimistic",
    "useful",
    "relaxed",
    "dealing_with_problems",
    "thinking_clearly",
    "close_to_others",
    "own_mind",
]


@pytest.fixture
def registered(db):
    settings = OrganisationSettings.current()
    settings.warwick_registration = "WARWICK-12345"
    settings.save()


def measure_url(person, code):
    return reverse("outcomes:measure", args=[person.pk, code])


def swemwbs(answer: int, on=None, occasion="baseline", **overrides):
    return {
        "taken_on": (on or timezone.localdate()).isoformat(),
        "occasion": occasion,
        **{item: str(answer) for item in SWEMWBS_ITEMS},
        **overrides,
    }


def test_swemwbs_is_not_offered_until_the_organisation_has_registered(person, owner_client):
    page = owner_client.get(reverse("outcomes:outcomes", args=[person.pk])).content.decode()
    assert "once an administrator records the organisation" in page
    response = owner_client.get(measure_url(person, "swemwbs"))
    assert escape(services.NOT_REGISTERED) in response.content.decode()
    owner_client.post(measure_url(person, "swemwbs"), swemwbs(3))
    assert not MeasureResponse.objects.exists()


def test_swemwbs_shows_its_copyright_line_with_the_items(person, owner_client, registered):
    html = owner_client.get(measure_url(person, "swemwbs")).content.decode()
    assert "University of Warwick" in html and "feeling optimistic" in html


def test_a_swemwbs_score_is_computed_from_the_answers_never_typed(person, owner_client, registered):
    response = owner_client.post(measure_url(person, "swemwbs"), swemwbs(3))
    assert response.status_code == 302
    saved = MeasureResponse.objects.get()
    assert saved.complete and saved.answers["useful"] == 3
    # raw 21 converts to a metric score of 19.25 in the published table
    assert saved.scores[0]["value"] == pytest.approx(19.25)


def test_a_missing_item_is_refused_unless_kept_on_purpose_and_then_gets_no_score(
    person, owner_client, registered
):
    data = swemwbs(4)
    del data["own_mind"]
    response = owner_client.post(measure_url(person, "swemwbs"), data)
    html = response.content.decode()
    assert escape(forms.ANSWER_REQUIRED.format(name="SWEMWBS")) in html or "every statement" in html
    assert 'value="4" checked' in html  # what was answered is kept
    assert not MeasureResponse.objects.exists()
    owner_client.post(measure_url(person, "swemwbs"), {**data, "keep_partial": "on"})
    saved = MeasureResponse.objects.get()
    assert not saved.complete and saved.scores == [] and "not answered" in saved.reason


@pytest.mark.parametrize(
    ("code", "item", "value"),
    [("swemwbs", "useful", "6"), ("ons4", "anxiety", "11"), ("ucla3", "left_out", "0")],
)
def test_a_score_out_of_range_is_refused(person, owner_client, registered, code, item, value):
    response = owner_client.post(
        measure_url(person, code),
        {"occasion": "baseline", item: value},
    )
    assert escape(forms.ANSWER_INVALID) in response.content.decode()
    assert not MeasureResponse.objects.exists()


def test_a_measure_in_the_future_is_refused(person, owner_client, registered):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = owner_client.post(measure_url(person, "swemwbs"), swemwbs(3, on=tomorrow))
    assert "The date cannot be in the future" in response.content.decode()


def test_ons4_is_reported_per_question_with_bands_never_summed(person, owner_client):
    owner_client.post(
        measure_url(person, "ons4"),
        {
            "occasion": "baseline",
            "life_satisfaction": "4",
            "worthwhile": "7",
            "happiness": "9",
            "anxiety": "6",
        },
    )
    scores = {s["label"]: (s["value"], s["band"]) for s in MeasureResponse.objects.get().scores}
    assert len(scores) == 4
    assert "low" in {band for _, band in scores.values()}


def test_a_change_of_three_swemwbs_points_is_shown_as_meaningful(person, owner_client, registered):
    start = timezone.localdate() - timedelta(days=120)
    owner_client.post(measure_url(person, "swemwbs"), swemwbs(2, on=start))
    owner_client.post(measure_url(person, "swemwbs"), swemwbs(4, occasion="review"))
    page = owner_client.get(reverse("outcomes:outcomes", args=[person.pk])).content.decode()
    assert "a meaningful improvement" in page and "<svg" in page


def test_a_crisis_avoided_needs_the_reasoning(person, owner_client):
    response = owner_client.post(
        reverse("outcomes:record_add", args=[person.pk, "avoided"]),
        {
            "on": timezone.localdate().isoformat(),
            "likely_event": UnitCost.objects.get(code="ae_attendance").pk,
            "quantity": "2",
            "confidence": "high",
            "why_likely": "",
            "instead": "",
        },
    )
    html = response.content.decode()
    assert escape(forms.WHY_LIKELY_REQUIRED) in html and escape(forms.INSTEAD_REQUIRED) in html
    assert not CrisisAvoided.objects.exists()


def test_the_cost_avoided_uses_the_unit_cost_library(person, owner, owner_client):
    ae = UnitCost.objects.get(code="ae_attendance")
    eviction = UnitCost.objects.get(code="eviction")
    for cost, quantity in ((ae, 2), (eviction, 1)):
        services.crisis_avoided_add(
            user=owner,
            person=person,
            likely_event=cost,
            quantity=quantity,
            why_likely="w",
            instead="i",
            confidence="medium",
        )
    page = owner_client.get(reverse("outcomes:outcomes", args=[person.pk])).content.decode()
    expected = ae.cost_gbp * 2
    assert expected == Decimal("546")
    assert "£546" in page and "1 without a sourced cost" in page


def test_a_story_needs_words_and_consent(person, owner_client):
    response = owner_client.post(reverse("outcomes:story_add", args=[person.pk]), {"title": "T"})
    html = response.content.decode()
    assert escape(forms.STORY_WORDS_REQUIRED) in html
    assert escape(forms.CONSENT_USE_REQUIRED) in html
    assert not Story.objects.exists()


def test_a_withdrawn_story_vanishes_from_every_report(person, owner, owner_client, area):
    story = services.story_add(
        user=owner,
        person=person,
        title="Ann's allotment",
        persons_words="I grow tomatoes",
        consent_given_by="Ann",
        consent_given_on=timezone.localdate(),
        consent_use="public",
    )
    assert list(queries.stories_for(user=owner, use="council")) == [story]
    owner_client.post(
        reverse("outcomes:story_withdraw", args=[person.pk, story.pk]), {"version": story.version}
    )
    for use in ("internal", "council", "public"):
        assert not queries.stories_for(user=owner, use=use).exists()
    page = owner_client.get(reverse("outcomes:outcomes", args=[person.pk])).content.decode()
    assert "Consent withdrawn" in page


def test_consent_for_the_team_only_keeps_a_story_out_of_council_reports(person, owner):
    services.story_add(
        user=owner,
        person=person,
        title="T",
        persons_words="w",
        consent_given_by="Ann",
        consent_given_on=timezone.localdate(),
        consent_use="internal",
    )
    assert queries.stories_for(user=owner, use="internal").count() == 1
    assert not queries.stories_for(user=owner, use="council").exists()


def test_rating_outcomes_needs_at_least_one_rating(person, owner_client):
    url = reverse("outcomes:ratings", args=[person.pk])
    assert escape(forms.NO_RATING) in owner_client.post(url, {"on": ""}).content.decode()
    from alongside.outcomes.models import OutcomeDomain

    domain = OutcomeDomain.objects.first()
    owner_client.post(url, {f"domain_{domain.pk}": "4"})
    assert OutcomeRating.objects.get().rating == 4


def test_the_due_list_shows_baselines_and_overdue_reviews_in_scope(
    person, owner, owner_client, other_area
):
    intro = person.introductions.get()
    people_services.introduction_decide(
        user=owner,
        introduction=intro,
        decision=Level.WALKING_ALONGSIDE,
        expected_version=intro.version,
    )
    recent = Person.objects.create(
        full_name="Recently Measured", area=person.area, status=Status.ACTIVE
    )
    MeasureResponse.objects.create(
        person=recent,
        measure="ucla3",
        occasion="baseline",
        taken_on=timezone.localdate() - timedelta(days=10),
    )
    overdue = Person.objects.create(full_name="Long Ago", area=person.area, status=Status.ACTIVE)
    MeasureResponse.objects.create(
        person=overdue,
        measure="ucla3",
        occasion="baseline",
        taken_on=timezone.localdate() - timedelta(days=120),
    )
    Person.objects.create(full_name="Elsewhere", area=other_area, status=Status.ACTIVE)
    page = owner_client.get(reverse("outcomes:due")).content.decode()
    assert "Ann Example" in page and "A first measure" in page and "Long Ago" in page
    assert "Recently Measured" not in page and "Elsewhere" not in page


def test_stories_for_reports_come_only_from_people_the_user_works_with(
    person, owner, outsider, other_manager
):
    story = services.story_add(
        user=owner,
        person=person,
        title="T",
        persons_words="w",
        consent_given_by="Ann",
        consent_given_on=timezone.localdate(),
        consent_use="public",
    )
    assert list(queries.stories_for(user=owner, use="council")) == [story]
    assert not queries.stories_for(user=outsider, use="internal").exists()
    assert not queries.stories_for(user=other_manager, use="internal").exists()


@pytest.mark.parametrize("kind", ["avoided", "crisis"])
@pytest.mark.parametrize("quantity", ["99999999999999999999", "1000", "0"])
def test_a_number_of_crises_out_of_range_says_so(person, owner_client, kind, quantity):
    event = UnitCost.objects.get(code="ae_attendance").pk
    response = owner_client.post(
        reverse("outcomes:record_add", args=[person.pk, kind]),
        {
            "on": timezone.localdate().isoformat(),
            "likely_event": event,
            "event_type": event,
            "quantity": quantity,
            "confidence": "high",
            "why_likely": "Three visits last month",
            "instead": "A GP appointment",
        },
    )
    assert response.status_code == 200
    assert escape(forms.QUANTITY_RANGE) in response.content.decode()
    assert f'value="{quantity}"' in response.content.decode()
    assert not CrisisAvoided.objects.exists()

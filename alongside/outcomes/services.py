"""Recording outcomes. Scores are computed here from the answers, never typed in; every write
goes through the people app's versioned, audited record services."""

from dataclasses import asdict
from datetime import date

from django.db import transaction

from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.people.models import Person
from alongside.people.services import record_add, record_update

from .measures import MEASURES, score
from .models import MeasureResponse, OrganisationSettings, OutcomeDomain, OutcomeRating, Story

NOT_REGISTERED = (
    "SWEMWBS can be used once the organisation has registered with the University of Warwick. "
    "An administrator records the registration in the organisation settings."
)


class MeasureNotAvailable(Exception):
    pass


def measure_available(code: str) -> bool:
    measure = MEASURES[code]
    return not measure.needs_registration or bool(
        OrganisationSettings.current().warwick_registration
    )


def measure_record(
    *,
    user,
    person: Person,
    measure: str,
    taken_on: date,
    occasion: str,
    answers: dict,
    form_token=None,
) -> MeasureResponse:
    """Keep the person's answers and the scores computed from them."""
    if not measure_available(measure):
        raise MeasureNotAvailable(NOT_REGISTERED)
    result = score(measure, answers)
    return record_add(
        user=user,
        person=person,
        model=MeasureResponse,
        data={
            "measure": measure,
            "taken_on": taken_on,
            "occasion": occasion,
            "answers": answers,
            "complete": result.complete,
            "scores": [asdict(s) for s in result.scores],
            "reason": result.reason,
        },
        form_token=form_token,
    )


def ratings_record(
    *, user, person: Person, on: date, ratings: dict[OutcomeDomain, int]
) -> list[OutcomeRating]:
    """Rate each outcome with the person at a review, all in one go."""
    with transaction.atomic():
        return [
            record_add(
                user=user,
                person=person,
                model=OutcomeRating,
                data={"domain": domain, "on": on, "rating": rating},
            )
            for domain, rating in ratings.items()
        ]


def story_add(*, user, person: Person, data: dict, domains, form_token=None) -> Story:
    with transaction.atomic():
        story = record_add(user=user, person=person, model=Story, data=data, form_token=form_token)
        story.domains.set(domains)
    return story


def story_update(*, user, story: Story, data: dict, domains, expected_version: int) -> list:
    with transaction.atomic():
        changed = record_update(
            user=user, record=story, data=data, expected_version=expected_version
        )
        if set(story.domains.all()) != set(domains):
            story.domains.set(domains)
            audit_record(
                user=user,
                person_id=story.person_id,
                action=Action.CHANGED,
                record_type="story",
                record_id=story.pk,
                fields=["domains"],
            )
            changed.append("domains")
    return changed


def story_withdraw_consent(*, user, story: Story, on: date, expected_version: int) -> None:
    """The person withdrew consent: the story disappears from every report from now on."""
    record_update(
        user=user,
        record=story,
        data={"consent_withdrawn_on": on},
        expected_version=expected_version,
    )

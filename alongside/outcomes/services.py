"""Every write of a person's outcomes, one named function for each action: measures (scored
here from the answers, never typed in), outcome ratings, crises and crises avoided, and
stories with consent. The shared machinery (version check, double submit, soft removal,
audit) is ``alongside.records``."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from alongside import records
from alongside.accounts.models import User
from alongside.audit.models import Action, RecordType
from alongside.audit.services import audit_record
from alongside.people.models import Person

from .measures import MEASURES, score
from .models import (
    CrisisAvoided,
    CrisisEvent,
    MeasureResponse,
    OrganisationSettings,
    OutcomeDomain,
    OutcomeRating,
    Story,
    UnitCost,
)

Changes = Mapping[str, Any]

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
    user: User,
    person: Person,
    measure: str,
    taken_on: date,
    occasion: str,
    answers: dict[str, int | None],
    form_token: uuid.UUID | None = None,
) -> MeasureResponse:
    """Keep the person's answers to a measure and the scores computed from them."""
    if not measure_available(measure):
        raise MeasureNotAvailable(NOT_REGISTERED)
    result = score(measure, answers)
    return records.add(
        user=user,
        person=person,
        model=MeasureResponse,
        values={
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
    *, user: User, person: Person, on: date, ratings: Mapping[OutcomeDomain, int]
) -> list[OutcomeRating]:
    """Rate each outcome with the person at a review, all in one go."""
    with transaction.atomic():
        return [
            records.add(
                user=user,
                person=person,
                model=OutcomeRating,
                values={"domain": domain, "on": on, "rating": rating},
            )
            for domain, rating in ratings.items()
        ]


# Crises and crises avoided ---------------------------------------------------------------


def crisis_add(
    *,
    user: User,
    person: Person,
    event_type: UnitCost,
    on: date | None = None,
    quantity: int = 1,
    what_happened: str = "",
    form_token: uuid.UUID | None = None,
) -> CrisisEvent:
    """Something that happened to the person: an A&E visit, an admission, an eviction…"""
    return records.add(
        user=user,
        person=person,
        model=CrisisEvent,
        values={
            "on": on or timezone.localdate(),
            "event_type": event_type,
            "quantity": quantity,
            "what_happened": what_happened,
        },
        form_token=form_token,
    )


def crisis_change(
    *, user: User, crisis: CrisisEvent, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=crisis, changes=changes, expected_version=expected_version
    )


def crisis_remove(*, user: User, crisis: CrisisEvent, expected_version: int) -> None:
    records.remove(user=user, record=crisis, expected_version=expected_version)


def crisis_avoided_add(
    *,
    user: User,
    person: Person,
    likely_event: UnitCost,
    why_likely: str,
    instead: str,
    confidence: str,
    on: date | None = None,
    quantity: int = 1,
    confirmed_by: str = "",
    form_token: uuid.UUID | None = None,
) -> CrisisAvoided:
    """A crisis that was likely without support: why you and the person believe so, what
    happened instead, how confident you both are, and who confirmed it."""
    return records.add(
        user=user,
        person=person,
        model=CrisisAvoided,
        values={
            "on": on or timezone.localdate(),
            "likely_event": likely_event,
            "quantity": quantity,
            "why_likely": why_likely,
            "instead": instead,
            "confidence": confidence,
            "confirmed_by": confirmed_by,
        },
        form_token=form_token,
    )


def crisis_avoided_change(
    *, user: User, crisis_avoided: CrisisAvoided, changes: Changes, expected_version: int
) -> list[str]:
    return records.change(
        user=user, record=crisis_avoided, changes=changes, expected_version=expected_version
    )


def crisis_avoided_remove(
    *, user: User, crisis_avoided: CrisisAvoided, expected_version: int
) -> None:
    records.remove(user=user, record=crisis_avoided, expected_version=expected_version)


# Stories ---------------------------------------------------------------------------------


def story_add(
    *,
    user: User,
    person: Person,
    title: str,
    consent_given_by: str,
    consent_given_on: date,
    consent_use: str,
    persons_words: str = "",
    coordinators_words: str = "",
    themes: str = "",
    domains: Iterable[OutcomeDomain] = (),
    form_token: uuid.UUID | None = None,
) -> Story:
    """A story of change, in the person's words and the coordinator's, with the consent the
    person gave: who, when, and how it may be used."""
    with transaction.atomic():
        story = records.add(
            user=user,
            person=person,
            model=Story,
            values={
                "title": title,
                "persons_words": persons_words,
                "coordinators_words": coordinators_words,
                "themes": themes,
                "consent_given_by": consent_given_by,
                "consent_given_on": consent_given_on,
                "consent_use": consent_use,
            },
            form_token=form_token,
        )
        story.domains.set(domains)
    return story


def story_change(
    *,
    user: User,
    story: Story,
    changes: Changes,
    domains: Iterable[OutcomeDomain],
    expected_version: int,
) -> list[str]:
    """Change a story and the outcomes it shows."""
    domains = set(domains)
    with transaction.atomic():
        changed = records.change(
            user=user, record=story, changes=changes, expected_version=expected_version
        )
        if set(story.domains.all()) != domains:
            story.domains.set(domains)
            audit_record(
                user=user,
                person_id=story.person_id,
                action=Action.CHANGED,
                record_type=RecordType.STORY,
                record_id=story.pk,
                fields=["domains"],
            )
            changed.append("domains")
    return changed


def story_withdraw_consent(*, user: User, story: Story, on: date, expected_version: int) -> None:
    """The person withdrew consent: the story disappears from every report from now on."""
    records.change(
        user=user,
        record=story,
        changes={"consent_withdrawn_on": on},
        expected_version=expected_version,
    )

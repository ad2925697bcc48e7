"""What walking alongside leads to, at national scale: the records the impact dashboard
counts, for each person ``people_data`` makes who is supported now or was stepped back from.

In proportion (of those people): a reason for each stepping back; network reviews (70% a
first, 60% of them a later one, the later one usually larger); ONS4 wellbeing (60% a
baseline, half of them a follow-up 3 to 10 months later); 1 to 3 connections for half of
them (most introduced, 70% of those went along, half of those still going at 3 months, some
ended); contributions (15%); formal services sought (20%); crises (10%) and crises avoided
(15%, a third confirmed by a service); outcome-domain ratings (30%, at the start and
later); gaps (5%); stories (3%). Each record is as the services would store it (ONS4
scored by ``outcomes.measures.score``; network size and unpaid ties kept with the ties),
without the audit entries of their creation (the figures never read them).
"""

import random
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta

RINGS = [1, 2, 3, 4]
KINDS = ["family", "friend", "neighbour", "work", "group", "faith", "online", "paid"]
GROUPS = [
    "Lunch club",
    "Walking group",
    "Allotment society",
    "Men's shed",
    "Knit and natter",
    "Choir",
    "Carers' café",
    "Repair café",
]
GIVES = ["Helps at the lunch club", "Gardening at the allotment", "Reads with children"]
SOUGHT = ["Attendance Allowance", "A housing repair", "Council tax support", "A bus pass"]


def made_by(user: int, on: date) -> dict:
    """Who wrote a record, and when: in the afternoon of its day."""
    moment = datetime.combine(on, time(14, 0), UTC)
    return {"created_by_id": user, "created_at": moment, "updated_at": moment}


class Outcomes:
    """Adds to ``tables`` (``people_data.Table`` objects, by name) the records of one person
    at a time (``add``)."""

    NAMES = [
        "support changes",
        "network snapshots",
        "measures",
        "connections",
        "connection stages",
        "contributions",
        "formal services",
        "crises",
        "crises avoided",
        "outcome ratings",
        "gaps",
        "stories",
    ]

    def __init__(self, rng: random.Random, today: date):
        from alongside.connections.models import Need, Outcome, Theme, WhoApplied
        from alongside.outcomes.models import OutcomeDomain, UnitCost
        from alongside.people.models import StepBackReason

        self.rng, self.today = rng, today
        self.reasons = StepBackReason.values
        self.unit_costs = list(UnitCost.objects.values_list("pk", flat=True))
        self.domains = list(OutcomeDomain.objects.filter(active=True).values_list("pk", flat=True))
        self.themes, self.needs = Theme.values, Need.values
        self.service_outcomes, self.who_applied = Outcome.values, WhoApplied.values
        self.scored: dict[tuple, list] = {}

    @staticmethod
    def models() -> dict[str, type]:
        from alongside.connections.models import (
            Connection,
            ConnectionStage,
            Contribution,
            FormalService,
            Gap,
        )
        from alongside.networks.models import NetworkSnapshot
        from alongside.outcomes.models import (
            CrisisAvoided,
            CrisisEvent,
            MeasureResponse,
            OutcomeRating,
            Story,
        )
        from alongside.people.models import SupportChange

        return dict(
            zip(
                Outcomes.NAMES,
                [
                    SupportChange,
                    NetworkSnapshot,
                    MeasureResponse,
                    Connection,
                    ConnectionStage,
                    Contribution,
                    FormalService,
                    CrisisEvent,
                    CrisisAvoided,
                    OutcomeRating,
                    Gap,
                    Story,
                ],
                strict=True,
            )
        )

    def _day(self, after: date, low: int, high: int, until: date) -> date | None:
        day = after + timedelta(days=self.rng.randint(low, high))
        return day if day <= until else None

    def _ons4(self) -> tuple[dict, list]:
        from alongside.outcomes.measures import ONS4_CODES, score

        answers = tuple(self.rng.randint(1, 9) for _ in ONS4_CODES)
        if answers not in self.scored:
            result = score("ons4", dict(zip(ONS4_CODES, answers, strict=True)))
            self.scored[answers] = [asdict(s) for s in result.scores]
        return dict(zip(ONS4_CODES, answers, strict=True)), self.scored[answers]

    def _ties(self, n: int) -> tuple[list[dict], int]:
        ties = [
            {
                "key": k,
                "label": f"Someone {k}",
                "kind": self.rng.choice(KINDS),
                "ring": self.rng.choice(RINGS),
            }
            for k in range(1, n + 1)
        ]
        unpaid = sum(1 for t in ties if t["kind"] != "paid" and t["ring"] != 4)
        return ties, unpaid

    def add(
        self,
        tables,
        *,
        person: int,
        area: int,
        by: int,
        start: date,
        until: date,
        stepped_back: bool,
    ) -> None:
        """The records of a person supported from ``start`` (their introduction) to
        ``until`` (today, or the day they were stepped back from)."""
        rng, t = self.rng, tables

        def stamp(on: date) -> dict:
            return made_by(by, on)

        if stepped_back:
            t["support changes"].add(
                person_id=person,
                kind="stepped_back",
                on=until,
                reason=rng.choice(self.reasons),
                **stamp(until),
            )
        if rng.random() < 0.7 and (first := self._day(start, 14, 60, until)):
            size = rng.randint(2, 9)
            ties, unpaid = self._ties(size)
            t["network snapshots"].add(
                person_id=person,
                taken_on=first,
                ties=ties,
                size=size,
                unpaid=unpaid,
                **stamp(first),
            )
            if rng.random() < 0.6 and (later := self._day(first, 90, 300, until)):
                size = max(1, size + rng.choice([-1, 0, 1, 1, 2, 2, 3, 4, 5]))
                ties, unpaid = self._ties(size)
                t["network snapshots"].add(
                    person_id=person,
                    taken_on=later,
                    ties=ties,
                    size=size,
                    unpaid=unpaid,
                    **stamp(later),
                )
        if rng.random() < 0.6 and (base := self._day(start, 7, 40, until)):
            answers, scores = self._ons4()
            t["measures"].add(
                person_id=person,
                measure="ons4",
                taken_on=base,
                occasion="baseline",
                answers=answers,
                complete=True,
                scores=scores,
                **stamp(base),
            )
            if rng.random() < 0.5 and (follow := self._day(base, 91, 300, until)):
                answers, scores = self._ons4()
                t["measures"].add(
                    person_id=person,
                    measure="ons4",
                    taken_on=follow,
                    occasion="stepping_back" if stepped_back else "review",
                    answers=answers,
                    complete=True,
                    scores=scores,
                    **stamp(follow),
                )
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                self._connection(t, person, by, start, until)
        if rng.random() < 0.15 and (since := self._day(start, 30, 200, until)):
            ended = self._day(since, 20, 400, self.today) if rng.random() < 0.3 else None
            t["contributions"].add(
                person_id=person,
                what=rng.choice(GIVES),
                where="",
                since=since,
                how_often="weekly",
                ended_on=ended,
                **stamp(since),
            )
        if rng.random() < 0.2 and (asked := self._day(start, 7, 120, until)):
            outcome = rng.choice(self.service_outcomes)
            t["formal services"].add(
                person_id=person,
                need=rng.choice(self.needs),
                what=rng.choice(SOUGHT),
                who_applied=rng.choice(self.who_applied),
                applied_on=asked,
                outcome=outcome,
                decided_on=None if outcome == "waiting" else self._day(asked, 7, 60, self.today),
                **stamp(asked),
            )
        if rng.random() < 0.1 and self.unit_costs:
            for _ in range(rng.randint(1, 2)):
                if on := self._day(start, 0, 365, until):
                    t["crises"].add(
                        person_id=person,
                        on=on,
                        event_type_id=rng.choice(self.unit_costs),
                        quantity=1,
                        **stamp(on),
                    )
        if rng.random() < 0.15 and self.unit_costs:
            for _ in range(rng.randint(1, 2)):
                if on := self._day(start, 14, 365, until):
                    t["crises avoided"].add(
                        person_id=person,
                        on=on,
                        likely_event_id=rng.choice(self.unit_costs),
                        quantity=rng.choice([1, 1, 1, 2, 3]),
                        why_likely="They said they would have gone to A&E.",
                        instead="Support from a neighbour and the GP.",
                        confidence=rng.choice(["low", "medium", "medium", "high"]),
                        confirmed_by="Their GP practice" if rng.random() < 0.33 else "",
                        **stamp(on),
                    )
        if rng.random() < 0.3 and self.domains and (rated := self._day(start, 7, 40, until)):
            later = self._day(rated, 90, 300, until)
            for domain in self.domains:
                rating = rng.randint(1, 4)
                t["outcome ratings"].add(
                    person_id=person, domain_id=domain, on=rated, rating=rating, **stamp(rated)
                )
                if later:
                    t["outcome ratings"].add(
                        person_id=person,
                        domain_id=domain,
                        on=later,
                        rating=min(5, rating + rng.randint(0, 2)),
                        **stamp(later),
                    )
        if rng.random() < 0.05 and (on := self._day(start, 7, 200, until)):
            t["gaps"].add(
                person_id=person,
                area_id=area,
                theme=rng.choice(self.themes),
                looked_for="A group for young carers nearby",
                on=on,
                **stamp(on),
            )
        if rng.random() < 0.03 and (on := self._day(start, 60, 400, until)):
            t["stories"].add(
                person_id=person,
                title="Back at the allotment",
                persons_words="In their own words.",
                consent_given_by="The person",
                consent_given_on=on,
                consent_use=rng.choice(["internal", "council", "council", "public"]),
                **stamp(on),
            )

    def _connection(self, t, person: int, by: int, start: date, until: date) -> None:
        rng = self.rng
        made = self._day(start, 7, 200, until)
        if made is None:
            return
        stages = [("suggested", made)]
        if rng.random() < 0.85:
            stages.append(("introduced", made + timedelta(days=rng.randint(1, 14))))
            if rng.random() < 0.7:
                went = stages[-1][1] + timedelta(days=rng.randint(1, 21))
                stages.append(("went_along", went))
                if rng.random() < 0.5:
                    stages.append(("still_connected", went + timedelta(days=91)))
                elif rng.random() < 0.4:
                    stages.append(("ended", went + timedelta(days=rng.randint(7, 80))))
        stages = [(s, on) for s, on in stages if on <= self.today]
        went_along = next((on for s, on in stages if s == "went_along"), None)
        sustained = next((on for s, on in stages if s == "still_connected"), None)
        stage, stage_on = stages[-1]
        connection = t["connections"].add(
            person_id=person,
            kind="group",
            name=rng.choice(GROUPS),
            both_agreed=True,
            stage=stage,
            stage_on=stage_on,
            went_along_on=went_along,
            sustained_on=sustained,
            ended_reason="not_for_them" if stage == "ended" else "",
            **made_by(by, made),
        )
        for s, on in stages:
            t["connection stages"].add(
                connection_id=connection,
                stage=s,
                on=on,
                ended_reason="not_for_them" if s == "ended" else "",
                **made_by(by, on),
            )

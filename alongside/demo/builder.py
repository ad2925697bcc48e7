"""Builds the demo through the same services the screens use: staff, then people taken through
introductions, conversations and the rest of their record (``stories`` holds what they say),
then their connections and contributions (``connections``)."""

import itertools
import random
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

from django.utils import timezone
from faker import Faker

from alongside.accounts.models import Area, Role, Team, User
from alongside.people.models import (
    Agreement,
    GiftKind,
    GiftTerm,
    How,
    Introduction,
    Level,
    NotNowReason,
    Person,
    PlanStep,
    StepBackReason,
    StepStatus,
    SupportChange,
)
from alongside.people.services import (
    conversation_add,
    family_member_add,
    gift_add,
    introduction_decide,
    introduction_record,
    person_change,
    person_reopen,
    person_step_back,
    plan_review_add,
    plan_step_add,
    plan_step_change,
    voice_entry_add,
)

from .connections import Supported, make_connections
from .networks import grow_network
from .outcomes import record_outcomes
from .stories import (
    ADMINISTRATOR,
    ASCII,
    COMMISSIONER,
    COORDINATORS,
    CULTURES,
    DECIDE_NOTES,
    GENERIC_REVIEWS,
    GENERIC_TALKS,
    LANGUAGE_SKILL,
    LIGHT_DONE_NOTE,
    LIGHTS,
    MANAGER,
    NAME_POOLS,
    NICKNAMES,
    NOT_NOW_NOTES,
    PASSWORD,
    PLACES,
    POSTCODE_LETTERS,
    REOPEN_NOTES,
    SEED,
    STAGES,
    STEP_BACK_NOTES,
    STEPPED_BACK_LEVELS,
    STORIES,
    STREET_KINDS,
    STREETS,
    URGENT_LIGHT,
    H,
    Light,
    Step,
    Story,
    Talk,
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


class Demo:
    """Builds the demo with one seeded random generator, so every run makes the same data."""

    def __init__(self, *, people: int, today: date):
        self.n = people
        self.today = today
        self.rng = random.Random(SEED)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(SEED)
        self.terms = {t.name.lower(): t for t in GiftTerm.objects.filter(active=True)}
        self.used_names: set[str] = set()
        self.load: dict[int, int] = {}  # how many people each coordinator walks alongside now
        self.capacity: dict[int, float] = {}
        self.areas_of: dict[int, list[Area]] = {}
        self.supported: list[Supported] = []  # walked alongside or given a connection

    # Staff --------------------------------------------------------------------------------

    def make_staff(self) -> list[tuple[str, User, str]]:
        teams = {name: Team.objects.get_or_create(name=name)[0] for name in self.team_names()}
        self.areas = {}
        self.places = {}
        for place in PLACES:
            area, _ = Area.objects.get_or_create(
                name=place.name,
                defaults={"team": teams[place.team], "postcode_districts": place.postcodes},
            )
            self.areas[place.name] = area
            self.places[area.pk] = place
        logins = []
        self.coordinators: dict[int, list[User]] = {a.pk: [] for a in self.areas.values()}
        self.staff = []
        for name, area_names, capacity in COORDINATORS:
            user = self.user(name, Role.COORDINATOR)
            user.areas.set([self.areas[a] for a in area_names])
            for a in area_names:
                self.coordinators[self.areas[a].pk].append(user)
            self.staff.append(user)
            self.areas_of[user.pk] = [self.areas[a] for a in area_names]
            self.load[user.pk] = 0
            self.capacity[user.pk] = capacity
            logins.append(("Coordinator", user, ", ".join(area_names)))
        manager = self.user(MANAGER, Role.MANAGER)
        manager.teams.set(teams.values())
        logins.append(("Manager", manager, "All areas (both teams)"))
        logins.append(
            (
                "Commissioner",
                self.user(COMMISSIONER, Role.COMMISSIONER),
                "The impact dashboard only",
            )
        )
        admin = self.user(ADMINISTRATOR, Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        logins.append(("Administrator", admin, "Users, areas, vocabulary"))
        return logins

    @staticmethod
    def team_names() -> list[str]:
        return list(dict.fromkeys(p.team for p in PLACES))

    @staticmethod
    def user(full_name: str, role: str, **extra) -> User:
        email = full_name.lower().replace(" ", ".") + "@alongside.example"
        return User.objects.create_user(email, PASSWORD, full_name=full_name, role=role, **extra)

    # People -------------------------------------------------------------------------------

    def stage_plan(self) -> list[str]:
        counts = {key: max(1, round(share * self.n)) for key, share in STAGES}
        counts["walking_alongside"] = self.n - sum(counts.values())
        plan = [key for key, count in counts.items() for _ in range(count)]
        self.rng.shuffle(plan)
        return plan

    def make_people(self) -> None:
        shuffled_stories = list(STORIES)
        shuffled_lights = list(LIGHTS)
        self.rng.shuffle(shuffled_stories)
        self.rng.shuffle(shuffled_lights)
        stories, lights = itertools.cycle(shuffled_stories), itertools.cycle(shuffled_lights)
        seen: dict[str, int] = {}
        for stage in self.stage_plan():
            index = seen.get(stage, 0)
            seen[stage] = index + 1
            heavy_pick, light_pick = next(stories), next(lights)
            if stage == "new":
                self.new_introduction(self.rng.choice([heavy_pick, light_pick]), index)
            elif stage in ("information", "connection", "short_term"):
                self.light(light_pick, Level(stage), stepped_back=None)
            elif stage == "not_now":
                not_now_reason = list(NotNowReason)[index % len(NotNowReason)]
                self.not_now(self.rng.choice([heavy_pick, light_pick]), not_now_reason)
            elif stage == "stepped_back":
                level = STEPPED_BACK_LEVELS[index % len(STEPPED_BACK_LEVELS)]
                if level == Level.WALKING_ALONGSIDE:
                    ending = list(StepBackReason)[(index // 2) % len(StepBackReason)]
                    self.walking_alongside(heavy_pick, ending=ending)
                else:
                    self.light(light_pick, level, stepped_back=StepBackReason.GOING_WELL)
            elif stage == "reopened":
                self.walking_alongside(heavy_pick, ending=StepBackReason.GOING_WELL, reopen=index)
            else:
                self.walking_alongside(heavy_pick)
        make_connections(
            rng=self.rng, today=self.today, supported=self.supported, coordinators=self.coordinators
        )

    def pick_area(self) -> Area:
        places = list(PLACES)
        place = self.rng.choices(places, weights=[p.weight for p in places])[0]
        return self.areas[place.name]

    def pick_coordinator(self, area: Area) -> User:
        return self.rng.choice(self.coordinators[area.pk])

    def pick_walker(self) -> tuple[User, Area]:
        """One of the coordinators with most room to walk alongside someone, and an area."""
        ranked = sorted(self.staff, key=lambda u: (self.load[u.pk] / self.capacity[u.pk], u.pk))
        coordinator = self.rng.choice(ranked[:2])
        return coordinator, self.rng.choice(self.areas_of[coordinator.pk])

    def identity(self, story, area: Area) -> dict:
        rng, fake = self.rng, self.fake
        gender = getattr(story, "gender", None) or rng.choice("fm")
        culture = (
            getattr(story, "culture", None)
            or rng.choices([c for c, _ in CULTURES], weights=[w for _, w in CULTURES])[0]
        )
        for _ in range(30):  # avoid repeating a name, as far as the name pools allow
            if culture in NAME_POOLS:
                women, men, surnames = NAME_POOLS[culture]
                first = rng.choice(women if gender == "f" else men)
                last = rng.choice(surnames)
            else:
                first = fake.first_name_female() if gender == "f" else fake.first_name_male()
                last = fake.last_name()
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        lo, hi = story.ages
        age = rng.randint(lo, hi)
        dob = self.today - timedelta(days=age * 365 + rng.randint(0, 364))
        place = self.places[area.pk]
        sector = rng.choice(area.postcode_prefixes())
        postcode = f"{sector}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        street = f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
        flat = f"Flat {rng.randint(1, 24)}, " if rng.random() < 0.2 else ""
        slug = f"{first}.{last}".translate(ASCII).lower().replace("'", "").replace("-", "")
        data: dict[str, Any] = {
            "full_name": f"{first} {last}",
            "preferred_name": NICKNAMES.get(first, "") if rng.random() < 0.6 else "",
            "pronouns": ("she/her" if gender == "f" else "he/him") if rng.random() < 0.35 else "",
            "date_of_birth": dob if rng.random() < 0.85 else None,
            "phone": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.9 else "",
            "email": f"{slug}{rng.randint(1, 99)}@example.com" if rng.random() < 0.5 else "",
            "address": f"{flat}{rng.randint(1, 160)} {street}\nLeeds",
            "postcode": postcode,
            "area": area,
        }
        she = gender == "f"
        ctx = {
            "name": data["preferred_name"] or first,
            "full": data["full_name"],
            "sub": "she" if she else "he",
            "obj": "her" if she else "him",
            "pos": "her" if she else "his",
            "refl": "herself" if she else "himself",
            "area": area.name,
            "surgery": place.surgery,
            "school": place.school,
            "centre": place.centre,
            "library": place.library,
            "late": "husband" if she else "wife",
            "late_name": fake.first_name_male() if she else fake.first_name_female(),
            "doctor": f"Dr {rng.choice(('Patel', 'Okafor', 'Brennan', 'Shah', 'Hughes', 'Ali'))}",
            "worker": f"{fake.first_name()} {fake.last_name()}",
            "neighbour": f"{fake.first_name()} {fake.last_name()}",
            "relative": f"{fake.first_name()} {last}",
        }
        ctx["Sub"], ctx["Pos"] = ctx["sub"].capitalize(), ctx["pos"].capitalize()
        family = []
        for i, kin in enumerate(getattr(story, "family", ())):
            kin_gender = ("m" if she else "f") if kin.gender == "opposite" else kin.gender
            relationship = kin.relationship
            if relationship == "spouse":
                relationship = "Husband" if kin_gender == "m" else "Wife"
            kin_first = fake.first_name_male() if kin_gender == "m" else fake.first_name_female()
            if culture in NAME_POOLS:
                kin_first = rng.choice(NAME_POOLS[culture][0 if kin_gender == "f" else 1])
            ctx[f"f{i}"] = kin_first
            ctx[f"f{i}rel"] = relationship.lower()
            family.append((f"{kin_first} {last}", relationship, kin))
            if i == 0:
                ctx["relative"] = f"{kin_first} {last}"
        return {"data": data, "ctx": ctx, "family": family, "culture": culture}

    def introduction_data(self, story, ctx, received: date, *, new: bool) -> dict:
        rng = self.rng
        kind, name, org, channel = rng.choice(story.introducers)
        if kind == H.SELF:
            contact = ""
        elif kind in (H.FAMILY, H.FRIEND):
            contact = f"07700 900{rng.randint(0, 999):03d}"
        else:
            contact = f"0113 496 0{rng.randint(0, 999):03d}"
        if new:
            agreement = rng.choices(list(Agreement), weights=[7, 2, 1])[0]
        else:
            agreement = Agreement.AGREES if rng.random() < 0.9 else Agreement.NOT_ASKED
        data = {
            "received_on": received,
            "channel": channel,
            "introducer_kind": kind,
            "introducer_name": name.format(**ctx),
            "introducer_organisation": org.format(**ctx),
            "introducer_contact": contact,
            "whats_going_on": story.going_on.format(**ctx),
            "what_matters": getattr(story, "intro_matters", story.matters).format(**ctx),
            "agreement": agreement,
        }
        return data

    def record(self, person_data, intro_data, taker, person=None) -> Introduction:
        return introduction_record(
            user=taker, person_data=person_data, introduction_data=intro_data, person=person
        )

    def decide(self, intro, *, user, decision, on: date, coordinator=None, reason="", note=""):
        intro = introduction_decide(
            user=user,
            introduction=intro,
            decision=decision,
            coordinator=coordinator,
            not_now_reason=reason,
            note=note,
            expected_version=intro.version,
        )
        # The service stamps the decision with today's date; the demo dates it in the past.
        Introduction.objects.filter(pk=intro.pk).update(decided_at=_at(on, 11))
        self.backdate_latest_change(intro.person_id, on)
        return Person.objects.get(pk=intro.person_id)

    @staticmethod
    def backdate_latest_change(person_id: int, on: date) -> None:
        latest = SupportChange.objects.filter(person_id=person_id).latest("id")
        SupportChange.objects.filter(pk=latest.pk).update(on=on)

    def days_ago(self, lo: int, hi: int) -> date:
        return self.today - timedelta(days=self.rng.randint(lo, hi))

    # Stages -------------------------------------------------------------------------------

    def new_introduction(self, story, index: int) -> None:
        area = self.pick_area()
        who = self.identity(story, area)
        urgent = index % 4 == 0
        received = self.days_ago(0, 4) if urgent else self.days_ago(0, 20)
        data = self.introduction_data(story, who["ctx"], received, new=True)
        if urgent:
            detail = getattr(story, "urgent", "") or URGENT_LIGHT
            data.update(urgent=True, urgent_detail=detail.format(**who["ctx"]))
        taker = self.rng.choice(self.coordinators[area.pk])
        self.record(who["data"], data, taker)

    def not_now(self, story, reason: NotNowReason) -> None:
        area = self.pick_area()
        who = self.identity(story, area)
        received = self.days_ago(12, 400)
        decided = min(received + timedelta(days=self.rng.randint(1, 20)), self.today)
        intro = self.record(
            who["data"],
            self.introduction_data(story, who["ctx"], received, new=False),
            self.rng.choice(self.coordinators[area.pk]),
        )
        self.decide(
            intro,
            user=self.rng.choice(self.coordinators[area.pk]),
            decision="not_now",
            on=decided,
            reason=reason,
            note=NOT_NOW_NOTES[reason].format(**who["ctx"]),
        )

    def light(self, story: Light, level: Level, *, stepped_back) -> None:
        rng = self.rng
        area = self.pick_area()
        coordinator = self.pick_coordinator(area)
        who = self.identity(story, area)
        ctx = {**who["ctx"], "coord": coordinator.get_short_name()}
        received = self.days_ago(60, 500) if stepped_back else self.days_ago(3, 50)
        decided = min(received + timedelta(days=rng.randint(0, 6)), self.today)
        intro = self.record(
            who["data"],
            self.introduction_data(story, ctx, received, new=False),
            rng.choice(self.coordinators[area.pk]),
        )
        how_many = {Level.INFORMATION: 1, Level.CONNECTION: 2}.get(level, 3)
        person = intro.person
        day = decided
        for talk in story.talks[:how_many]:
            self.talk(coordinator, person, talk, ctx, day)
            day = min(day + timedelta(days=rng.randint(3, 12)), self.today)
        person = self.decide(
            intro,
            user=coordinator,
            decision=level,
            on=decided,
            coordinator=coordinator,
            note=story.decision_note.format(**ctx),
        )
        if level == Level.SHORT_TERM:
            person_change(
                user=coordinator,
                person=person,
                changes={"what_matters": story.matters.format(**ctx)},
                expected_version=person.version,
            )
            closed = stepped_back is not None or rng.random() < 0.5
            for step in story.steps:
                self.plan_step(coordinator, person, step, ctx, decided, closed=closed, end=day)
        for name in story.gifts:
            self.gift(coordinator, person, name, "")
        on = self.today
        if stepped_back:
            on = min(day + timedelta(days=rng.randint(1, 10)), self.today - timedelta(days=7))
            on = max(on, decided)
            person_step_back(
                user=coordinator,
                person=person,
                reason=stepped_back,
                note=LIGHT_DONE_NOTE.format(**ctx),
                on=on,
                expected_version=person.version,
            )
        if level != Level.INFORMATION:
            self.supported.append(
                Supported(
                    person=person,
                    coordinator=coordinator,
                    situation=story.key,
                    ctx=ctx,
                    start=decided,
                    end=on,
                    walking=False,
                    stepped_back=stepped_back or "",
                )
            )

    def walking_alongside(self, story: Story, *, ending=None, reopen: int | None = None) -> None:
        rng = self.rng
        coordinator, area = self.pick_walker()
        if reopen is not None or not ending:
            self.load[coordinator.pk] += 1
        who = self.identity(story, area)
        ctx = {**who["ctx"], "coord": coordinator.get_short_name()}
        if reopen is not None:
            received = self.days_ago(420, 720)
        elif ending:
            received = self.days_ago(200, 720)
        else:
            received = self.today - timedelta(days=int(rng.triangular(21, 560, 140)))
        decided = received + timedelta(days=rng.randint(2, 18))
        if ending:
            end = min(decided + timedelta(days=rng.randint(90, 330)), self.today - timedelta(7))
        else:
            end = max(self.today - timedelta(days=rng.randint(0, 10)), decided)
        intro = self.record(
            who["data"],
            self.introduction_data(story, ctx, received, new=False),
            rng.choice(self.coordinators[area.pk]),
        )
        person = intro.person
        days = max((end - decided).days, 1)
        count = max(1, min(12, round(1 + days / 30 * rng.uniform(0.5, 1.3))))
        dates = sorted(decided + timedelta(days=rng.randint(1, days)) for _ in range(count - 1))
        dates = [decided, *dates]
        talks = self.conversation_plan(story, count)

        # The first conversation comes before the decision; family first so names are known.
        family = {}
        for full_name, relationship, kin in who["family"]:
            family[full_name] = family_member_add(
                user=coordinator,
                person=person,
                name=full_name,
                relationship=relationship,
                lives_with_person=kin.lives_with,
                notes=kin.notes.format(**ctx),
            )
        self.talk(coordinator, person, talks[0], ctx, dates[0])
        person = self.decide(
            intro,
            user=coordinator,
            decision=Level.WALKING_ALONGSIDE,
            on=decided,
            coordinator=coordinator,
            note=rng.choice(DECIDE_NOTES[Level.WALKING_ALONGSIDE]).format(**ctx),
        )
        for talk, day in zip(talks[1:], dates[1:], strict=True):
            self.talk(coordinator, person, talk, ctx, day)

        person_change(
            user=coordinator,
            person=person,
            changes={
                "what_matters": story.matters.format(**ctx),
                "vision": story.vision.format(**ctx),
            },
            expected_version=person.version,
        )
        vision_day = dates[1] if len(dates) > 1 else decided
        Person.objects.filter(pk=person.pk).update(vision_updated_at=_at(vision_day, 15))
        person.refresh_from_db()

        self.gifts(coordinator, person, story, who, family, ctx)
        steps = story.steps[: rng.randint(1, len(story.steps))]
        closed = len(steps) if ending else min(len(steps) - 1, round(len(steps) * days / 240))
        for i, step in enumerate(steps):
            self.plan_step(coordinator, person, step, ctx, decided, closed=i < closed, end=end)
        how_many = min(3, days // 100)
        reviews = [*GENERIC_REVIEWS[: max(0, how_many - len(story.reviews))], *story.reviews]
        for i, note in enumerate(reviews[:how_many]):
            on = decided + timedelta(days=(i + 1) * 90 + rng.randint(-10, 10))
            if on < end:
                plan_review_add(user=coordinator, person=person, on=on, note=note.format(**ctx))
        for voice in story.voice[: rng.choice((0, 1, 1, 2, 3))]:
            voice_entry_add(
                user=coordinator,
                person=person,
                on=decided + timedelta(days=rng.randint(1, days)),
                kind=voice.kind,
                about=voice.about.format(**ctx),
                with_whom=voice.with_whom.format(**ctx),
                what_happened=voice.what_happened.format(**ctx),
            )

        if rng.random() < 0.85:
            grow_network(
                rng=rng,
                fake=self.fake,
                user=coordinator,
                person=person,
                family=[(name.split(" ")[0], rel.lower()) for name, rel, _ in who["family"]],
                start=min(decided + timedelta(days=7), end),
                end=end,
            )
        record_outcomes(
            rng=rng,
            user=coordinator,
            person=person,
            situation=story.key,
            start=decided,
            end=end,
            ctx=ctx,
            stepped_back=bool(ending),
        )
        if ending:
            person.refresh_from_db()
            person = person_step_back(
                user=coordinator,
                person=person,
                reason=ending,
                note=STEP_BACK_NOTES[ending].format(**ctx),
                on=end,
                expected_version=person.version,
            )
        if reopen is not None:
            self.reopen(story, person, who, ctx, coordinator, after=end, by_introduction=reopen % 2)
        stepped_back = ending if ending and reopen is None else ""
        self.supported.append(
            Supported(
                person=person,
                coordinator=coordinator,
                situation=story.key,
                ctx=ctx,
                start=decided,
                end=end if stepped_back else self.today,
                walking=True,
                stepped_back=stepped_back,
            )
        )

    def reopen(self, story, person, who, ctx, coordinator, *, after: date, by_introduction):
        rng = self.rng
        gap = (self.today - after).days - 1
        back = self.today - timedelta(days=rng.randint(min(10, gap), min(90, gap)))
        if by_introduction:
            data = self.introduction_data(story, ctx, back - timedelta(days=3), new=False)
            data["whats_going_on"] = "Known to us before. " + data["whats_going_on"]
            intro = self.record({}, data, coordinator, person=person)
            person = self.decide(
                intro,
                user=coordinator,
                decision=Level.WALKING_ALONGSIDE,
                on=back,
                coordinator=coordinator,
                note="Good to see {name} again. Picking up where we left off.".format(**ctx),
            )
        else:
            person = person_reopen(
                user=coordinator,
                person=person,
                level=Level.WALKING_ALONGSIDE,
                note=rng.choice(REOPEN_NOTES).format(**ctx),
                expected_version=person.version,
            )
            self.backdate_latest_change(person.pk, back)
        for i in range(rng.randint(1, 3)):
            day = min(back + timedelta(days=i * rng.randint(7, 20)), self.today)
            self.talk(coordinator, person, rng.choice(GENERIC_TALKS), ctx, day)
        plan_step_add(
            user=coordinator,
            person=person,
            what="Meet every fortnight and see how things go",
            who="{name} and {coord}".format(**ctx),
            by_when=self.today + timedelta(days=rng.randint(14, 60)),
        )

    # Records ------------------------------------------------------------------------------

    def conversation_plan(self, story: Story, count: int) -> list[Talk]:
        """The story's own conversations in order, with everyday ones woven in between."""
        generic = list(GENERIC_TALKS)
        self.rng.shuffle(generic)
        own = list(story.talks)
        plan = [own.pop(0)]
        while len(plan) < count:
            if own and (not generic or self.rng.random() < 0.6):
                plan.append(own.pop(0))
            else:
                plan.append(generic.pop() if generic else self.rng.choice(GENERIC_TALKS))
        return plan

    def talk(self, user, person, talk: Talk, ctx: dict, on: date) -> None:
        rng = self.rng
        minutes = {
            How.IN_PERSON: rng.randrange(30, 100, 5),
            How.GROUP: rng.randrange(60, 125, 15),
            How.PHONE: rng.randrange(10, 45, 5),
            How.VIDEO: rng.randrange(20, 50, 5),
        }.get(talk.how)
        conversation_add(
            user=user,
            person=person,
            on=on,
            how=talk.how,
            notes=talk.notes.format(**ctx),
            where=talk.where.format(**ctx) if talk.where else "",
            who_was_there=talk.who.format(**ctx) if talk.who else "",
            duration_minutes=minutes,
        )

    def gift(self, user, person, name: str, description: str, family_member=None) -> None:
        term = self.terms.get(name.lower())
        gift_add(
            user=user,
            person=person,
            term=term,
            description=description or ("" if term else name),
            family_member=family_member,
        )

    def gifts(self, user, person, story: Story, who, family, ctx) -> None:
        rng = self.rng
        names = list(story.gifts)
        if who["culture"] in LANGUAGE_SKILL:
            names.insert(0, LANGUAGE_SKILL[who["culture"]])
        count = rng.randint(2, 6)
        chosen = names[:1] + rng.sample(names[1:], min(len(names) - 1, count - 1))
        for name in chosen:
            self.gift(user, person, name, "")
        if story.own_words and rng.random() < 0.7:
            gift_add(
                user=user,
                person=person,
                kind=GiftKind.GIFT,
                description=story.own_words[0].format(**ctx),
            )
        if story.family_gift and family and rng.random() < 0.6:
            name, description = story.family_gift
            member = next(iter(family.values()))
            self.gift(user, person, name, description.format(**ctx), family_member=member)

    def plan_step(self, user, person, step: Step, ctx, start: date, *, closed: bool, end: date):
        """Add a step to the plan; a closed one is then marked done (or not done) with how it
        went, as a coordinator would."""
        rng = self.rng
        span = max((end - start).days, 1)
        what, who = step.what.format(**ctx), step.who.format(**ctx)
        if not closed:
            if rng.random() < 0.15:  # the odd open step is overdue
                by_when = self.today - timedelta(days=rng.randint(2, 10))
            else:
                by_when = self.today + timedelta(days=rng.randint(5, 45))
            plan_step_add(user=user, person=person, what=what, who=who, by_when=by_when)
            return
        completed = start + timedelta(days=rng.randint(1, span))
        done = rng.random() < 0.85
        by_when = completed + timedelta(days=rng.randint(-5, 10))
        plan_step = plan_step_add(user=user, person=person, what=what, who=who, by_when=by_when)
        plan_step_change(
            user=user,
            plan_step=plan_step,
            changes={
                "status": StepStatus.DONE if done else StepStatus.NOT_DONE,
                "outcome": (step.done if done else step.not_done).format(**ctx),
            },
            expected_version=plan_step.version,
        )
        # The service dates the step done today; the demo dates it in the past.
        PlanStep.objects.filter(pk=plan_step.pk).update(completed_on=completed)

"""Made-up people at national scale, for the introductions benchmark (``bench/introductions.py``).

``build(people, seed=...)`` fills an empty, migrated database with 40 teams of 10 areas each
(400 areas in the LS postcode area), 500 coordinators (one area each; 100 areas have two), a
manager for each team, and ``people`` people spread evenly over the areas, with their
introductions, conversations, plan steps and the audit entries of their creation. The staff
are made with ``bulk_create``; the people and their records with plain INSERTs (COPY on
PostgreSQL) in chunks of 5,000 people, without Django's query compiler and not through the
services (which check and audit every write one at a time): 200,000 people take about two
minutes on SQLite or PostgreSQL.

The people are as the services would have stored them: names from Faker ``en_GB`` (a fixed
seed), with Polish, Irish, Turkish and other names with accents (Wójcik, Siobhán), some
titles ("Mrs", "Dr") and short forms ("Bob"); mobile numbers in the 07700 range, typed in
several ways ("07700 900123", "07700900123", "+44 7700 900123"): Ofcom's drama numbers
(07700 900000 to 900999) are too few for 200,000 people, so the whole range of a million is
used; one person in twenty shares a number with someone else in their area (a household, a
hostel), a few more share one by chance; postcodes in their area's LS sector; dates of
birth; and the matching keys that ``alongside.people.matching.keys_for`` makes from those
details. One in a hundred is a second record of someone already recorded in another area
(the same date of birth, their name typed another way), so that ``matches_elsewhere`` has
something to find.

Of the people, about 3% are new introductions waiting for a first conversation (one in ten
urgent), 15% are supported now, 17% were "not now" and 65% have been stepped back from.
The people supported now have about ten conversations each (mostly within the last few
weeks) and those stepped back from about fourteen, back to their introduction: about
2,000,000 for 200,000 people. Those supported now have a few plan steps, most of them open
with a date by when. With ``outcomes`` (``outcomes_data``), everyone supported also has
what support led to: network reviews, wellbeing measures, connections, crises and more;
without, there are no wellbeing measures, so everyone supported is due a first one in My
day.
"""

import json
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from django.db import models
from django.db.models import Max
from faker import Faker

CHUNK = 5000  # people inserted (with their records) in one transaction

# Teams are named after a place; each team's ten areas are that place's parts, each in one
# postcode sector of the team's district.
TEAM_PLACES = [
    "Armley",
    "Beeston",
    "Bramley",
    "Burley",
    "Chapel Allerton",
    "Chapeltown",
    "Cross Gates",
    "Farnley",
    "Garforth",
    "Gipton",
    "Guiseley",
    "Harehills",
    "Headingley",
    "Holbeck",
    "Horsforth",
    "Hunslet",
    "Hyde Park",
    "Killingbeck",
    "Kippax",
    "Kirkstall",
    "Meanwood",
    "Middleton",
    "Moortown",
    "Morley",
    "Otley",
    "Pudsey",
    "Rawdon",
    "Rothwell",
    "Roundhay",
    "Seacroft",
    "Swarcliffe",
    "Weetwood",
    "Wetherby",
    "Whinmoor",
    "Wortley",
    "Yeadon",
    "Alwoodley",
    "Adel",
    "Boston Spa",
    "Calverley",
]
AREA_PARTS = [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Park",
    "Moor",
    "Bank",
    "Hill",
    "Green",
]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREETS = ["Road", "Street", "Avenue", "Grove", "Terrace", "Lane", "Close", "Mount", "View"]

# Names that Faker en_GB does not give: with accents, apostrophes, and from the communities a
# coordinator in Leeds meets. (first names female, first names male, last names)
OTHER_NAMES = [
    (
        ["Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Michalina", "Bożena"],
        ["Łukasz", "Paweł", "Krzysztof", "Wojciech", "Jędrzej", "Tomasz"],
        ["Wójcik", "Nowak", "Kowalczyk", "Zając", "Wiśniewska", "Dąbrowski", "Król", "Łęcki"],
    ),
    (
        ["Siobhán", "Aoife", "Niamh", "Róisín", "Sinéad", "Máire"],
        ["Seán", "Ciarán", "Pádraig", "Eoin", "Darragh", "Tadhg"],
        ["O'Neill", "Ó Briain", "MacGiolla", "Ní Dhomhnaill", "O'Sullivan", "Mac Cárthaigh"],
    ),
    (
        ["Zoë", "Chloé", "Renée", "Noémie", "Anaïs", "Hélène"],
        ["José", "André", "François", "Jérôme", "Raphaël", "Joël"],
        ["Müller", "Löwe", "Gómez", "Núñez", "Lefèvre", "Søndergård", "Brontë"],
    ),
    (
        ["Aisha", "Farzana", "Shazia", "Rukhsana", "Anjali", "Nadia"],
        ["Imran", "Tariq", "Asif", "Mohammed", "Rajesh", "Sanjay"],
        ["Hussain", "Khan", "Ahmed", "Patel", "Akhtar", "Iqbal", "Mahmood"],
    ),
    (
        ["Ayşe", "Elif", "Gülşen", "Şule"],
        ["Çağlar", "Emre", "Oğuz", "Barış"],
        ["Öztürk", "Şahin", "Yılmaz", "Çelik", "Doğan"],
    ),
]
TITLES = ["Mrs", "Mr", "Ms", "Miss", "Dr", "Mx", "Rev"]
# Short forms a first name is sometimes given as (matching.py knows these).
SHORT = {
    "Robert": "Bob",
    "William": "Bill",
    "Elizabeth": "Liz",
    "James": "Jim",
    "Michael": "Mike",
    "David": "Dave",
    "Susan": "Sue",
    "Katherine": "Kate",
    "Thomas": "Tom",
    "Christopher": "Chris",
    "Margaret": "Maggie",
    "Jennifer": "Jenny",
    "Anthony": "Tony",
    "Andrew": "Andy",
    "Daniel": "Dan",
    "Joseph": "Joe",
    "Peter": "Pete",
    "Edward": "Ted",
    "Patricia": "Pat",
    "Samuel": "Sam",
}
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
PRONOUNS = ["she/her", "he/him", "they/them"]
# Choices, as the models have them (the models are imported once Django is set up).
LEVELS = ["walking_alongside", "short_term", "connection", "information"]
LEVEL_WEIGHTS = [50, 25, 15, 10]
CHANNELS = ["phone", "in_person", "email", "online", "other"]
INTRODUCERS = ["self", "family", "friend", "health", "council", "housing", "police", "school"]
INTRODUCERS += ["voluntary", "other"]
AGREEMENTS = ["agrees", "not_asked", "unaware"]
HOWS = ["in_person", "phone", "video", "message", "group"]
# The fields each audit entry of a creation names.
PERSON_FIELDS = ["address", "area", "date_of_birth", "email", "full_name", "phone", "postcode"]
INTRODUCTION_FIELDS = ["agreement", "channel", "introducer_kind", "received_on", "whats_going_on"]
CONVERSATION_FIELDS = ["how", "notes", "on", "where"]
STEP_FIELDS = ["by_when", "what", "who"]

WHATS_GOING_ON = [
    "Lives alone since her husband died and has stopped going out much.",
    "Struggling with bills after losing his job; worried about the winter.",
    "New to the area with two young children and knows nobody yet.",
    "Was a keen gardener and would like to get back to it.",
    "Recently out of hospital and finding the stairs hard.",
    "Caring for his mum and has no time for himself.",
    "Would like to meet people who speak Polish.",
    "The GP thinks a walking group or a lunch club could help.",
    "Housing have been round twice about the state of the garden.",
    "Lonely since retiring; used to love singing in a choir.",
]
TALK = [
    "We met at the community centre over a cup of tea.",
    "Talked about what a good day looks like.",
    "Went together to the lunch club; stayed for the quiz afterwards.",
    "Rang to see how the appointment went: better than expected.",
    "Looked at the bus times to the allotments and planned a first visit.",
    "Met the neighbour who runs the knit and natter group.",
    "Went through the letters from the council together and made a list.",
    "Said the week had been hard but the walk on Thursday helped.",
    "Talked about family, and the grandchildren visiting at half term.",
    "Worked out who else could help with the shopping.",
    "Agreed to try the men's shed next week, with me there the first time.",
    "Nothing urgent; a catch-up and a laugh.",
]
WHERE = ["At home", "Community centre", "Library", "Café on the high street", "By phone", ""]
STEPS = [
    "Visit the lunch club together",
    "Ring the housing officer about the repairs",
    "Try the walking group on Tuesday",
    "Ask the library about computer help",
    "Find out about a bus pass",
    "Meet the allotment society",
    "Look into the credit union",
    "Introduce to the neighbour who gardens",
    "Go to the carers' café",
    "Write down what a good week looks like",
]


class Table:
    """Rows of one model, inserted without Django's query compiler (most of the time of a
    ``bulk_create`` of millions of rows): ids given here, defaults filled in, each value as the
    database takes it; ``executemany`` of one INSERT on SQLite, COPY on PostgreSQL."""

    def __init__(self, model, connection):
        self.model, self.connection = model, connection
        self.fields = model._meta.concrete_fields
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        # A default made for each row (a new UUID, say) is made again for each row.
        self.each_row = [f for f in self.fields if f.has_default() and callable(f.default)]
        self.convert = [self._converter(f) for f in self.fields]
        self.next_id = (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.rows: list[tuple] = []
        self.count = 0

    def _converter(self, field) -> Callable:
        sqlite = self.connection.vendor == "sqlite"
        if isinstance(field, models.JSONField):
            return json.dumps
        if isinstance(field, models.DateTimeField):
            if sqlite:
                return self.connection.ops.adapt_datetimefield_value
        elif isinstance(field, models.DateField) and sqlite:
            return lambda value: value and value.isoformat()
        return lambda value: value

    def add(self, **values) -> int:
        """Queue a row (attribute names as on the model: ``person_id``); its id."""
        pk = self.next_id
        self.next_id += 1
        row = self.defaults | values
        for field in self.each_row:
            if field.attname not in values:
                row[field.attname] = field.get_default()
        row["id"] = pk
        self.rows.append(
            tuple(c(row[f.attname]) for f, c in zip(self.fields, self.convert, strict=True))
        )
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        quote = self.connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", self.rows)
        self.count += len(self.rows)
        self.rows = []


def at(day: date, rng: random.Random) -> datetime:
    """A time in the working day of ``day`` (never later than now)."""
    moment = datetime.combine(day, clock(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)
    return min(moment, datetime.now(UTC))


class Generator:
    def __init__(self, *, seed: int, today: date):
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.today = today
        self.counts: dict[str, int] = {}
        self.phones: dict[int, list[str]] = {}  # numbers given so far in each area
        self.known: list[tuple[str, str, date | None, str]] = []  # for second records
        # Introducers and streets: Faker's, drawn once (a Faker call for each would be most of
        # the time of making the records).
        self.names = [f"{self.fake.first_name()} {self.fake.last_name()}" for _ in range(3000)]
        self.streets = [f"{self.fake.last_name()} {self.rng.choice(STREETS)}" for _ in range(3000)]
        self.tables: dict[str, Table] = {}
        self.outcomes = None  # outcomes_data.Outcomes, when asked for

    # Staff ---------------------------------------------------------------------------
    def staff(self) -> None:
        from alongside.accounts.models import Area, Role, Team, User

        teams = Team.objects.bulk_create(
            Team(name=f"{place} locality") for place in TEAM_PLACES[:40]
        )
        areas = []
        for t, team in enumerate(teams):
            district = f"LS{t % 28 + 1}"
            for p, part in enumerate(AREA_PARTS):
                areas.append(
                    Area(
                        name=f"{TEAM_PLACES[t]} {part}",
                        team=team,
                        postcode_districts=f"{district} {p}",
                    )
                )
        self.areas = Area.objects.bulk_create(areas)
        self.team_of = {a.pk: a.team_id for a in self.areas}

        def user(role: str, n: int) -> "User":
            first, last = self.fake.first_name(), self.fake.last_name()
            return User(
                email=f"{role}{n}@bench.example",
                full_name=f"{first} {last}",
                role=role,
                password="!",  # an unusable password: the benchmark signs in with force_login
            )

        coordinators = User.objects.bulk_create(user(Role.COORDINATOR, n) for n in range(500))
        managers = User.objects.bulk_create(user(Role.MANAGER, n) for n in range(len(teams)))
        self.name_of = {u.pk: u.full_name for u in coordinators + managers}
        # Each coordinator works in one area; the last hundred in every fourth area, with
        # the first coordinator there.
        self.coordinators_of: dict[int, list[int]] = {a.pk: [] for a in self.areas}
        links = []
        for n, coordinator in enumerate(coordinators):
            area = self.areas[n] if n < len(self.areas) else self.areas[(n - len(self.areas)) * 4]
            self.coordinators_of[area.pk].append(coordinator.pk)
            links.append(User.areas.through(user_id=coordinator.pk, area_id=area.pk))
        User.areas.through.objects.bulk_create(links)
        User.teams.through.objects.bulk_create(
            User.teams.through(user_id=m.pk, team_id=t.pk)
            for m, t in zip(managers, teams, strict=True)
        )
        self.manager_of = {t.pk: m.pk for m, t in zip(managers, teams, strict=True)}
        self.counts.update(
            teams=len(teams),
            areas=len(self.areas),
            coordinators=len(coordinators),
            managers=len(managers),
        )

    # People --------------------------------------------------------------------------
    def name(self) -> tuple[str, str, str]:
        """(first, last, gender) of someone new."""
        rng = self.rng
        gender = "f" if rng.random() < 0.55 else "m"
        if rng.random() < 0.14:
            female, male, last_names = rng.choice(OTHER_NAMES)
            first = rng.choice(female if gender == "f" else male)
            last = rng.choice(last_names)
            if rng.random() < 0.3:  # married into an English family, or the other way
                last = self.fake.last_name()
        else:
            first = self.fake.first_name_female() if gender == "f" else self.fake.first_name_male()
            last = self.fake.last_name()
            if rng.random() < 0.03:
                last = f"{last}-{rng.choice(OTHER_NAMES)[2][rng.randint(0, 3)]}"
        return first, last, gender

    def full_name(self, first: str, last: str, gender: str) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            first = SHORT.get(first, first)
        title = ""
        if rng.random() < 0.08:
            title = rng.choice(TITLES[:2] if rng.random() < 0.6 else TITLES)
            if title in ("Mrs", "Miss", "Ms") and gender == "m":
                title = "Mr"
            if title == "Mr" and gender == "f":
                title = "Mrs"
        return " ".join(p for p in (title, first, last) if p)

    def phone(self, area_id: int) -> str:
        rng = self.rng
        given = self.phones.setdefault(area_id, [])
        if given and rng.random() < 0.05:  # the household's number, or a hostel's
            number = rng.choice(given[-50:])
        else:
            number = f"7700{rng.randint(0, 999999):06d}"
            given.append(number)
        style = rng.random()
        if style < 0.6:
            return f"0{number[:4]} {number[4:]}"
        if style < 0.8:
            return f"0{number}"
        if style < 0.9:
            return f"+44 {number[:4]} {number[4:]}"
        return f"0{number[:4]} {number[4:7]} {number[7:]}"

    def person(self, area, today: date) -> tuple[dict, bool]:
        """One person's fields (as the services store them), and whether they are a second
        record of someone known elsewhere."""
        from alongside.people.matching import keys_for, plain
        from alongside.people.models import Status

        rng = self.rng
        second = bool(self.known) and rng.random() < 0.01
        if second:  # someone already recorded elsewhere, their name typed another way
            first, last, dob, phone = rng.choice(self.known)
            gender = "f" if rng.random() < 0.5 else "m"
            full_name = self.full_name(first, last, gender)
            if rng.random() < 0.5:
                full_name = plain(full_name).title()
        else:
            first, last, gender = self.name()
            full_name = self.full_name(first, last, gender)
            dob = None
            if rng.random() < 0.85:
                dob = today - timedelta(days=rng.randint(18 * 365, 95 * 365))
            phone = self.phone(area.pk) if rng.random() < 0.85 else ""
            if len(self.known) < 50000:
                self.known.append((first, last, dob, phone))
            elif rng.random() < 0.05:
                self.known[rng.randrange(len(self.known))] = (first, last, dob, phone)
        email = ""
        if rng.random() < 0.55:
            local = f"{plain(first)}.{plain(last)}".replace(" ", "")
            email = f"{local}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
            if rng.random() < 0.1:
                email = email.capitalize()
        postcode = f"{area.postcode_districts}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
        roll = rng.random()
        level = ""
        if roll < 0.03:
            status = Status.NEW
        elif roll < 0.18:
            status = Status.ACTIVE
        elif roll < 0.35:
            status = Status.NOT_NOW
        else:
            status = Status.STEPPED_BACK
        if status in (Status.ACTIVE, Status.STEPPED_BACK):
            level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
        coordinator = rng.choice(self.coordinators_of[area.pk])
        if status == Status.NEW and rng.random() < 0.5:
            coordinator = None  # nobody yet
        if status == Status.NOT_NOW and rng.random() < 0.7:
            coordinator = None
        fields = {
            "full_name": full_name,
            "preferred_name": SHORT.get(first, "") if rng.random() < 0.2 else "",
            "pronouns": rng.choice(PRONOUNS) if rng.random() < 0.1 else "",
            "date_of_birth": dob,
            "phone": phone,
            "email": email,
            "address": f"{rng.randint(1, 220)} {rng.choice(self.streets)}",
            "postcode": postcode,
            "area_id": area.pk,
            "coordinator_id": coordinator,
            "status": str(status),
            "level": str(level),
            "what_matters": rng.choice(WHATS_GOING_ON) if status != Status.NEW else "",
        }
        fields.update(
            keys_for({"full_name": full_name, "phone": phone, "email": email, "postcode": postcode})
        )
        return fields, second

    def by(self, area_id: int, usual: int | None) -> int:
        """Who wrote a record: usually the person's coordinator, sometimes a colleague in the
        area or the team's manager."""
        roll = self.rng.random()
        if usual and roll < 0.85:
            return usual
        if roll < 0.95:
            return self.rng.choice(self.coordinators_of[area_id])
        return self.manager_of[self.team_of[area_id]]

    def audit(self, person_id: int, record_type: str, record_id: int, user_id: int, when, fields):
        self.tables["audit entries"].add(
            at=when,
            user_id=user_id,
            user_name=self.name_of[user_id],
            person_id=person_id,
            action="created",
            record_type=record_type,
            record_id=record_id,
            fields=fields,
        )

    def chunk(self, start: int, count: int) -> None:
        """``count`` people, each with their introductions, conversations, plan steps and
        the audit entries of their creation."""
        from alongside.people.models import NotNowReason, Status, StepStatus

        rng, today = self.rng, self.today
        people, intros, talks, steps = (
            self.tables[name] for name in ("people", "introductions", "conversations", "plan steps")
        )
        not_now_reasons = NotNowReason.values
        for n in range(start, start + count):
            area = self.areas[n % len(self.areas)]
            fields, second = self.person(area, today)
            self.counts["second records"] += second
            status, area_id, coordinator = fields["status"], area.pk, fields["coordinator_id"]
            waiting = status == Status.NEW
            if waiting:
                received = today - timedelta(days=rng.randint(0, 35))
            else:
                received = today - timedelta(days=rng.randint(40, 3 * 365))
            recorder = rng.choice(self.coordinators_of[area_id])
            created = at(received, rng)
            person_id = people.add(
                **fields, created_by_id=recorder, created_at=created, updated_at=created
            )
            self.audit(person_id, "person", person_id, recorder, created, PERSON_FIELDS)

            # Introductions: the one that brought them now, and sometimes one before.
            dates = [received]
            if rng.random() < 0.1:
                dates.insert(0, received - timedelta(days=rng.randint(200, 900)))
            for i, day in enumerate(dates):
                latest = i == len(dates) - 1
                urgent = rng.random() < (0.1 if waiting and latest else 0.03)
                decided_at, decision, reason = None, "", ""
                if not (waiting and latest):
                    decided_at = at(day + timedelta(days=rng.randint(1, 15)), rng)
                    if status == Status.NOT_NOW or not latest:
                        decision, reason = "not_now", rng.choice(not_now_reasons)
                    else:
                        decision = fields["level"]
                by = recorder if latest else self.by(area_id, None)
                written = at(day, rng)
                intro_id = intros.add(
                    person_id=person_id,
                    area_id=area_id,
                    received_on=day,
                    channel=rng.choice(CHANNELS),
                    introducer_kind=rng.choice(INTRODUCERS),
                    introducer_name=rng.choice(self.names),
                    whats_going_on=rng.choice(WHATS_GOING_ON),
                    agreement=rng.choices(AGREEMENTS, [85, 10, 5])[0],
                    urgent=urgent,
                    urgent_detail="Has no heating and it is cold." if urgent else "",
                    decided_at=decided_at,
                    decided_by_id=(coordinator or by) if decided_at else None,
                    decision=decision,
                    not_now_reason=reason,
                    created_by_id=by,
                    created_at=written,
                    updated_at=decided_at or written,
                )
                self.audit(person_id, "introduction", intro_id, by, written, INTRODUCTION_FIELDS)

            # Conversations: those supported now mostly lately, those stepped back from until
            # they were; none before their introduction.
            if status == Status.ACTIVE:
                number = rng.randint(2, 18)
                day = today - timedelta(days=int(rng.expovariate(1 / 20)))
            elif status == Status.STEPPED_BACK:
                number, day = rng.randint(4, 24), today - timedelta(days=rng.randint(30, 365))
            else:
                number = 0
            until = day
            for _ in range(number):
                if day < received:
                    break
                by, written = self.by(area_id, coordinator), at(day, rng)
                talk_id = talks.add(
                    person_id=person_id,
                    on=day,
                    how=rng.choices(HOWS, [50, 30, 5, 10, 5])[0],
                    where=rng.choice(WHERE),
                    duration_minutes=rng.choice([None, 15, 30, 45, 60, 90]),
                    notes=" ".join(rng.sample(TALK, rng.randint(2, 5))),
                    created_by_id=by,
                    created_at=written,
                    updated_at=written,
                )
                self.audit(person_id, "conversation", talk_id, by, written, CONVERSATION_FIELDS)
                day -= timedelta(days=rng.randint(5, 60))

            if self.outcomes is not None and status in (Status.ACTIVE, Status.STEPPED_BACK):
                self.outcomes.add(
                    self.tables,
                    person=person_id,
                    area=area_id,
                    by=coordinator or recorder,
                    start=received,
                    until=until if status == Status.STEPPED_BACK else today,
                    stepped_back=status == Status.STEPPED_BACK,
                )

            # Plan steps of those supported now: a few to do, most with a date, some done.
            if status == Status.ACTIVE:
                planned = [
                    (
                        StepStatus.OPEN,
                        today + timedelta(days=rng.randint(-21, 45))
                        if rng.random() < 0.9
                        else None,
                    )
                    for _ in range(rng.randint(0, 4))
                ] + [
                    (
                        StepStatus.NOT_DONE if rng.random() < 0.2 else StepStatus.DONE,
                        today - timedelta(days=rng.randint(1, 200)),
                    )
                    for _ in range(rng.randint(0, 3))
                ]
                for step_status, by_when in planned:
                    by = self.by(area_id, coordinator)
                    written = at((by_when or today) - timedelta(days=rng.randint(7, 60)), rng)
                    done = step_status != StepStatus.OPEN
                    step_id = steps.add(
                        person_id=person_id,
                        what=rng.choice(STEPS),
                        who=rng.choice(["Together", "Coordinator", fields["full_name"]]),
                        by_when=by_when,
                        status=str(step_status),
                        outcome="It went well." if done else "",
                        completed_on=by_when if done else None,
                        created_by_id=by,
                        created_at=written,
                        updated_at=written,
                    )
                    self.audit(person_id, "plan_step", step_id, by, written, STEP_FIELDS)
        for table in self.tables.values():
            table.flush()


def build(
    people: int,
    *,
    seed: int = 1,
    today: date | None = None,
    outcomes: bool = False,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """Fill the (empty, migrated) database; the number of rows of each kind. With
    ``outcomes``, what support led to as well (``outcomes_data``: networks, measures,
    connections, crises...)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from alongside.audit.models import AuditEntry
    from alongside.people.models import (
        Agreement,
        Channel,
        Conversation,
        How,
        IntroducerKind,
        Introduction,
        Level,
        Person,
        PlanStep,
    )

    for ours, theirs in [
        (LEVELS, Level),
        (CHANNELS, Channel),
        (INTRODUCERS, IntroducerKind),
        (AGREEMENTS, Agreement),
        (HOWS, How),
    ]:
        assert set(ours) <= set(theirs.values), (ours, theirs.values)
    generator = Generator(seed=seed, today=today or timezone.localdate())
    started = time.perf_counter()
    with transaction.atomic():
        generator.staff()
    generator.tables = {
        name: Table(model, connection)
        for name, model in [
            ("people", Person),
            ("introductions", Introduction),
            ("conversations", Conversation),
            ("plan steps", PlanStep),
            ("audit entries", AuditEntry),
        ]
    }
    if outcomes:
        from outcomes_data import Outcomes

        generator.outcomes = Outcomes(generator.rng, generator.today)
        for name, model in Outcomes.models().items():
            generator.tables[name] = Table(model, connection)
    generator.counts["second records"] = 0
    for start in range(0, people, CHUNK):
        with transaction.atomic():
            generator.chunk(start, min(CHUNK, people - start))
        done = min(start + CHUNK, people)
        if done % 50000 == 0 or done == people:
            log(f"  {done:,} people ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:  # ids were given: the sequences go on after them
        models_written = [t.model for t in generator.tables.values()]
        for sql in connection.ops.sequence_reset_sql(no_style(), models_written):
            cursor.execute(sql)
    counts = {name: n for name, n in generator.counts.items() if name != "second records"}
    counts |= {name: table.count for name, table in generator.tables.items()}
    counts["second records"] = generator.counts["second records"]
    return counts

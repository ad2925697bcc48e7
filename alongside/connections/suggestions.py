"""Suggestions that explain themselves: for a person, the community resources and chances
to contribute that fit what they love, what they can give and what suits them.

Two steps, both here:

1. **Candidates, from the database's indexes** (``_candidate_services``): open resources
   with at least one of the person's interest words in their name, description or
   organisation (the full-text index) or in the name of a category they are listed under,
   within the distance they can get to (or ``DEFAULT_KM``), of an age that includes theirs,
   nearest first, at most ``CANDIDATES`` of them; and the open chances to contribute in the
   user's areas. Nothing reads every resource.
2. **One scoring function** (``score``) over a candidate's facts, pure and tested: points
   for each interest found in its name or categories (``NAME_POINTS``) or its description
   (``TEXT_POINTS``), for each gift a chance to contribute needs that the person has
   (``GIFT_POINTS``), for being close (``NEAR_POINTS``); a candidate on a day or at a time
   that does not suit, or that costs money when it must be free, is left out. Each point
   comes with the words that say why ("likes gardening · 0.8 km · free · Tuesdays").

A person's own words (what matters to them, their vision) are read for what they love and
need, leaving out names of people and places (a capital letter inside a sentence) and what
they say they do not need ("I don't need looking after").

Dismissed suggestions (with a reason) are remembered and not suggested again, and
suggesting never sends anything to anyone.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Q

from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.directory import describe, fulltext
from alongside.directory import queries as directory_queries
from alongside.directory.models import (
    Attribute,
    CostOption,
    Postcode,
    Schedule,
    TaxonomyTerm,
)
from alongside.people.models import Gift, Person, Status

from . import queries
from .models import Connection, Dismissal, Opportunity, ShortlistItem, WhatSuits
from .services import opportunities_visible

CANDIDATES = 150
# At most this many words find candidates (``Profile.search_words``).
CANDIDATE_WORDS = 24
DEFAULT_KM = 8.0
RINGS_KM = (1.0, 2.0, 4.0)  # how far candidates are looked for first (``_candidate_services``)
SHOWN = 10
NAME_POINTS = 3.0
TEXT_POINTS = 1.0
GIFT_POINTS = 3.0
NEAR_POINTS = {1.0: 3.0, 2.0: 2.0, 4.0: 1.0}  # within km: points
TIMES_UNKNOWN = "times not listed"
# A word of what matters to the person (not a gift or interest they named) counts for less,
# and only the first few found count: a listing sharing many everyday words with what
# someone said is not the better for it.
OWN_WORDS = "what matters: "
OWN_POINTS = {"heading": 3.0, "text": 1.0}
OWN_COUNTED = 99

# Words an interest is found by, beyond its own: the gift vocabulary's terms (lower case)
# and the words directories use for the same thing.
RELATED = {
    "walking": ["walk", "ramble", "stroll", "hike"],
    "gardening": ["garden", "allotment", "growing", "plant", "horticult"],
    "cooking": ["cook", "kitchen", "lunch", "meal", "food"],
    "baking": ["bake", "cake", "kitchen"],
    "diy and repairs": ["repair", "fix", "mend", "diy", "tool", "workshop"],
    "fixing bikes": ["bike", "cycl", "repair"],
    "computers and phones": ["computer", "digital", "phone", "tablet", "internet", "online"],
    "sewing and alterations": ["sew", "stitch", "craft", "textile"],
    "knitting": ["knit", "crochet", "yarn", "craft"],
    "crafts": ["craft", "make", "art"],
    "music": ["music", "band", "choir", "instrument", "sing"],
    "singing": ["sing", "choir", "song"],
    "dancing": ["danc", "zumba", "ballroom"],
    "reading": ["read", "book", "library"],
    "local history": ["history", "heritage", "archive"],
    "football": ["football", "soccer"],
    "rugby league": ["rugby"],
    "cricket": ["cricket"],
    "fishing": ["fish", "angling"],
    "birdwatching": ["bird", "wildlife", "nature"],
    "photography": ["photo", "camera"],
    "good with children": ["child", "famil", "parent", "toddler", "school"],
    "good with animals": ["animal", "dog", "pet", "farm"],
    "childcare": ["child", "toddler", "nursery", "famil"],
    "listening": ["befriend", "listen", "chat", "companion"],
    "welcoming newcomers": ["welcome", "newcomer", "refugee", "befriend"],
    "bringing people together": ["community", "group", "social"],
    "speaking polish": ["polish"],
    "speaking urdu": ["urdu"],
    "speaking arabic": ["arabic"],
    "driving": ["driv", "transport", "lift"],
    "first aid": ["first aid"],
    "hairdressing": ["hair"],
    "painting and decorating": ["paint", "decorat"],
    "numbers and bookkeeping": ["treasurer", "bookkeep", "accounts", "money"],
}
# Resources for a particular group of people (by their category): suggested only to someone
# whose own words (or age) say they are in it, and then with that as a reason.
AUDIENCES = {
    "dementia": (["dementia", "alzheimer", "memory"], "for people living with dementia"),
    "carers": (
        [
            "carer",
            "caring for",
            "care for my",
            "look after my",
            "looking after my",
            *(f"my {who} has" for who in ("wife", "husband", "partner", "mum", "dad", "son")),
            "my daughter has",
        ],
        "for carers",
    ),
    "parents and toddlers": (
        [
            *("baby", "toddler", "pregnan", "maternity", "paternity", "buggy", "pram"),
            *("my son", "my daughter", "kids", "my children", "year old", "month old"),
        ],
        "for parents",
    ),
    "families": (
        ["baby", "toddler", "my son", "my daughter", "kids", "children", "twins", "grandchild"],
        "for families",
    ),
    "learning disabilities": (
        ["learning disab", "autis", "support worker"],
        "for people with a learning disability",
    ),
    "bereavement": (
        ["died", "passed away", "widow", "bereave", "lost my", "death"],
        "after a bereavement",
    ),
    "new arrivals": (["refugee", "asylum", "arrived", "new to", "learn english"], "new arrivals"),
    "drugs and alcohol": (["drink", "alcohol", "drug", "sober", "recovery"], "recovery"),
    "hearing and sight": (["deaf", "hearing", "sight", "blind"], "hearing or sight"),
    "disability and access": (["wheelchair", "disab", "mobility"], "step-free"),
    "lgbtq+ groups": (["gay", "lesbian", "trans", "lgbt", "queer"], "LGBTQ+"),
}
YOUNG = ("young people", 25)  # a category for the young, and up to what age
# Groups of parents of children at home: someone older speaking of their son or children
# means grown-up children (grandchildren still count, at any age).
PARENTS = (frozenset({"parents and toddlers", "families"}), 60, "grandchild")
# Words that undo what follows them ("I don't need looking after"): "n't" is read as "t".
NEGATIONS = frozenset({"not", "never", "no", "t"})
# What someone says they need, in their own words, and the words resources use for it.
NEEDS = {
    ("debt", "bills", "arrears", "benefit", "money"): (
        ["debt", "money", "benefit", "advice", "credit"],
        "money worries",
    ),
    ("furniture", "nothing in it", "empty", "a bed"): (["furniture", "rehome"], "furniture"),
    ("hungry", "food", "eat"): (["food", "pantry", "lunch"], "food"),
    ("lonely", "alone", "quiet", "nobody", "isolated"): (
        ["befriend", "coffee", "social", "lunch club", "friendship", "company"],
        "would like company",
    ),
    ("a job", "looking for work", "find work", "unemployed", "interview", "out of work"): (
        ["job", "employ", "skills"],
        "looking for work",
    ),
    ("housing", "evict", "landlord"): (["housing"], "housing"),
}
STOP = frozenset(
    """
    a about after again all also always am an and any are as at back be because been before
    being bit but by can could day days did do does doing down each feel feels few for from
    get go going good got had has have having he help her here him his home house how i if
    in into is it its just like lot lots make many me more most much my new no not now of
    off on once only or other our out over own people person really same she should so some
    still such than that the their them then there these they thing things this those
    through time to too under until up used very want wants was we week weeks well were
    what when where which while who why will with would you your
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening
    mornings afternoons evenings weekend weekends
    mondays tuesdays wednesdays thursdays fridays saturdays sundays
    year years month months hour hours today tomorrow yesterday
    three four five seven eight nine twelve fifteen twenty thirty forty fifty sixty
    something someone anything anyone nothing nobody everyone everything anywhere
    together without possible since among every never little great better please
    """.split()  # noqa: SIM905 - a list of 130 words reads better as words
)


@dataclass(frozen=True)
class Profile:
    """What suggestions for a person go by."""

    interests: dict[str, str]  # a word (stem) found in listings -> why, in words
    gift_terms: dict[int, str]  # GiftTerm id -> its name
    gift_labels: dict[int, str] = field(default_factory=dict)  # GiftTerm id -> why, in words
    # The words candidates are found by: the gift vocabulary's and the person's own words
    # about their gifts, what they need, the groups they are in (not every word of what
    # matters to them, which still counts in the score).
    search_words: tuple[str, ...] = ()
    audiences: frozenset[str] = frozenset()  # the groups (AUDIENCES) the person is in
    age: int | None = None
    home: tuple[float, float] | None = None
    days: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    free_only: bool = False
    travel_km: float | None = None
    open_to_meeting: bool = False


@dataclass(frozen=True)
class Facts:
    """What a candidate is, as far as scoring needs: its words, where, when, cost, gifts."""

    name: str
    categories: str
    description: str
    km: float | None
    days: frozenset[str] | None  # None: times not listed
    times: frozenset[str] | None
    free: bool | None  # None: cost not listed
    gifts_needed: frozenset[int] = frozenset()


@dataclass
class Suggestion:
    score: float
    reasons: list[str]
    name: str
    service_id: UUID | None = None
    opportunity: Opportunity | None = None
    other_person: Person | None = None
    facts: Facts | None = field(default=None, repr=False)

    @property
    def why(self) -> str:
        return " · ".join(self.reasons)


def stem(word: str) -> str:
    """A word cut to the part listings share ("gardening", "gardens" -> "garden")."""
    word = word.lower()
    for ending in ("ings", "ing", "ers", "er", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _beginnings(text: str) -> tuple[frozenset[str], str]:
    """Every beginning of every word of ``text`` (so that a stem is found in one look-up),
    and the words joined, for phrases."""
    tokens = _tokens(text)
    return frozenset(t[:k] for t in tokens for k in range(2, len(t) + 1)), f" {' '.join(tokens)} "


def _found(word: str, beginnings: tuple[frozenset[str], str]) -> bool:
    """Whether ``word`` (a stem, or a phrase) begins one of the words."""
    if " " in word:
        return f" {word}" in beginnings[1]
    return word in beginnings[0]


def _said(words: str, phrase: str) -> bool:
    """Whether ``phrase`` begins a word of ``words`` (tokens joined by spaces, with a space
    either end) other than just after a "not" or "don't"."""
    start = words.find(f" {phrase}")
    while start != -1:
        if not NEGATIONS & set(words[:start].split()[-3:]):
            return True
        start = words.find(f" {phrase}", start + 1)
    return False


def _own_words(text: str) -> list[str]:
    """The words of what someone said that may say what they love or need: long enough,
    not common words, and not the names of people, places or months (a word with a
    capital letter inside a sentence: "my daughter is in Harrogate", "since March")."""
    words = []
    for match in re.finditer(r"[^\W_]+", text):
        token = match.group().lower()
        before = text[: match.start()].rstrip()
        named = match.group()[0].isupper() and before and before[-1] not in ".!?:;"
        if len(token) >= 5 and not named and token not in STOP and stem(token) not in STOP:
            words.append(token)
    return words


def profile_of(*, user: User, person: Person, today: date) -> Profile:
    """The person's interests (their and their family's gifts, in the vocabulary's words and
    their own, and what matters to them), their age, home and what suits them."""
    interests: dict[str, str] = {}
    gift_terms: dict[int, str] = {}
    gift_labels: dict[int, str] = {}
    search: dict[str, None] = {}  # the words candidates are found by, in order
    gifts = list(scoped(user, Gift.objects.filter(person=person)).select_related("term"))
    descriptions = " ".join(g.description for g in gifts)
    for gift in gifts:
        if gift.term is not None:
            gift_terms[gift.term_id] = gift.term.name
            label = (
                f"{'likes' if gift.term.kind == 'interest' else 'good at'} {gift.term.name.lower()}"
            )
            gift_labels[gift.term_id] = label
            for word in [gift.term.name.lower(), *RELATED.get(gift.term.name.lower(), [])]:
                for s in (word,) if " " in word else map(stem, _tokens(word)):
                    interests.setdefault(s, label)
                    search.setdefault(s)
        for token in _tokens(gift.description):
            if len(token) >= 4 and token not in STOP:
                interests.setdefault(stem(token), f"said: {gift.description.lower()[:40]}")
                search.setdefault(stem(token))
    said = f"{person.what_matters} {person.vision} {descriptions}"
    own_words = f" {' '.join(_tokens(said))} "
    for triggers, (words, why) in NEEDS.items():
        if any(_said(own_words, t) for t in triggers):
            for word in words:
                interests.setdefault(word, why)
                search.setdefault(word)
    for token in _own_words(f"{person.what_matters}. {person.vision}"):
        interests.setdefault(stem(token), f"what matters: {token}")
        search.setdefault(stem(token))
    audiences = {
        name
        for name, (triggers, _) in AUDIENCES.items()
        if any(_said(own_words, t) for t in triggers)
    }
    if person.age is not None and person.age >= PARENTS[1] and not _said(own_words, PARENTS[2]):
        audiences -= PARENTS[0]
    if person.age is not None and person.age <= YOUNG[1]:
        audiences.add(YOUNG[0])
    for name in sorted(audiences):
        search.setdefault(stem(name.split()[0]))
    suits = scoped(user, WhatSuits.objects.filter(person=person)).first()
    return Profile(
        interests=interests,
        gift_terms=gift_terms,
        gift_labels=gift_labels,
        search_words=tuple(
            dict.fromkeys(
                w for phrase in search for w in phrase.split() if len(w) > 2 and w not in STOP
            )
        ),
        audiences=frozenset(audiences),
        age=person.age,
        home=queries.home_of(person),
        days=frozenset(suits.day_codes if suits else ()),
        times=frozenset(suits.time_codes if suits else ()),
        free_only=bool(suits and suits.free_only),
        travel_km=float(suits.travel_km) if suits and suits.travel_km else None,
        open_to_meeting=bool(suits and suits.open_to_meeting),
    )


def score(profile: Profile, facts: Facts) -> tuple[float, list[str]] | None:
    """How well a candidate fits, with why; None when it does not suit at all (a day or
    time they are not free, a cost when it must be free, too far)."""
    limit = profile.travel_km or DEFAULT_KM
    if facts.km is not None and facts.km > limit:
        return None
    if profile.free_only and facts.free is False:
        return None
    if profile.days and facts.days is not None and not (profile.days & facts.days):
        return None
    if profile.times and facts.times is not None and not (profile.times & facts.times):
        return None
    points, reasons = 0.0, []
    for_whom = _audiences(facts.categories)
    if for_whom - profile.audiences:
        return None  # for a group of people the person is not (as far as we know) in
    for name in sorted(for_whom):
        points += NAME_POINTS
        reasons.append(AUDIENCES[name][1] if name in AUDIENCES else name)
    heading = _beginnings(f"{facts.name} {facts.categories}")
    text = _beginnings(facts.description)
    needed = [g for g in facts.gifts_needed if g in profile.gift_terms]
    # A gift the chance needs, and its listing speaks of, counts for both, said once.
    said_as_needed = {profile.gift_labels.get(g, "") for g in needed}
    seen: set[str] = set()
    for word, why in profile.interests.items():
        if why in seen:
            continue
        if _found(word, heading):
            points += NAME_POINTS
        elif _found(word, text):
            points += TEXT_POINTS
        else:
            continue
        seen.add(why)
        if why not in said_as_needed:
            reasons.append(why)
    for g in needed:
        points += GIFT_POINTS
        reasons.append(f"needs their {profile.gift_terms[g].lower()}")
    if points == 0:
        return None
    if facts.km is not None:
        points += next((p for km, p in NEAR_POINTS.items() if facts.km <= km), 0.0)
        reasons.append(f"{facts.km:.1f} km")
    if facts.free:
        reasons.append("free")
    if facts.days:
        shown = profile.days & facts.days if profile.days else facts.days
        reasons.append(", ".join(directory_queries.DAYS[d] + "s" for d in _week(shown)))
    elif facts.days is None and profile.days:
        reasons.append(TIMES_UNKNOWN)
    return round(points, 2), reasons


def _audiences(categories: str) -> set[str]:
    """The groups of people (``AUDIENCES``, ``YOUNG``) a resource's categories say it is for."""
    text = f" {categories.lower()} "
    names = [*AUDIENCES, YOUNG[0]]
    return {name for name in names if f" {name} " in text}


def _week(days: frozenset[str]) -> list[str]:
    return [d for d in directory_queries.DAYS if d in days]


def _service_facts(
    row: dict[str, Any], categories: list[str], costs: list[Any], schedules: list[tuple]
) -> Facts:
    days: set[str] = set()
    times: set[str] = set()
    for byday, opens_at in schedules:
        days |= {d[-2:] for d in (byday or "").split(",") if d}
        opens = (opens_at or "")[:5]
        for key, (_, start, end) in directory_queries.TIMES_OF_DAY.items():
            if opens and start <= opens < end:
                times.add(key)
    amounts = [a for a in costs if a is not None]
    km = row.get("distance_km")
    return Facts(
        name=row["name"],
        categories=" ".join(categories),
        description=f"{row['description']} {row['organization__name'] or ''}",
        km=float(km) if km is not None else None,
        days=frozenset(days) if days else None,
        times=frozenset(times) if times else None,
        free=None if not amounts else any(a == Decimal(0) for a in amounts),
    )


def _opportunity_facts(o: Opportunity, home: tuple[float, float] | None) -> Facts:
    km = (
        describe.km_between(home, o.latitude, o.longitude)
        if home and o.latitude is not None and o.longitude is not None
        else None
    )
    days = frozenset(o.day_codes)
    times = frozenset(o.time_codes)
    return Facts(
        name=o.title,
        categories=o.get_kind_display(),
        description=f"{o.description} {o.where}",
        km=km,
        days=days or None,
        times=times or None,
        free=True,
        gifts_needed=frozenset(g.pk for g in o.gifts_needed.all()),
    )


def suggest(*, user: User, person: Person, today: date, limit: int = SHOWN) -> list[Suggestion]:
    """The best-fitting resources and chances to contribute for the person, best first,
    leaving out what they are connected with, have on their shortlist or dismissed."""
    profile = profile_of(user=user, person=person, today=today)
    taken = _taken(person)
    found: list[Suggestion] = []
    for service_id, facts in _candidate_services(profile):
        if service_id in taken["service"]:
            continue
        if (result := score(profile, facts)) is not None:
            found.append(
                Suggestion(result[0], result[1], facts.name, service_id=service_id, facts=facts)
            )
    for o in opportunities_visible(user).filter(active=True).prefetch_related("gifts_needed"):
        if o.pk in taken["opportunity"]:
            continue
        facts = _opportunity_facts(o, profile.home)
        if (result := score(profile, facts)) is not None:
            found.append(Suggestion(result[0], result[1], o.title, opportunity=o, facts=facts))
    if profile.open_to_meeting:
        found += _people_to_meet(user=user, person=person, profile=profile, taken=taken)
    found.sort(
        key=lambda s: (-s.score, s.facts.km if s.facts and s.facts.km is not None else 99, s.name)
    )
    return found[:limit]


def _candidate_services(profile: Profile) -> list[tuple[UUID, Facts]]:
    """At most ``CANDIDATES`` open resources with one of the person's interest words, near
    enough and for their age, nearest first, read in a few flat queries."""
    words = list(profile.search_words or [w for w in profile.interests if " " not in w])
    words = words[:CANDIDATE_WORDS]
    condition = fulltext.matching_any(words, categories=_terms_named(words))
    if condition is None:
        return []
    fields = ["id", "name", "description", "organization__name"]
    limit = profile.travel_km or DEFAULT_KM
    # Nearest first, looking close to home before further out: where resources are dense
    # the first box holds enough of them, and the database never sorts a whole city's.
    rings: list[float | None] = [*(k for k in RINGS_KM if k < limit), limit]
    for km in rings if profile.home else [None]:
        services = directory_queries.services_search(
            open_only=True,
            near=profile.home,
            within_km=km,
            minimum_age=Decimal(profile.age) if profile.age is not None else None,
            maximum_age=Decimal(profile.age) if profile.age is not None else None,
        ).filter(condition)  # the search starts from the places in a box around home
        near = ["distance_km"] if profile.home else []
        rows = list(services.values(*fields, *near)[:CANDIDATES])
        if len(rows) == CANDIDATES:
            break  # the nearest CANDIDATES are all within km
    ids = [row["id"] for row in rows]
    categories: dict[UUID, list[str]] = defaultdict(list)
    for service_id, name in Attribute.objects.filter(service__in=ids).values_list(
        "service_id", "taxonomy_term__name"
    ):
        categories[service_id].append(name or "")
    costs: dict[UUID, list[Any]] = defaultdict(list)
    for service_id, amount in CostOption.objects.filter(service__in=ids).values_list(
        "service_id", "amount"
    ):
        costs[service_id].append(amount)
    schedules: dict[UUID, list[tuple]] = defaultdict(list)
    for whose in ("service", "service_at_location__service"):  # each by its own index
        for service_id, byday, opens_at in Schedule.objects.filter(
            **{f"{whose}__in": ids}
        ).values_list(f"{whose}_id", "byday", "opens_at"):
            schedules[service_id].append((byday, opens_at))
    return [
        (
            row["id"],
            _service_facts(row, categories[row["id"]], costs[row["id"]], schedules[row["id"]]),
        )
        for row in rows
    ]


def _terms_named(words: list[str]) -> list[UUID]:
    """The directory's categories with a name one of ``words`` begins a word of: a resource
    listed under "Dementia" is found for someone living with dementia, whatever its own
    description says."""
    condition = Q()
    for word in words:
        condition |= Q(name__istartswith=word) | Q(name__icontains=f" {word}")
    return list(TaxonomyTerm.objects.filter(condition).values_list("pk", flat=True)[:200])


def _people_to_meet(
    *, user: User, person: Person, profile: Profile, taken: dict[str, set]
) -> list[Suggestion]:
    """Other people the user works with who, like this person, would like to meet others who
    share their interests, and share at least one of their gifts or interests, near enough:
    each shared one counts as a gift a chance needs does (``GIFT_POINTS``)."""
    if not profile.gift_terms:
        return []
    others = scoped(
        user,
        Person.objects.filter(
            what_suits__open_to_meeting=True,
            what_suits__deleted_at__isnull=True,
            status=Status.ACTIVE,
        ).exclude(pk=person.pk),
    ).exclude(pk__in=taken["person"])
    shared: dict[int, list[str]] = defaultdict(list)
    for other_id, term_id in (
        Gift.objects.filter(person__in=others.values("pk"), term_id__in=list(profile.gift_terms))
        .filter(deleted_at__isnull=True)
        .values_list("person_id", "term_id")
        .distinct()[:2000]
    ):
        shared[other_id].append(profile.gift_terms[term_id])
    if not shared:
        return []
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(shared))}
    codes = {p.postcode for p in people.values() if p.postcode}
    places = {
        code: (float(lat), float(lon))
        for code, lat, lon in Postcode.objects.filter(postcode__in=codes).values_list(
            "postcode", "latitude", "longitude"
        )
    }
    found = []
    limit = profile.travel_km or DEFAULT_KM
    for other_id, names in shared.items():
        other = people[other_id]
        where = places.get(other.postcode)
        km = describe.km_between(profile.home, *where) if profile.home and where else None
        if km is not None and km > limit:
            continue
        points = GIFT_POINTS * len(names)
        reasons = [
            f"shares {', '.join(n.lower() for n in sorted(names))}",
            "both would like to meet",
        ]
        if km is not None:
            points += next((p for k, p in NEAR_POINTS.items() if km <= k), 0.0)
            reasons.append(f"{km:.1f} km")
        facts = Facts(other.known_as, "", "", km, None, None, True)
        found.append(Suggestion(points, reasons, other.full_name, other_person=other, facts=facts))
    return found


def _taken(person: Person) -> dict[str, set]:
    """What is already connected, on the shortlist or dismissed, by kind."""
    taken: dict[str, set] = {"service": set(), "opportunity": set(), "person": set()}
    for model in (Connection, ShortlistItem, Dismissal):
        rows = model.objects.filter(person=person, deleted_at__isnull=True)
        for service_id, opportunity_id in rows.values_list("service_id", "opportunity_id"):
            if service_id:
                taken["service"].add(service_id)
            if opportunity_id:
                taken["opportunity"].add(opportunity_id)
    for model in (Connection, Dismissal):
        taken["person"] |= set(
            model.objects.filter(
                person=person, deleted_at__isnull=True, other_person__isnull=False
            ).values_list("other_person_id", flat=True)
        )
    taken["person"] |= set(
        Connection.objects.filter(other_person=person, deleted_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    return taken

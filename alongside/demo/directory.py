"""A demo directory of community resources in the demo's areas of Leeds (``manage.py demo``).

Most resources are saved as an import from a made-up council directory would save them
("leeds-community", checked by its publisher on their ``assured_date``); a few are
added by the demo's coordinators through the same form they use, such as a friendly café and
a neighbour-run allotment. About a quarter were last checked more than six months ago, so the
"needs checking" list has something on it. Places are real postcodes of the demo areas (the
demo loads their positions first); the names, phone numbers (Ofcom's drama ranges) and email
addresses (``.example``) are made up.
"""

import random
from datetime import date, timedelta

from django.utils.text import slugify

from alongside.accounts.models import Area
from alongside.directory.importing.writer import MODELS, OrukWriter
from alongside.directory.models import (
    Location,
    Organization,
    Postcode,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from alongside.directory.services import resource_save

SOURCE = "leeds-community"
TAXONOMY = {
    "Activities": ["Walking", "Arts and crafts", "Gardening", "Music and singing", "Sport"],
    "Food": ["Lunch clubs", "Food banks and pantries", "Community cafés"],
    "Money": ["Debt advice", "Benefits advice"],
    "Company": ["Coffee mornings", "Men's sheds", "Befriending"],
    "Health and care": ["Mental health", "Carers", "Dementia"],
    "Learning": ["English classes", "Computers and phones"],
    "Families": ["Parents and toddlers", "Young people"],
}
# (name, organization, category, description, days, opens, closes, cost, minimum age)
RESOURCES = [
    (
        "Walking for Wellbeing",
        "Leeds Walking Network",
        "Walking",
        "Gentle hour-long walks for all abilities, ending with a cuppa. Walk leaders wait for "
        "everyone.",
        "TU",
        "10:00",
        "11:30",
        0,
        None,
    ),
    (
        "Woodhouse Moor Park Run walkers",
        "Friends of Woodhouse Moor",
        "Walking",
        "Walk the 5k at your own pace with others who walk it too.",
        "SA",
        "09:00",
        "10:30",
        0,
        None,
    ),
    (
        "Knit and Natter",
        "St Michael's Church",
        "Arts and crafts",
        "Bring your knitting or learn from scratch: wool and needles to borrow.",
        "WE",
        "13:30",
        "15:30",
        1.5,
        None,
    ),
    (
        "Community Art Room",
        "Hyde Park Community Centre",
        "Arts and crafts",
        "Open studio with paints, clay and good company. No experience needed.",
        "TH",
        "14:00",
        "16:00",
        2,
        16,
    ),
    (
        "Grow Together Garden",
        "Kirkstall Valley Growers",
        "Gardening",
        "Grow vegetables with neighbours on a shared plot; tools and seeds provided.",
        "SA",
        "10:00",
        "13:00",
        0,
        None,
    ),
    (
        "Beeston Community Choir",
        "Beeston Village Community Association",
        "Music and singing",
        "A friendly choir that sings everything from folk to pop. No auditions.",
        "MO",
        "19:00",
        "20:30",
        3,
        16,
    ),
    (
        "Walking Football",
        "Holbeck Sports Club",
        "Sport",
        "Football without running, for over 50s. Boots not needed.",
        "FR",
        "11:00",
        "12:00",
        2,
        50,
    ),
    (
        "Friday Lunch Club",
        "Hyde Park Community Centre",
        "Lunch clubs",
        "A hot two-course lunch and a chat for older neighbours. Transport can be arranged.",
        "FR",
        "12:00",
        "14:00",
        4,
        60,
    ),
    (
        "Kirkstall Lunch Club",
        "Kirkstall Community Hub",
        "Lunch clubs",
        "Home-cooked lunch, bingo and a raffle every Wednesday.",
        "WE",
        "12:00",
        "14:00",
        4.5,
        55,
    ),
    (
        "Holbeck Community Pantry",
        "Holbeck Together",
        "Food banks and pantries",
        "Choose your own food each week for a small membership fee.",
        "TH",
        "10:00",
        "13:00",
        3.5,
        None,
    ),
    (
        "Beeston Food Bank",
        "South Leeds Food Bank",
        "Food banks and pantries",
        "Emergency food parcels. Come along: no voucher needed on your first visit.",
        "TU,FR",
        "10:00",
        "12:00",
        0,
        None,
    ),
    (
        "Pay-as-you-feel Café",
        "Real Junk Food Leeds",
        "Community cafés",
        "Meals made from surplus food: pay what you can, or lend a hand instead.",
        "MO,WE,FR",
        "11:00",
        "15:00",
        0,
        None,
    ),
    (
        "Money Advice Drop-in",
        "Leeds Citizens Advice",
        "Debt advice",
        "Free, confidential help with debts, bills and budgeting.",
        "TU",
        "09:30",
        "12:30",
        0,
        18,
    ),
    (
        "Benefits Check Clinic",
        "Leeds Welfare Rights",
        "Benefits advice",
        "Find out what you are entitled to and get help with forms.",
        "TH",
        "13:00",
        "16:00",
        0,
        18,
    ),
    (
        "Warm Welcome Coffee Morning",
        "Headingley St Columba",
        "Coffee mornings",
        "Warm space, hot drinks and company through the winter.",
        "TU,TH",
        "10:00",
        "12:00",
        0,
        None,
    ),
    (
        "Kirkstall Men's Shed",
        "Kirkstall Men's Shed",
        "Men's sheds",
        "Make, mend and chat in a well-equipped workshop. Women welcome on Thursdays.",
        "MO,TH",
        "10:00",
        "15:00",
        1,
        18,
    ),
    (
        "Telephone Friends",
        "Leeds Older People's Forum",
        "Befriending",
        "A weekly friendly phone call from a trained volunteer.",
        "",
        "",
        "",
        0,
        50,
    ),
    (
        "Hearing Voices Group",
        "Leeds Mind",
        "Mental health",
        "A peer support group for people who hear voices or have unusual experiences.",
        "WE",
        "18:00",
        "19:30",
        0,
        18,
    ),
    (
        "Carers' Café",
        "Carers Leeds",
        "Carers",
        "Time out for unpaid carers: advice, a listening ear and cake.",
        "MO",
        "13:30",
        "15:00",
        0,
        18,
    ),
    (
        "Memory Café",
        "Leeds Dementia Friends",
        "Dementia",
        "A relaxed afternoon for people living with dementia and those close to them.",
        "TH",
        "14:00",
        "16:00",
        0,
        None,
    ),
    (
        "Conversation Club",
        "Hamara Centre",
        "English classes",
        "Practise everyday English over tea. All levels, all languages.",
        "WE",
        "10:00",
        "12:00",
        0,
        16,
    ),
    (
        "Digital Drop-in",
        "Headingley Library",
        "Computers and phones",
        "Help with phones, tablets, email and online forms from patient volunteers.",
        "FR",
        "10:00",
        "12:00",
        0,
        None,
    ),
    (
        "Stay and Play",
        "Beeston Children's Centre",
        "Parents and toddlers",
        "Play, songs and stories for under-5s with their grown-ups.",
        "MO,WE",
        "09:30",
        "11:00",
        0,
        None,
    ),
    (
        "Youth Club",
        "Kirkstall Youth Project",
        "Young people",
        "Games, cooking and trips for 11 to 18 year olds.",
        "TU,TH",
        "18:00",
        "20:30",
        0,
        11,
    ),
]
# Added by coordinators: not services at all, but where people find company and a place.
OWN = [
    (
        "The Corner Café",
        "A friendly café where the owner knows everyone by name; a table by the "
        "window is kept for anyone who wants a chat.",
        "Community cafés",
        "LS11 6",
    ),
    (
        "Cardigan Road Allotment",
        "Neighbours share a plot and welcome anyone who wants to grow "
        "something or sit in the garden.",
        "Gardening",
        "LS6 3",
    ),
    (
        "Bench Buddies",
        "Two neighbours sit on the bench by the library every Thursday morning "
        "for anyone who fancies a natter.",
        "Befriending",
        "LS5 3",
    ),
]


def make_directory(*, today: date, coordinators: list, seed: int = 11) -> int:
    """Make the demo directory; return how many resources it has."""
    rng = random.Random(seed)
    sectors = sorted({s for area in Area.objects.all() for s in area.postcode_prefixes()})
    places = {
        sector: list(
            Postcode.objects.filter(postcode__startswith=sector).values_list(
                "postcode", "latitude", "longitude"
            )[:200]
        )
        for sector in sectors
    }
    places = {sector: found for sector, found in places.items() if found}
    if not places:
        return 0
    with OrukWriter(SOURCE) as writer:
        writer.save("taxonomy", _taxonomy())
        terms = {t["name"]: t for t in _taxonomy()["taxonomy_terms"]}
        for number, resource in enumerate(RESOURCES, 1):
            writer.save("service", _service(number, resource, terms, places, rng, today))
    by_name = {t.name: t for t in TaxonomyTerm.objects.filter(source=SOURCE)}
    for number, (name, description, category, sector) in enumerate(OWN):
        postcode = rng.choice(places.get(sector) or places[sorted(places)[0]])[0]
        resource_save(
            user=coordinators[number % len(coordinators)],
            data={
                "name": name,
                "description": description,
                "organization_name": "",
                "category": by_name[category],
                "postcode": postcode,
                "location_name": name,
                "address_1": f"{rng.randint(2, 90)} {rng.choice(STREETS)}",
                "city": "Leeds",
                "days": ["TH"],
                "opens_at": "10:00",
                "closes_at": "12:00",
                "when": "Most weeks",
                "phone": "",
                "cost": "free",
                "cost_description": "",
                "languages": ["English"],
            },
        )
    return len(RESOURCES) + len(OWN)


STREETS = ["Cardigan Road", "Kirkstall Lane", "Tempest Road", "Hyde Park Road", "Beeston Road"]


def _taxonomy() -> dict:
    terms = []
    for number, (broad, narrower) in enumerate(TAXONOMY.items(), 1):
        terms.append({"id": f"demo-term-{number}", "name": broad})
        terms += [
            {"id": f"demo-term-{number}-{sub}", "name": name, "parent_id": f"demo-term-{number}"}
            for sub, name in enumerate(narrower, 1)
        ]
    return {
        "id": "demo-categories",
        "name": "Community resources",
        "description": "The categories of the Leeds community directory.",
        "taxonomy_terms": terms,
    }


def _service(number, resource, terms, places, rng, today) -> dict:
    name, organization, category, description, days, opens, closes, cost, minimum_age = resource
    sector = sorted(places)[number % len(places)]
    postcode, lat, lon = rng.choice(places[sector])
    # About a quarter last checked over six months ago: the "needs checking" list.
    days_ago = rng.randint(200, 400) if number % 4 == 0 else rng.randint(5, 150)
    checked = today - timedelta(days=days_ago)
    sid = f"demo-{number}"
    org_id = f"demo-org-{slugify(organization)}"
    service = {
        "id": sid,
        "name": name,
        "description": description,
        "status": "active",
        "email": f"hello@{org_id.removeprefix('demo-org-')}.example",
        "assured_date": checked.isoformat(),
        "organization": {"id": org_id, "name": organization},
        "attributes": [{"id": f"{sid}-category", "taxonomy_term": terms[category]}],
        "cost_options": [
            {
                "id": f"{sid}-cost",
                "amount": cost,
                "currency": "GBP",
                **({"amount_description": "a session"} if cost else {}),
            }
        ],
        "phones": [{"id": f"{sid}-phone", "number": f"0113 496 0{number:03d}"}],
        "languages": [{"id": f"{sid}-english", "name": "English", "code": "en"}],
        "service_at_locations": [
            {
                "id": f"{sid}-here",
                "location": {
                    "id": f"{sid}-place",
                    "location_type": "physical",
                    "name": organization,
                    "latitude": str(lat),
                    "longitude": str(lon),
                    "addresses": [
                        {
                            "id": f"{sid}-address",
                            "address_1": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                            "city": "Leeds",
                            "state_province": "West Yorkshire",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": f"{sid}-access",
                            "description": rng.choice(
                                [
                                    "Step-free entrance and an accessible toilet.",
                                    "Ramp at the side door; hearing loop.",
                                    "Two steps at the entrance; help is at hand.",
                                ]
                            ),
                        }
                    ],
                },
            }
        ],
    }
    if minimum_age is not None:
        service["minimum_age"] = minimum_age
    if days:
        service["schedules"] = [
            {
                "id": f"{sid}-week",
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": f"{opens}:00",
                "closes_at": f"{closes}:00",
                "description": "Every week, except bank holidays",
            }
        ]
    return service


def remove_directory() -> None:
    """Delete what ``make_directory`` made (for ``demo --reset``), and nothing else."""
    own = Service.objects.filter(source="", name__in=[name for name, *_ in OWN])
    organizations = list(own.values_list("organization", flat=True))
    locations = list(
        ServiceAtLocation.objects.filter(service__in=own).values_list("location", flat=True)
    )
    own.delete()
    Location.objects.filter(pk__in=locations, service_at_locations__isnull=True).delete()
    Organization.objects.filter(pk__in=organizations, services__isnull=True).delete()
    for model in reversed(MODELS):  # children first: some parents are protected
        model._default_manager.filter(source=SOURCE).delete()

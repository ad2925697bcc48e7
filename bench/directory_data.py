"""Made-up directories in ORUK 3.0 JSON, for the directory benchmark (``bench/directory.py``).

``services(n, prefix=..., seed=...)`` returns ``n`` services in full (as ``GET /services/{id}``
answers, and as ``manage.py directory_import --hsds-json`` reads them): each with its
organization (five services to an organization), a location with an address somewhere within
about 15 km of the centre of Leeds, a weekly schedule, a cost option, a contact with a phone,
a language and a category (sometimes two) from a taxonomy of 12 broad and 60 narrower terms. The
same ``seed`` gives the same directory, so a second import of it changes nothing.

    python bench/directory_data.py 1000 > services.json
"""

import json
import random
import sys

CENTRE = (53.7997, -1.5492)  # Leeds city centre
SPREAD_DEGREES = (0.13, 0.22)  # about 15 km each way

TOPICS = {
    "Activities": ["Walking groups", "Gardening", "Arts and crafts", "Music", "Sport"],
    "Food": ["Lunch clubs", "Food banks", "Community cafés", "Cooking", "Community fridges"],
    "Money": ["Debt advice", "Benefits advice", "Credit unions", "Energy bills", "Budgeting"],
    "Health": ["Mental health", "Carers", "Dementia", "Exercise", "Stopping smoking"],
    "Learning": ["English classes", "Computers", "Libraries", "Adult learning", "Homework"],
    "Home": ["Repairs", "Housing advice", "Warm spaces", "Furniture", "Gardens"],
    "Families": ["Parents", "Toddlers", "Young people", "Grandparents", "Play"],
    "Getting about": ["Community transport", "Cycling", "Buses", "Wheelchairs", "Lifts"],
    "Volunteering": ["Befriending", "Litter picks", "Good neighbours", "Time banks", "Mentoring"],
    "Work": ["Job clubs", "CV help", "Work experience", "Apprenticeships", "Interviews"],
    "Faith": ["Churches", "Mosques", "Temples", "Gurdwaras", "Interfaith"],
    "Company": ["Friendship groups", "Men's sheds", "Knit and natter", "Coffee mornings", "Clubs"],
}
# What a service is, and the category (taxonomy term) that says so.
WHAT = {
    "walking group": "Walking groups",
    "lunch club": "Lunch clubs",
    "knitting circle": "Knit and natter",
    "coffee morning": "Coffee mornings",
    "men's shed": "Men's sheds",
    "debt advice drop-in": "Debt advice",
    "food bank": "Food banks",
    "community garden": "Gardening",
    "choir": "Music",
    "chess club": "Clubs",
    "computer help": "Computers",
    "English conversation": "English classes",
    "carers' café": "Carers",
    "repair café": "Repairs",
    "youth club": "Young people",
    "parent and toddler group": "Toddlers",
    "allotment": "Gardens",
    "library session": "Libraries",
    "dance class": "Exercise",
    "bike repair": "Cycling",
}
PLACES = [
    "Chapeltown",
    "Harehills",
    "Armley",
    "Beeston",
    "Headingley",
    "Hyde Park",
    "Burley",
    "Holbeck",
    "Seacroft",
    "Gipton",
    "Bramley",
    "Pudsey",
    "Horsforth",
    "Kirkstall",
    "Roundhay",
    "Meanwood",
    "Moortown",
    "Crossgates",
    "Garforth",
    "Rothwell",
    "Morley",
    "Hunslet",
]
ORGANIZATIONS = [
    "Community Association",
    "Neighbourhood Network",
    "Tenants and Residents",
    "Trust",
    "Friends of the Park",
    "Library",
    "Parish Church",
    "Community Centre",
    "Age Well",
]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
FILLER = (
    "Everyone is welcome, whoever they are: come along, meet people and share what you know. "
    "Run by local volunteers. Tea and biscuits. Step-free access and an accessible toilet."
)


def taxonomy() -> dict:
    """The taxonomy every service's categories come from, with its terms."""
    terms = []
    for number, (broad, narrower) in enumerate(TOPICS.items(), 1):
        parent = f"term-{number}"
        terms.append({"id": parent, "name": broad, "term": f"B{number}"})
        for sub, name in enumerate(narrower, 1):
            terms.append(
                {
                    "id": f"{parent}-{sub}",
                    "name": name,
                    "term": f"B{number}.{sub}",
                    "parent_id": parent,
                }
            )
    return {"id": "bench-taxonomy", "name": "Bench topics", "version": "1", "taxonomy_terms": terms}


def services(n: int, *, prefix: str = "s", seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    tax = taxonomy()
    narrower = [t for t in tax["taxonomy_terms"] if t.get("parent_id")]
    by_name = {t["name"]: t for t in narrower}

    def term(t: dict) -> dict:
        return t | {"taxonomy_id": tax["id"]}

    result = []
    for i in range(n):
        place = rng.choice(PLACES)
        what = rng.choice(list(WHAT))
        org_number = i // 5
        organization = {
            "id": f"{prefix}-org-{org_number}",
            "name": f"{PLACES[org_number % len(PLACES)]} "
            f"{ORGANIZATIONS[org_number % len(ORGANIZATIONS)]} {org_number}",
            "description": "A local organization run by and for the people who live here.",
            "email": f"hello{org_number}@example.org",
            "website": f"https://example.org/{prefix}/{org_number}",
        }
        lat = CENTRE[0] + rng.uniform(-SPREAD_DEGREES[0], SPREAD_DEGREES[0])
        lon = CENTRE[1] + rng.uniform(-SPREAD_DEGREES[1], SPREAD_DEGREES[1])
        opens = rng.choice(["09:30", "10:00", "13:00", "14:00", "18:30"])
        minimum_age = rng.choice([None, None, 18, 50, 65, 0, 11])
        categories = [by_name[WHAT[what]]]
        if rng.random() < 0.3:  # and sometimes another
            other = rng.choice(narrower)
            categories += [other] if other is not categories[0] else []
        sid = f"{prefix}-{i}"
        result.append(
            {
                "id": sid,
                "name": f"{place} {what}",
                "description": f"A {what} in {place}. {FILLER}",
                "status": "active",
                "email": f"{what.split()[0].strip(chr(39) + 's')}{i}@example.org",
                "url": f"https://example.org/{prefix}/{org_number}/{i}",
                **({"minimum_age": minimum_age} if minimum_age is not None else {}),
                "organization": organization,
                "schedules": [
                    {
                        "id": f"{sid}-schedule",
                        "freq": "WEEKLY",
                        "byday": rng.choice(DAYS),
                        "opens_at": f"{opens}:00",
                        "closes_at": f"{int(opens[:2]) + 2:02d}{opens[2:]}:00",
                        "description": "Every week, except bank holidays",
                    }
                ],
                "cost_options": [
                    {
                        "id": f"{sid}-cost",
                        "amount": rng.choice([0, 0, 2, 3.5]),
                        "currency": "GBP",
                        "option": "Per session",
                    }
                ],
                "contacts": [
                    {
                        "id": f"{sid}-contact",
                        "name": "The organiser",
                        "phones": [{"id": f"{sid}-phone", "number": f"0113 496 {i % 10000:04d}"}],
                    }
                ],
                "languages": [{"id": f"{sid}-language", "name": "English", "code": "en"}],
                "attributes": [
                    {"id": f"{sid}-category-{t['id']}", "taxonomy_term": term(t)}
                    for t in categories
                ],
                "service_at_locations": [
                    {
                        "id": f"{sid}-here",
                        "location": {
                            "id": f"{sid}-place",
                            "location_type": "physical",
                            "name": f"{place} Community Centre",
                            "latitude": round(lat, 6),
                            "longitude": round(lon, 6),
                            "addresses": [
                                {
                                    "id": f"{sid}-address",
                                    "address_1": f"{1 + i % 200} {place} Road",
                                    "city": "Leeds",
                                    "state_province": "West Yorkshire",
                                    "postal_code": "LS7 3HB",
                                    "country": "GB",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
            }
        )
    return result


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    json.dump(services(count), sys.stdout)

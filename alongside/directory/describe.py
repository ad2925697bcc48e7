"""A community resource in words, for the pages: where and when, what it costs, when it was
last checked. Works on services fetched with ``queries.listings`` or ``queries.services_full``
(everything here reads prefetched records, never the database)."""

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .distance import EARTH_RADIUS_KM, KM_PER_MILE
from .models import Schedule, Service
from .queries import DAYS, check_due, hides_unchecked

_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}


@dataclass
class Place:
    name: str
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    km: float | None = None

    @property
    def on_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Checked:
    """When a listing was last checked, by whom (a coordinator's name, or the directory it
    came from; never shown to the public), and whether it is due a check."""

    on: date | None
    by: str
    due: bool
    hidden: bool = False  # left off the public pages until checked (the council's choice)


@dataclass
class Listing:
    service: Service
    number: int
    places: list[Place]
    nearest: Place | None
    times: list[str]
    cost: str
    categories: list[str]
    checked: Checked
    miles: float | None = None


def places(service: Service, near: tuple[float, float] | None = None) -> list[Place]:
    """Where ``service`` is delivered, nearest first when ``near`` is given."""
    found = []
    for at in service.service_at_locations.all():
        location = at.location
        addresses = list(location.addresses.all())
        address = addresses[0] if addresses else None
        lat = float(location.latitude) if location.latitude is not None else None
        lon = float(location.longitude) if location.longitude is not None else None
        found.append(
            Place(
                name=location.name,
                address=", ".join(
                    p for p in [address.address_1, address.address_2, address.city] if address and p
                )
                if address
                else "",
                postcode=address.postal_code if address else "",
                latitude=lat,
                longitude=lon,
                km=km_between(near, lat, lon)
                if near and lat is not None and lon is not None
                else None,
            )
        )
    if near:
        found.sort(key=lambda p: (p.km is None, p.km or 0))
    return found


def km_between(near: tuple[float, float], lat: float, lon: float) -> float:
    """How far apart two places are, in km, along the ground."""
    la1, lo1, la2, lo2 = map(math.radians, (near[0], near[1], lat, lon))
    a = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def miles(km: float | None) -> float | None:
    return None if km is None else km / KM_PER_MILE


def _days(byday: str) -> str:
    """'MO,WE' → 'Mondays and Wednesdays'; 'MO,TU,WE,TH,FR' → 'Monday to Friday';
    '1MO' → 'the first Monday of the month'."""
    names, plain = [], []
    for part in re.split(r"[,\s]+", byday.upper().strip()):
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", part)
        if not match:
            continue
        ordinal, day = match.groups()
        if ordinal:
            ordinal = _ORDINALS.get(ordinal.lstrip("+"), ordinal)
            names.append(f"the {ordinal} {DAYS[day]} of the month")
        else:
            plain.append(day)
            names.append(f"{DAYS[day]}s")
    week = list(DAYS)
    positions = sorted({week.index(day) for day in plain})
    in_a_row = len(positions) >= 3 and positions == list(range(positions[0], positions[-1] + 1))
    if in_a_row and len(plain) == len(names):
        if len(positions) == 7:
            return "Every day"
        return f"{DAYS[week[positions[0]]]} to {DAYS[week[positions[-1]]]}"
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


def clock(value: str) -> str:
    """'09:30' (or '09:30:00Z') in GOV.UK's style: 9:30am; 10am; midday; 6pm."""
    match = re.match(r"^(\d{1,2}):?(\d\d)", value or "")
    if not match:
        return value or ""
    hours, minutes = int(match.group(1)), int(match.group(2))
    if (hours, minutes) == (12, 0):
        return "midday"
    if hours in (0, 24) and minutes == 0:
        return "midnight"
    suffix = "am" if hours % 24 < 12 else "pm"
    hours = hours % 12 or 12
    return f"{hours}:{minutes:02}{suffix}" if minutes else f"{hours}{suffix}"


def schedule(item: Schedule) -> str:
    """'Tuesdays and Thursdays, 10:00 to 12:00 (every other week). Term time only.'"""
    parts = []
    days = _days(item.byday)
    hours = ""
    if item.opens_at and item.closes_at:
        hours = f"{clock(item.opens_at)} to {clock(item.closes_at)}"
    elif item.opens_at:
        hours = f"from {clock(item.opens_at)}"
    when = ", ".join(p for p in [days, hours] if p)
    if when and item.interval and item.interval > 1 and item.freq == "WEEKLY":
        when += " (every other week)" if item.interval == 2 else f" (every {item.interval} weeks)"
    if when:
        parts.append(when[0].upper() + when[1:])
    if item.description:
        parts.append(item.description)
    return ". ".join(p.rstrip(".") for p in parts)


def times(service: Service) -> list[str]:
    found = [schedule(s) for s in service.schedules.all()]
    for at in service.service_at_locations.all():
        for item in at.schedules.all():
            text = schedule(item)
            found.append(f"{text} (at {at.location.name})" if at.location.name else text)
    return [t for t in found if t]


def _money(amount: Decimal, currency: str) -> str:
    symbol = {"GBP": "£", "": "£", "EUR": "€", "USD": "$"}.get(currency.upper(), "")
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def cost(service: Service) -> str:
    """'Free', 'Free for under 18s; £3 per session', or what the listing says in words."""
    found = []
    for option in service.cost_options.all():
        if option.amount == 0:
            text = "Free" + (f" for {option.option}" if option.option else "")
        elif option.amount is not None:
            text = _money(option.amount, option.currency)
            text += f" {option.amount_description}" if option.amount_description else ""
            text += f" ({option.option})" if option.option else ""
        else:
            text = option.amount_description or option.option
        if option.amount == 0 and option.amount_description:
            text += f": {option.amount_description}"
        if text:
            found.append(text)
    if not found and (service.fees_description or service.fees):
        found.append(service.fees_description or service.fees)
    return "; ".join(found)


def categories(service: Service) -> list[str]:
    """The names of its categories, as this directory shows them (a category from another
    directory under the name of ours it is shown as), each once."""
    names = [(a.taxonomy_term.same_as or a.taxonomy_term).name for a in service.attributes.all()]
    return list(dict.fromkeys(name for name in names if name))


def checked(service: Service, today: date) -> Checked:
    on = service.last_checked_on or service.assured_date
    if service.last_checked_on:
        by = service.last_checked_by.full_name if service.last_checked_by else ""
    elif service.assured_date:
        by = service.assurer_email or (f"the {service.source} directory" if service.source else "")
    else:
        by = ""
    hidden = hides_unchecked() and (on is None or on < check_due(today, public=True))
    return Checked(on=on, by=by, due=on is None or on < check_due(today), hidden=hidden)


def listing(service: Service, *, today: date, near: tuple[float, float] | None = None) -> Listing:
    found = places(service, near)
    nearest = next((p for p in found if p.on_map), found[0] if found else None)
    km = getattr(service, "distance_km", None)
    return Listing(
        service=service,
        number=0,
        places=found,
        nearest=nearest,
        times=times(service),
        cost=cost(service),
        categories=categories(service),
        checked=checked(service, today),
        miles=miles(km if km is not None else (nearest.km if nearest else None)),
    )


def listings(services, *, today: date, near: tuple[float, float] | None = None) -> list[Listing]:
    """``services`` described, those with a place on the map numbered from 1, as the map's
    markers are."""
    found = [listing(service, today=today, near=near) for service in services]
    number = 0
    for item in found:
        if item.nearest and item.nearest.on_map:
            number += 1
            item.number = number
    return found


def markers(listings: list[Listing], url) -> list[dict]:
    """What the map shows: a numbered marker for each listing that has a place on the map;
    ``url(service)`` is the link to its page."""
    return [
        {
            "number": item.number,
            "name": item.service.name,
            "lat": item.nearest.latitude,
            "lon": item.nearest.longitude,
            "url": url(item.service),
        }
        for item in listings
        if item.nearest and item.nearest.on_map
    ]

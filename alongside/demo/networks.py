"""Demo networks that grow: the demo's builder calls :func:`grow_network` for most people it
walks alongside, so their network map and snapshots show realistic change over a year."""

import random
from datetime import date, timedelta

from alongside.networks.models import NetworkMember
from alongside.networks.services import (
    network_member_add,
    network_member_move,
    network_member_remove,
    network_snapshot_take,
)
from alongside.networks.ties import Flow, Kind, Ring
from alongside.people.models import Person

PAID = [
    "GP (Dr {surname})",
    "Support worker {first}",
    "Social worker",
    "Housing officer",
    "Community nurse",
    "Health visitor",
]
COMMUNITY = {
    Kind.GROUP: [
        "Tuesday walking group",
        "Knit and natter",
        "Community choir",
        "Men's shed",
        "Allotment society",
        "Repair café",
        "Parent and toddler group",
        "Park run",
        "Friday lunch club",
    ],
    Kind.FRIEND: ["Friend from the café", "Old school friend {first}", "{first} from the choir"],
    Kind.NEIGHBOUR: ["Neighbour at {number}", "{first} next door", "Neighbour across the road"],
    Kind.WORK: ["Food bank volunteers", "Colleague {first}", "College tutor"],
    Kind.FAITH: ["St Michael's church", "Mosque on Brudenell Road", "Gurdwara langar"],
    Kind.ONLINE: ["WhatsApp street group", "Carers' Facebook group"],
}
FLOWS = list(Flow.values)


def grow_network(
    *,
    rng: random.Random,
    fake,
    user,
    person: Person,
    family: list[tuple[str, str]],
    start: date,
    end: date,
) -> None:
    """Build a network from ``start`` (soon after the decision) to ``end``, keeping a
    snapshot at each review: family and paid workers first, community connections later,
    people moving closer as trust grows, the odd paid worker leaving."""
    members: list[NetworkMember] = []
    used: set[str] = set()

    def add(label: str, kind: str, ring: int) -> None:
        if label.lower() in used:
            return
        used.add(label.lower())
        gives = sorted(rng.sample(FLOWS, rng.randint(0, 2))) if kind != Kind.PAID else []
        receives = sorted(rng.sample(FLOWS, rng.randint(0, 2)))
        members.append(
            network_member_add(
                user=user,
                person=person,
                label=label,
                kind=kind,
                ring=ring,
                gives=gives,
                receives=receives,
                frequency=rng.choice(["daily", "weekly", "monthly", "less"]),
            )
        )

    def fill(template: str) -> str:
        return template.format(
            first=fake.first_name(), surname=fake.last_name(), number=rng.randint(2, 60)
        )

    for name, relationship in family[:4]:
        add(
            f"{name} ({relationship})",
            Kind.FAMILY,
            rng.choice([Ring.INNER, Ring.INNER, Ring.CLOSE]),
        )
    for template in rng.sample(PAID, rng.randint(1, 2)):
        add(fill(template), Kind.PAID, Ring.FORMAL)
    if rng.random() < 0.5:
        add(fill(rng.choice(COMMUNITY[Kind.NEIGHBOUR])), Kind.NEIGHBOUR, Ring.AROUND)

    reviews = rng.randint(2, 4)
    span = max((end - start).days, reviews)
    for i in range(reviews):
        on = min(start + timedelta(days=round(span * i / max(reviews - 1, 1))), end)
        if i:
            for _ in range(rng.randint(1, 3)):  # new connections, mostly unpaid
                kind = rng.choice(list(COMMUNITY))
                add(fill(rng.choice(COMMUNITY[kind])), kind, rng.choice([Ring.CLOSE, Ring.AROUND]))
            unpaid = [m for m in members if m.deleted_at is None and m.ring in (2, 3)]
            if unpaid:  # trust grows: someone moves closer
                mover = rng.choice(unpaid)
                network_member_move(
                    user=user, network_member=mover, closer=True, expected_version=mover.version
                )
                mover.refresh_from_db()
            paid = [m for m in members if m.deleted_at is None and m.kind == Kind.PAID]
            if len(paid) > 1 and rng.random() < 0.4:  # a paid worker is no longer needed
                leaver = paid[-1]
                network_member_remove(
                    user=user, network_member=leaver, expected_version=leaver.version
                )
                leaver.refresh_from_db()
        network_snapshot_take(user=user, person=person, taken_on=on, note="")

"""Community life in the demo areas: what people love about each, what they do together and
would like to see, from dated community conversations; partners with their contacts, what
they give and what was done together; projects with their updates; and a few people who
agreed to be named as getting involved or taking part. Hunslet & Riverside is deliberately
thin (one conversation, no partners yet), as a newly started area is.

Everything is written through the communities services, so it is checked as a coordinator's
typing would be."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from alongside.accounts.models import Area, User
from alongside.communities import services
from alongside.communities.models import (
    CommunityConversation,
    Partner,
    ProfileEntry,
    Project,
)
from alongside.connections.models import Contribution, Opportunity
from alongside.directory.models import Postcode
from alongside.people.models import Person, Status

THIN = "Hunslet & Riverside"


@dataclass(frozen=True)
class Talk:
    title: str
    where: str
    days_ago: int
    people: int
    great: tuple[str, ...] = ()
    together: tuple[str, ...] = ()
    aspiration: tuple[str, ...] = ()
    names: str = ""


@dataclass(frozen=True)
class Friend:  # a partner
    name: str
    kind: str
    relationship: str
    offers: str
    contact: tuple[str, str, str, str]  # name, role, work email, work phone
    gives: tuple[tuple[str, str], ...] = ()  # kind, what
    history: tuple[tuple[int, str], ...] = ()  # days ago, what


@dataclass(frozen=True)
class Plan:  # a project
    title: str
    about: str
    days_ago: int
    started_by: str
    who: str
    status: str
    what_changed: str
    partners: tuple[str, ...] = ()
    updates: tuple[tuple[int, str], ...] = field(default_factory=tuple)
    public: bool = False


AREAS: dict[str, tuple[tuple[Talk, ...], tuple[Friend, ...], tuple[Plan, ...]]] = {
    "Headingley & Hyde Park": (
        (
            Talk(
                "Coffee morning at Hyde Park Community Centre",
                "Hyde Park Community Centre",
                70,
                18,
                great=(
                    "The park on a sunny evening, everyone out",
                    "Neighbours who look out for each other on our street",
                ),
                together=(
                    "The Unity Day picnic every July",
                    "Litter picks with the residents' group",
                ),
                aspiration=(
                    "Somewhere for teenagers to go in the evenings",
                    "A bench by the bus stop on Hyde Park Road",
                ),
                names="Maureen, Kwame, Aisha (who agreed to be named)",
            ),
            Talk(
                "Stall at the Headingley summer fair",
                "Headingley Central",
                40,
                55,
                great=("The library: it's warm, it's free and they know your name",),
                together=("The community orchard on Cardigan Road",),
                aspiration=("A repair café this side of the ring road",),
            ),
            Talk(
                "Residents' meeting, Brudenell streets",
                "Brudenell Social Club",
                12,
                23,
                aspiration=("Fewer bins left out on the pavements all week",),
            ),
        ),
        (
            Friend(
                "Brudenell Social Club",
                "business",
                "working_together",
                "The back room free on Tuesday mornings; posters on the noticeboard.",
                ("Nathan Clarke", "Manager", "events@brudenell.example", "0113 496 0701"),
                (("space", "The back room free on Tuesday mornings"),),
                (
                    (60, "Agreed the Tuesday room for the men's group"),
                    (20, "Hosted the residents' meeting"),
                ),
            ),
            Friend(
                "Hyde Park Community Centre",
                "community",
                "working_together",
                "Rooms, a kitchen and a garden; a friendly welcome desk.",
                ("Gill Parsons", "Centre coordinator", "hello@hydeparkcc.example", "0113 496 0605"),
                (
                    ("space", "The hall for the coffee morning, first Friday of the month"),
                    ("opportunities", "Volunteers for the garden"),
                ),
                ((90, "Planned the coffee mornings together"),),
            ),
            Friend(
                "Woodhouse Surgery",
                "health",
                "getting_to_know",
                "Social prescribing link worker; introduces people to the coordinator.",
                (
                    "Dr Anjali Rao",
                    "GP partner",
                    "reception@woodhouse-surgery.example",
                    "0113 496 0720",
                ),
                history=((30, "Met the practice team to explain Local Area Coordination"),),
            ),
            Friend(
                "Leeds Student Volunteers",
                "voluntary",
                "interested",
                "Students who would like to help at lunch clubs and the orchard.",
                ("Priya Natarajan", "Volunteering officer", "volunteer@lsv.example", ""),
            ),
        ),
        (
            Plan(
                "Cardigan Road community orchard",
                "Neighbours planting and looking after fruit trees on the old allotment corner.",
                300,
                "people",
                "Maureen and neighbours on Cardigan Road",
                "running",
                "Twelve trees planted; people who never spoke now share the harvest.",
                ("Hyde Park Community Centre",),
                (
                    (200, "Planted the first six trees"),
                    (60, "First apples shared at the Unity Day picnic"),
                ),
                public=True,
            ),
            Plan(
                "Tuesday men's group",
                "A cup of tea and a chat for men who would like company, in the Brudenell's "
                "back room.",
                50,
                "coordinator",
                "",
                "starting",
                "",
                ("Brudenell Social Club",),
                ((30, "Four men came to the first one"),),
            ),
        ),
    ),
    "Kirkstall": (
        (
            Talk(
                "Warm Welcome coffee morning",
                "Kirkstall Community Hub",
                45,
                26,
                great=(
                    "The abbey grounds: free, beautiful and always there",
                    "The hub: you can just turn up",
                ),
                together=("The repair café, last Saturday of the month",),
                aspiration=("Walks for people who are slower on their feet",),
            ),
            Talk(
                "Kirkstall Festival stall",
                "Abbey Road",
                110,
                80,
                great=("The festival itself",),
                together=("Canal clean-ups",),
            ),
        ),
        (
            Friend(
                "Kirkstall Community Hub",
                "community",
                "working_together",
                "The hall, a kitchen, the repair café and a warm space in winter.",
                (
                    "Bernie Walsh",
                    "Hub manager",
                    "info@kirkstall-community-hub.example",
                    "0113 496 0611",
                ),
                (
                    ("space", "The hall for the Warm Welcome coffee morning"),
                    ("opportunities", "Volunteers for the repair café"),
                ),
                ((100, "Started the Warm Welcome coffee mornings together"),),
            ),
            Friend(
                "Kirkstall Bridge Inn",
                "business",
                "getting_to_know",
                "A quiet corner on weekday afternoons.",
                ("Sam Hughes", "Landlord", "", "0113 496 0733"),
            ),
        ),
        (
            Plan(
                "Saturday abbey walk",
                "A gentle walk round the abbey grounds, at the pace of the slowest walker.",
                160,
                "people",
                "Two walkers who met at the coffee morning",
                "running",
                "A dozen regulars; two now lead it on their own.",
                ("Kirkstall Community Hub",),
                ((120, "First walk: five people"), (40, "Two walkers trained as walk leaders")),
                public=True,
            ),
        ),
    ),
    "Beeston & Holbeck": (
        (
            Talk(
                "Cross Flatts Park community day",
                "Cross Flatts Park",
                80,
                64,
                great=("Cross Flatts Park and its bandstand", "So many languages on one street"),
                together=("Eid and Diwali on the park", "The food bank at the church"),
                aspiration=(
                    "A community garden where the old bowling green was",
                    "English conversation for mums at the school gate",
                ),
            ),
            Talk(
                "Tea at Holbeck Community Centre",
                "Holbeck Community Centre",
                25,
                14,
                great=("The pensioners' lunch",),
            ),
        ),
        (
            Friend(
                "Holbeck Community Centre",
                "community",
                "working_together",
                "Rooms, the pensioners' lunch and a warm space.",
                ("Tariq Mahmood", "Centre manager", "office@holbeckcc.example", "0113 496 0745"),
                (
                    ("space", "A room for English conversation"),
                    ("time", "Two volunteers for the lunch"),
                ),
                ((70, "Agreed a room for the conversation group"),),
            ),
            Friend(
                "St Mary's Church",
                "faith",
                "working_together",
                "The food bank, a hall and a congregation who like to help.",
                ("Rev. Helen Okafor", "Vicar", "office@stmarysbeeston.example", "0113 496 0750"),
                (("money", "£200 for the garden's tools"),),
                ((50, "Talked about the old bowling green"),),
            ),
            Friend(
                "Beeston Hill Primary School",
                "education",
                "getting_to_know",
                "The school gate, and a room after drop-off.",
                (
                    "Mrs Joanne Reid",
                    "Family support worker",
                    "office@beestonhill.example",
                    "0113 496 0760",
                ),
            ),
        ),
        (
            Plan(
                "English conversation at the school gate",
                "Mums practising English over a cup of tea after drop-off.",
                90,
                "people",
                "Mums from Beeston Hill Primary School",
                "running",
                "Mums who did not know each other now meet outside school too.",
                ("Beeston Hill Primary School", "Holbeck Community Centre"),
                ((60, "Eight came; one brought her neighbour"),),
            ),
            Plan(
                "Bowling green garden",
                "Turning the old bowling green into a community garden.",
                30,
                "group",
                "St Mary's Church and neighbours",
                "idea",
                "",
                ("St Mary's Church",),
            ),
        ),
    ),
    THIN: (
        (
            Talk(
                "First coffee morning",
                "Hunslet Community Hub",
                9,
                6,
                great=("The people at the hub",),
            ),
        ),
        (),
        (),
    ),
}


def _postcodes(area: Area) -> list[str]:
    found: list[str] = []
    for sector in area.postcode_prefixes():
        found += list(
            Postcode.objects.filter(postcode__startswith=sector)
            .order_by("postcode")
            .values_list("postcode", flat=True)[:20]
        )
    return found


def make_communities(*, today: date, coordinators: list[User], seed: int = 17) -> None:
    rng = random.Random(seed)
    for area in Area.objects.order_by("name"):
        talks, friends, plans = AREAS.get(area.name, ((), (), ()))
        user = next((c for c in coordinators if c.areas.filter(pk=area.pk).exists()), None)
        if user is None:
            continue
        places = _postcodes(area) or [""]
        for talk in talks:
            said = [("great", w) for w in talk.great] + [("together", w) for w in talk.together]
            said += [("aspiration", w) for w in talk.aspiration]
            services.community_conversation_save(
                user=user,
                conversation=None,
                values={
                    "area": area,
                    "on": today - timedelta(days=talk.days_ago),
                    "title": talk.title,
                    "where": talk.where,
                    "people_there": talk.people,
                    "names": talk.names,
                },
                said=said,
            )
        # A few of what people said are on the area's public page.
        for entry in ProfileEntry.objects.filter(area=area, kind="great").order_by("pk")[:2]:
            services.profile_entry_save(
                user=user, entry=entry, values={"public": True}, expected_version=entry.version
            )
        partners = {}
        for friend in friends:
            partner = services.partner_save(
                user=user,
                partner=None,
                values={
                    "area": area,
                    "name": friend.name,
                    "kind": friend.kind,
                    "relationship": friend.relationship,
                    "offers": friend.offers,
                    "postcode": rng.choice(places),
                },
            )
            partners[friend.name] = partner
            name, role, email, phone = friend.contact
            services.partner_contact_add(
                user=user,
                partner=partner,
                values={"name": name, "role": role, "email": email, "phone": phone},
            )
            for kind, what in friend.gives:
                chance = (
                    Opportunity.objects.filter(area=area).order_by("pk").first()
                    if kind == "opportunities"
                    else None
                )
                services.partner_contribution_add(
                    user=user,
                    partner=partner,
                    values={
                        "kind": kind,
                        "what": what,
                        "opportunity": chance,
                        "since": today - timedelta(days=60),
                    },
                )
            for days_ago, what in friend.history:
                services.partner_event_add(
                    user=user, partner=partner, on=today - timedelta(days=days_ago), what=what
                )
        projects = []
        for plan in plans:
            project = services.project_save(
                user=user,
                project=None,
                values={
                    "area": area,
                    "title": plan.title,
                    "about": plan.about,
                    "started_on": today - timedelta(days=plan.days_ago),
                    "started_by": plan.started_by,
                    "started_by_who": plan.who,
                    "status": plan.status,
                    "what_changed": plan.what_changed,
                    "public": plan.public,
                    "postcode": rng.choice(places),
                },
                partners=[partners[name] for name in plan.partners if name in partners],
            )
            projects.append(project)
            for days_ago, what in plan.updates:
                services.project_update_add(
                    user=user, project=project, on=today - timedelta(days=days_ago), what=what
                )
        _people_involved(area, user, today, projects)


def _people_involved(area: Area, user: User, today: date, projects: list[Project]) -> None:
    """Two or three people supported in the area who would like to get involved, and (where
    the area has projects) the same people in one, with a contribution where they have one."""
    supported = list(Person.objects.filter(area=area, status=Status.ACTIVE).order_by("pk")[:3])
    agreed = {"agreed_on": today - timedelta(days=20), "how_agreed": "In person, at a visit"}
    wishes = ["Help run the coffee morning", "Start a walking group", "Teach some cooking"]
    for person, wish in zip(supported, wishes, strict=False):
        services.involvement_add(user=user, person=person, values={"what": wish, **agreed})
        if projects:
            contribution = Contribution.objects.filter(person=person).order_by("pk").first()
            services.project_person_add(
                user=user,
                project=projects[0],
                person=person,
                values={
                    "role": "contributes" if contribution else "takes_part",
                    "contribution": contribution,
                    **agreed,
                },
            )


def remove_communities() -> None:
    Project.objects.all().delete()
    Partner.objects.all().delete()
    ProfileEntry.objects.all().delete()
    CommunityConversation.objects.all().delete()

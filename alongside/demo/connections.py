"""Demo connections and contributions: the demo's builder calls :func:`make_connections` once,
after it has made its people, so the demo shows people connected with their community and
giving to it, as months of real use would.

* Chances to contribute in every area (4 to 6 each), some part of a resource in the directory.
* For the people walked alongside or given a connection: connections with the directory's
  community resources, with groups not in it, with chances to contribute and (both agreeing)
  with each other, at every stage, dated in the past. Some went along four or five weeks ago,
  so every coordinator (Priya Shah among them) has a follow-up due on My day; some are still
  going at three months (sustained); some ended, each with its reason.
* Contributions for about one in four of them, a few formal services sought once the person's
  own, family and community strengths were explored, gaps where nothing fitted, what suits
  about half of them, and a shortlist for a few.

Everything is written through ``alongside.connections.services``, which dates what it makes
from the dates passed in. Only the ``rng`` passed in is used, so two runs make the same data.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from alongside.accounts.models import Area, User
from alongside.connections.models import (
    ConnectionKind,
    Control,
    EndedReason,
    Need,
    Opportunity,
    OpportunityKind,
    Outcome,
    Stage,
    Theme,
    WhoApplied,
)
from alongside.connections.queries import follow_ups_due
from alongside.connections.services import connection_add, connection_move, opportunity_save
from alongside.connections.services_records import (
    contribution_add,
    formal_service_add,
    gap_add,
    shortlist_add,
    what_suits_save,
)
from alongside.directory.models import Address, Postcode, Service
from alongside.people.models import GiftTerm, Level, Person, StepBackReason


@dataclass(frozen=True)
class Supported:
    """Someone the builder walked alongside or gave a connection, as it knew them: their
    demo story (``situation``), the words it fills in (``ctx``), when the support began and
    when it ended (today for the people supported now)."""

    person: Person
    coordinator: User
    situation: str
    ctx: dict
    start: date
    end: date
    walking: bool
    stepped_back: str = ""  # the StepBackReason, for those stepped back from


def _parts(text: str, count: int) -> list[str]:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != count:
        raise ValueError(f"Expected {count} parts separated by '|' in {text!r}")
    return parts


# --------------------------------------------------------------------------------------------
# Chances to contribute, in each area: team knowledge with an organisation's contact details.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chance:
    key: str  # what the stories below call it
    title: str
    kind: str
    description: str
    where: str
    when: str
    days: str
    times: str
    contact: str
    gifts: tuple[str, ...]
    doing: str  # what someone who gives this time does, for their contribution
    service: str = ""  # the directory resource it is part of


L, V, SK, HN, ST = (
    OpportunityKind.LEADING,
    OpportunityKind.VOLUNTEERING,
    OpportunityKind.SHARING_A_SKILL,
    OpportunityKind.HELPING_A_NEIGHBOUR,
    OpportunityKind.STEERING,
)
CHANCES = {
    "Headingley & Hyde Park": (
        Chance(
            "lunch_cook",
            "Cook for the Friday lunch club",
            V,
            "Help the cook make a hot two-course lunch for thirty older neighbours, then sit "
            "down and eat with them. No catering experience needed, just a love of feeding "
            "people.",
            "Hyde Park Community Centre",
            "Friday mornings, 9.30 to 12",
            "FR",
            "morning",
            "Anne, lunch club coordinator: 0113 496 0601, lunchclub@hyde-park-community-centre"
            ".example",
            ("Cooking", "Baking", "Welcoming newcomers"),
            "Cooks for the Friday lunch club",
            "Friday Lunch Club",
        ),
        Chance(
            "reading",
            "Read with children at Headingley library",
            SK,
            "Share stories with children aged 4 to 8 at the Saturday story time, and help the "
            "ones who find reading hard to enjoy it.",
            "Headingley library",
            "Saturday mornings, 10 to 11.30",
            "SA",
            "morning",
            "Library team: 0113 496 0602, headingley.library@leeds-libraries.example",
            ("Reading", "Good with children", "Patience", "Storytelling"),
            "Reads with children at the Saturday story time",
        ),
        Chance(
            "steering",
            "Join the steering group of Hyde Park Community Centre",
            ST,
            "Help decide what the centre runs, and for whom. The group is mostly people who use "
            "the centre; newcomers are very welcome and nobody needs to have done it before.",
            "Hyde Park Community Centre",
            "First Wednesday of the month, 6.30 to 8pm",
            "WE",
            "evening",
            "Centre manager: 0113 496 0603, hello@hyde-park-community-centre.example",
            ("Organisation", "Bringing people together", "Numbers and bookkeeping", "Honesty"),
            "Sits on the steering group of Hyde Park Community Centre",
        ),
        Chance(
            "befriend",
            "Befriend a neighbour who lives alone",
            HN,
            "A weekly phone call or a cup of tea with an older neighbour who would love the "
            "company. Training and a named contact are provided.",
            "Near where you live",
            "An hour a week, at a time that suits you both",
            "",
            "",
            "Telephone Friends, Leeds Older People's Forum: 0113 496 0604, "
            "friends@leeds-older-peoples-forum.example",
            ("Listening", "Kindness", "Patience", "Making people laugh"),
            "Befriends a neighbour who lives alone, with a weekly call",
            "Telephone Friends",
        ),
        Chance(
            "garden",
            "Help in the garden at Cardigan Road Allotment",
            V,
            "Dig, plant, water and share the harvest with neighbours. Tools, gloves and tea "
            "provided; there is a bench for anyone who would rather advise.",
            "Cardigan Road Allotment",
            "Thursday and Saturday mornings",
            "TH,SA",
            "morning",
            "Allotment group, via Hyde Park Community Centre: 0113 496 0605",
            ("Gardening", "Patience"),
            "Helps in the garden at Cardigan Road Allotment",
            "Cardigan Road Allotment",
        ),
    ),
    "Kirkstall": (
        Chance(
            "repair",
            "Help at the repair café",
            SK,
            "Mend toasters, trousers, bikes and phones alongside the people who bring them, so "
            "they learn to fix them too. Any fixing skill is welcome.",
            "Kirkstall Community Hub",
            "Last Saturday of the month, 10 to 1",
            "SA",
            "morning",
            "Repair café team: 0113 496 0611, repair@kirkstall-community-hub.example",
            ("DIY and repairs", "Computers and phones", "Sewing and alterations", "Fixing bikes"),
            "Fixes things at the repair café",
        ),
        Chance(
            "welcome",
            "Welcome people at the Warm Welcome coffee morning",
            V,
            "Put the kettle on, say hello at the door and make sure nobody sits alone. Bakers "
            "especially welcome.",
            "Headingley St Columba church hall",
            "Tuesday and Thursday mornings",
            "TU,TH",
            "morning",
            "Church office: 0113 496 0612, office@headingley-st-columba.example",
            ("Welcoming newcomers", "Putting people at ease", "Baking"),
            "Welcomes people at the Warm Welcome coffee morning",
            "Warm Welcome Coffee Morning",
        ),
        Chance(
            "walk_lead",
            "Lead the Saturday walk round Kirkstall Abbey",
            L,
            "Lead a gentle hour's walk from the abbey along the canal, at the pace of the "
            "slowest walker. Free walk leader and first aid training.",
            "Kirkstall Abbey gates",
            "Saturday mornings, 10 to 11",
            "SA",
            "morning",
            "Leeds Walking Network: 0113 496 0613, walks@leeds-walking-network.example",
            ("Walking", "Encouraging others", "Local history", "First aid"),
            "Leads the Saturday walk round Kirkstall Abbey",
        ),
        Chance(
            "shed",
            "Share your woodwork at the Men's Shed",
            SK,
            "Show others how to make bird boxes, benches and toys for the nursery. The shed has "
            "the tools; it needs patient people who know how to use them.",
            "Kirkstall Men's Shed",
            "Monday and Thursday, 10 to 3",
            "MO,TH",
            "morning,afternoon",
            "Shed secretary: 0113 496 0614, hello@kirkstall-mens-shed.example",
            ("DIY and repairs", "Patience", "Encouraging others"),
            "Shows others woodwork at the Men's Shed",
            "Kirkstall Men's Shed",
        ),
        Chance(
            "garden",
            "Look after the polytunnel at Grow Together Garden",
            V,
            "Water, pot on and keep the polytunnel going between the Saturday sessions, with "
            "two others on a rota.",
            "Grow Together Garden",
            "One weekday morning a week, and Saturdays",
            "MO,WE,SA",
            "morning",
            "Kirkstall Valley Growers: 0113 496 0615, hello@kirkstall-valley-growers.example",
            ("Gardening", "Reliability"),
            "Looks after the polytunnel at Grow Together Garden",
            "Grow Together Garden",
        ),
    ),
    "Beeston & Holbeck": (
        Chance(
            "stay_play",
            "Help run the Stay and Play",
            V,
            "Set out the toys, lead a song or two and chat with parents who are new to the "
            "area. DBS check arranged by the children's centre.",
            "Beeston Children's Centre",
            "Monday and Wednesday mornings",
            "MO,WE",
            "morning",
            "Children's centre: 0113 496 0621, hello@beeston-childrens-centre.example",
            ("Good with children", "Childcare", "Singing", "Welcoming newcomers"),
            "Helps run the Stay and Play",
            "Stay and Play",
        ),
        Chance(
            "cafe_cook",
            "Cook at the Pay-as-you-feel Café",
            V,
            "Turn the day's surplus food into soup, stews and cakes, with a team that never "
            "knows what the van will bring. Food hygiene training provided.",
            "Pay-as-you-feel Café",
            "Monday, Wednesday and Friday, 10 to 3",
            "MO,WE,FR",
            "morning,afternoon",
            "Real Junk Food Leeds: 0113 496 0622, volunteer@real-junk-food-leeds.example",
            ("Cooking", "Baking", "Generosity"),
            "Cooks at the Pay-as-you-feel Café",
            "Pay-as-you-feel Café",
        ),
        Chance(
            "steering",
            "Join the steering group of Holbeck Community Centre",
            ST,
            "A say in how the centre is run, what it offers and how it spends its grants. "
            "Meetings are friendly and short, with tea.",
            "Holbeck Community Centre",
            "Second Thursday of the month, 6 to 7.30pm",
            "TH",
            "evening",
            "Centre office: 0113 496 0623, office@holbeck-community-centre.example",
            ("Organisation", "Bringing people together", "Honesty", "Numbers and bookkeeping"),
            "Sits on the steering group of Holbeck Community Centre",
        ),
        Chance(
            "reading",
            "Read with children at Beeston library",
            SK,
            "Listen to children read after school and help them choose books they will love.",
            "Beeston library",
            "Tuesday and Thursday, 3.30 to 5",
            "TU,TH",
            "afternoon",
            "Library team: 0113 496 0624, beeston.library@leeds-libraries.example",
            ("Reading", "Good with children", "Patience", "Encouraging others"),
            "Reads with children after school at Beeston library",
        ),
        Chance(
            "languages",
            "Welcome new families at Beeston Hill Primary School",
            SK,
            "Meet families who have just arrived, in Polish, Urdu or Arabic, show them round "
            "and help at parents' evenings.",
            "Beeston Hill Primary School",
            "Friday afternoons, and the odd parents' evening",
            "FR",
            "afternoon",
            "School office: 0113 496 0625, office@beeston-hill-primary.example",
            ("Speaking Polish", "Speaking Urdu", "Speaking Arabic", "Welcoming newcomers"),
            "Welcomes new families in their own language at the school",
        ),
        Chance(
            "knitting",
            "Teach knitting at Knit and Natter",
            SK,
            "Help beginners cast on and pick up dropped stitches. The group knits blankets "
            "for the neonatal unit.",
            "St Michael's Church",
            "Wednesday afternoons",
            "WE",
            "afternoon",
            "St Michael's Church: 0113 496 0626, hello@st-michaels-church.example",
            ("Knitting", "Crafts", "Patience"),
            "Teaches knitting at Knit and Natter",
            "Knit and Natter",
        ),
    ),
    "Hunslet & Riverside": (
        Chance(
            "walk_lead",
            "Lead the Tuesday walk",
            L,
            "Lead the hour-long Walking for Wellbeing walk, waiting for everyone and ending "
            "with a cuppa. Free walk leader and first aid training.",
            "Hunslet Community Hub",
            "Tuesday mornings, 10 to 11.30",
            "TU",
            "morning",
            "Leeds Walking Network: 0113 496 0631, walks@leeds-walking-network.example",
            ("Walking", "Encouraging others", "First aid", "Reliability"),
            "Leads the Tuesday walk",
            "Walking for Wellbeing",
        ),
        Chance(
            "minibus",
            "Drive the community minibus to the lunch club",
            V,
            "Pick up four or five older neighbours and drive them to the lunch club and home "
            "again. Minibus training and insurance provided.",
            "Hunslet Community Hub",
            "Tuesday, 11 to 2",
            "TU",
            "morning,afternoon",
            "Hub office: 0113 496 0632, transport@hunslet-community-hub.example",
            ("Driving", "Reliability", "Patience"),
            "Drives the community minibus to the lunch club",
        ),
        Chance(
            "food_bank",
            "Sort and pack at Beeston Food Bank",
            V,
            "Check dates, sort the donations and pack parcels, with a friendly crew and a lot "
            "of tea.",
            "Beeston Food Bank",
            "Tuesday and Friday mornings",
            "TU,FR",
            "morning",
            "South Leeds Food Bank: 0113 496 0633, volunteer@south-leeds-food-bank.example",
            ("Organisation", "Reliability", "Generosity"),
            "Sorts and packs parcels at the food bank",
            "Beeston Food Bank",
        ),
        Chance(
            "conversation",
            "Chat over tea at the Conversation Club",
            V,
            "Help people practise everyday English by chatting about anything: the weather, "
            "football, what's for tea.",
            "Hamara Centre",
            "Wednesday mornings",
            "WE",
            "morning",
            "Hamara Centre: 0113 496 0634, hello@hamara-centre.example",
            ("Listening", "Putting people at ease", "Welcoming newcomers"),
            "Chats with people learning English at the Conversation Club",
            "Conversation Club",
        ),
        Chance(
            "memory",
            "Sing and serve tea at the Memory Café",
            V,
            "Make the tea, lead the old songs and sit with people living with dementia and "
            "those who love them.",
            "Memory Café",
            "Thursday afternoons, 2 to 4",
            "TH",
            "afternoon",
            "Leeds Dementia Friends: 0113 496 0635, cafe@leeds-dementia-friends.example",
            ("Singing", "Music", "Patience", "Kindness"),
            "Sings and serves tea at the Memory Café",
            "Memory Café",
        ),
    ),
}

# --------------------------------------------------------------------------------------------
# What each story's person might be connected with: "kind | name | why | what they hope for".
# A resource is named as the demo directory names it, a chance to contribute by its key above,
# a group by its name (filled in like the stories: {centre}, {library}, {school}...).
# --------------------------------------------------------------------------------------------

OFFERS = {
    "bereavement": (
        "resource | Friday Lunch Club | {name} used to go to a lunch club years ago and misses "
        "company at mealtimes. | A hot lunch with people who know {pos} name.",
        "group | Community garden at {centre} | {name} keeps {late_name}'s roses going and has "
        "more tomatoes than {sub} can eat. | Something to do with {pos} hands, and people to "
        "share the harvest with.",
        "resource | Walking for Wellbeing | {name} would like to get out more but not on {pos} "
        "own. | A reason to be out of the house on a Tuesday.",
        "resource | Knit and Natter | A friend from the lunch club goes and asked {name} "
        "along. | A chat and a cuppa in the afternoon.",
        "resource | Telephone Friends | The evenings are the hardest. | Someone to talk to on "
        "the long evenings.",
        "opportunity | garden | {name}'s gift for gardening, and the roses. | Feeling useful "
        "again.",
    ),
    "carer": (
        "resource | Carers' Café | {name} has not had time for {refl} in two years. | Time with "
        "people who understand, and advice about a break.",
        "resource | Memory Café | Somewhere {name} and {f0} can go together. | An afternoon out "
        "where nobody minds if {f0} sings along.",
        "group | Thursday community choir at {centre} | {name} misses {pos} choir more than "
        "anything. | One evening a week that is {pos} own.",
        "resource | Beeston Community Choir | {name} misses singing. | Singing again, with a "
        "sitter at home.",
    ),
    "work": (
        "group | Repair café at {centre} | {name} is good at fixing things and wants to get out "
        "of his room. | Somewhere to use his skills, and something for his CV.",
        "resource | Digital Drop-in | {name} knows phones and laptops inside out. | Helping "
        "others, and getting used to new people.",
        "group | Thursday five-a-side at the leisure centre | Two lads from the repair café "
        "play. | Mates to go out with, not just online.",
        "opportunity | repair | {name} can fix pretty much any phone screen. | Experience he "
        "can put on his CV.",
    ),
    "eviction": (
        "resource | Stay and Play | {name}'s youngest has not been to a group yet. | Other "
        "parents to talk to.",
        "resource | Money Advice Drop-in | The arrears and the letters. | Knowing where she "
        "stands with the money.",
        "resource | Holbeck Community Pantry | Money is tight until the rent is sorted. | Good "
        "food for the children without the worry.",
        "opportunity | stay_play | {name} used to help at a nursery and loves children. | "
        "Something of her own, and a step towards the childcare course.",
    ),
    "new_to_area": (
        "resource | Conversation Club | {name} wants to speak English without being shy. | "
        "Confidence, and people to practise with.",
        "group | English conversation group at {library} | It fits around {pos} night shifts. "
        "| Speaking English with neighbours and the doctor.",
        "group | International cooking night at {centre} | {name} is a wonderful cook. | "
        "Meeting people over food.",
        "group | Coffee after the Polish Mass at St Anne's | Other Polish families, and a bit of "
        "home. | Friends {sub} can call for coffee.",
        "opportunity | languages | {name} speaks Polish and knows how lonely arriving is. | "
        "Helping families who are where {sub} was a year ago.",
    ),
    "mental_health": (
        "resource | Walking for Wellbeing | {name} used to love being outdoors. | A bit of "
        "shape to the week, at {pos} own pace.",
        "group | Wednesday health walk from {library} | A gentle walk with a leader who waits. "
        "| Being outside, with people but no pressure to talk.",
        "group | Community garden at {centre} | {name} wants to feel useful again. | Something "
        "that feels like {pos} own.",
        "resource | Hearing Voices Group | Peer support, with people who have been there. | "
        "Not having to explain.",
        "resource | Community Art Room | {name} takes beautiful photos and wondered about "
        "printing some. | Making something, in good company.",
    ),
    "learning_disability": (
        "group | Monthly disco for young adults at {centre} | {name} loves music and dancing. | "
        "Friends of {pos} own.",
        "group | Inclusive drama group at {centre} | {name} makes everyone laugh. | Being on "
        "stage one day.",
        "resource | Pay-as-you-feel Café | {name} would love to work in a café. | Learning the "
        "job, and people saying thank you.",
        "group | Leeds Rhinos Foundation community sessions | {name} likes sport and buses to "
        "get there. | Going on {pos} own.",
    ),
    "after_a_fall": (
        "group | The working men's club | {name} misses the lads. | A pint on a Friday and the "
        "rugby on the telly.",
        "group | Local history society | {name} has forty years of foundry stories. | Telling "
        "them to people who want to hear.",
        "resource | Walking Football | Gentle exercise the physio recommended. | Getting his "
        "legs back.",
        "resource | Telephone Friends | {name} lives alone and worries about nobody knowing. | "
        "A call every week.",
        "resource | Kirkstall Lunch Club | Company at lunchtime, with transport. | A hot meal "
        "and a game of bingo.",
    ),
    "single_parent": (
        "resource | Stay and Play | {name} talks to nobody but her little boy all week. | "
        "Friends for both of them.",
        "group | Parents' coffee morning at {school} | {f0} starts nursery in September. | "
        "Knowing some faces at the school gate.",
        "group | Zumba at {centre} | {name} used to love dancing. | Something just for her.",
        "resource | Woodhouse Moor Park Run walkers | A Saturday outing with the buggy. | Fresh "
        "air and a chat.",
    ),
    "pain": (
        "group | Chair yoga at {centre} | Exercise that {name}'s back can manage. | Moving more, "
        "at {pos} own pace.",
        "resource | Benefits Check Clinic | Money is tight since the sick pay stopped. | "
        "Knowing what {sub} is entitled to.",
        "opportunity | minibus | {name} drove buses for twenty years. | Being useful, a few "
        "hours a week.",
        "resource | Walking Football | {name} misses being part of a team. | Company, and "
        "getting fitter.",
    ),
    "refugee_family": (
        "group | Thursday sewing group at {centre} | {name} was a tailor for twenty years. | "
        "Using {pos} trade, and friends.",
        "resource | Conversation Club | {name}'s English is coming on and {sub} wants to "
        "practise. | Confidence to talk to the neighbours.",
        "group | Saturday maths club at {library} | For {f1}, top of her class in maths. | A "
        "challenge, and friends who like maths too.",
        "opportunity | languages | {name} speaks Arabic and knows what arriving is like. | "
        "Giving back to the people who welcomed the family.",
    ),
    "home_in_a_state": (
        "group | Local history group at {library} | {name} has kept a diary of the street for "
        "thirty years. | People who value what {sub} knows.",
        "resource | Warm Welcome Coffee Morning | Somewhere warm with company. | Getting used "
        "to having people around again.",
        "resource | Bench Buddies | A natter outside, with no one coming in. | A friendly face "
        "every week.",
    ),
    "leaving_care": (
        "resource | Community Art Room | {name} draws portraits that look exactly like people. "
        "| Doing something with {pos} art.",
        "group | Young people's art collective at {centre} | Others {pos} age who make things. | "
        "Mates who are not paid to be there.",
        "resource | Money Advice Drop-in | Running out of money by Tuesday. | A budget that "
        "lasts the week.",
        "resource | Pay-as-you-feel Café | A cheap, good meal and a friendly place. | Knowing "
        "somewhere {sub} is welcome.",
    ),
    "drinking": (
        "resource | Kirkstall Men's Shed | {name} is a time-served joiner. | Back on the tools, "
        "and a reason not to drink.",
        "group | SMART Recovery meeting at {centre} | {name} wants to cut down. | People who "
        "know what it takes.",
        "group | Under-10s football at {school} | {name} would love to coach one day. | Doing "
        "something his kids are proud of.",
        "opportunity | shed | {name} can make anything out of wood. | Showing others how.",
    ),
    "retired_teacher": (
        "opportunity | reading | Thirty years teaching infants, and nothing for the children "
        "round here. | Getting a reading club started.",
        "group | Friends of {library} | The library is where {name} wants the club to be. | "
        "People to help run it.",
        "opportunity | steering | {name} is a born organiser. | A say in what the centre "
        "offers children.",
    ),
    "debt": (
        "resource | Money Advice Drop-in | The letters and the arrears. | A plan that lets "
        "{obj} sleep at night.",
        "resource | Holbeck Community Pantry | {name} has not been eating properly to save "
        "money. | Good food for a small fee.",
        "group | The bowls club | {name} gave it up because of the subs. | Going back now the "
        "money is straight.",
    ),
    "animals": (
        "group | Meanwood Valley Urban Farm | {name} loves animals and quiet places. | "
        "Volunteering that fits the way she is.",
        "group | RSPB Leeds local group | {name} knows every bird in the park by its song. | "
        "Sharing it with people who care as much.",
        "resource | Grow Together Garden | Outdoors, calm, and not too many people. | Something "
        "that's hers.",
    ),
    "whats_on": (
        "resource | Knit and Natter | {name} knits, and would like the company. | A chat and a "
        "cuppa.",
        "resource | Warm Welcome Coffee Morning | Feeling a bit cut off since a friend moved "
        "away. | Getting out a bit more.",
        "resource | Friday Lunch Club | Company at mealtimes. | A hot lunch with others.",
    ),
    "energy": (
        "resource | Money Advice Drop-in | Worried about the bills this winter. | Keeping warm "
        "without getting into debt.",
        "resource | Warm Welcome Coffee Morning | A warm space through the winter. | Somewhere "
        "warm to go.",
    ),
    "walking_group": (
        "group | Wednesday health walk from {library} | The practice nurse suggested walking. "
        "| Getting fitter with some company.",
        "resource | Walking for Wellbeing | Walk leaders wait for everyone. | Not walking alone.",
    ),
    "volunteer": (
        "group | Community garden at {centre} | Recently retired, and wants something "
        "practical. | Being useful and meeting people.",
        "opportunity | food_bank | {name} wants to do something practical. | Meeting people, "
        "doing some good.",
        "opportunity | repair | {name} is handy with DIY. | Sharing a skill.",
    ),
    "new_mum": (
        "group | Baby group at {centre} | First baby, and just moved here. | Other parents to "
        "talk to.",
        "resource | Stay and Play | Play and songs for the baby. | Friends for both of them.",
    ),
    "choir_after_stroke": (
        "group | St Mary's church choir | {name} has sung there for years. | Getting back to "
        "choir, with a lift.",
        "resource | Beeston Community Choir | Nearer home than {pos} old choir. | Singing again.",
    ),
    "pip_form": (
        "resource | Benefits Check Clinic | The PIP form. | Help with the form, and not going "
        "to the assessment alone.",
    ),
    "furniture": (
        "group | Emmaus Leeds furniture store | A bed and a cooker for the new flat. | Feeling "
        "settled.",
        "resource | Pay-as-you-feel Café | A cheap meal while the cooker is on its way. | "
        "Somewhere friendly nearby.",
    ),
    "neighbour_noise": (
        "group | Leeds Mediation Service | Falling out with the neighbours over noise. | "
        "Sorting it without the police.",
    ),
}
FALLBACK_OFFERS = (
    "resource | Warm Welcome Coffee Morning | Somewhere warm with company. | Getting out a "
    "bit more.",
    "resource | Pay-as-you-feel Café | A good meal in a friendly place. | Meeting people.",
)
KINDS = {"resource", "group", "opportunity"}


@dataclass(frozen=True)
class Offer:
    kind: str
    name: str
    why: str
    hopes: str

    @classmethod
    def parse(cls, text: str) -> "Offer":
        kind, name, why, hopes = _parts(text, 4)
        if kind not in KINDS:
            raise ValueError(f"Unknown kind of offer {kind!r} in {text!r}")
        return cls(kind, name, why, hopes)


OFFERED = {key: tuple(Offer.parse(text) for text in texts) for key, texts in OFFERS.items()}
FALLBACK = tuple(Offer.parse(text) for text in FALLBACK_OFFERS)

# Resources named after a place, offered only to people on that side of the city.
NORTH, SOUTH = "North West Leeds", "South Leeds"
PLACE_WORDS = {
    "Kirkstall": NORTH,
    "Headingley": NORTH,
    "Hyde Park": NORTH,
    "Woodhouse": NORTH,
    "Beeston": SOUTH,
    "Holbeck": SOUTH,
    "Hunslet": SOUTH,
}

# --------------------------------------------------------------------------------------------
# The words of each step of a connection's history.
# --------------------------------------------------------------------------------------------

NOTES = {
    Stage.SUGGESTED: (
        "Talked about it over a brew. {name} liked the sound of it and will think it over.",
        "{coord} gave {name} the details and the times.",
        "{name}'s own idea: {sub} had seen a poster at {library}.",
    ),
    Stage.INTRODUCED: (
        "{coord} rang the organiser, who will look out for {name}.",
        "Emailed the organiser with {name}'s agreement; they wrote back warmly and are "
        "expecting {obj}.",
        "Introduced {name} to the organiser at the open day at {centre}.",
    ),
    Stage.WENT_ALONG: (
        "{name} was nervous at the door but stayed to the end.",
        "{name} went on {pos} own and texted afterwards: 'really nice, going again'.",
        "The organiser made a fuss of {name} and introduced {obj} round.",
    ),
    "four_weeks": (
        "Rang {name}: been most weeks and knows a few people there now.",
        "Still going. {name} has swapped numbers with someone there.",
        "{name} missed a week when {sub} was poorly, but went back.",
    ),
    "sustained": (
        "Three months on it is part of {name}'s week; {sub} goes without thinking about it now.",
        "Still going after three months, and {name} has started helping to set up.",
        "{name} said it is the thing {sub} looks forward to most.",
    ),
}
TOGETHER = "Went along together the first time. "
ENDED_NOTES = {
    EndedReason.GOT_WHAT_THEY_NEEDED: "{name} got what {sub} needed from it and has moved on "
    "to other things.",
    EndedReason.NOT_FOR_THEM: "{name} gave it a fair go but it wasn't for {obj}. We'll look "
    "for something else.",
    EndedReason.NEVER_WENT: "{name} decided not to go after all. No pressure; the door is open.",
    EndedReason.COULD_NOT_GET_THERE: "The bus times changed and it's two buses now. Too much "
    "for {name} for the moment.",
    EndedReason.CIRCUMSTANCES: "{name}'s health has not been good and {sub} has stopped going "
    "for now.",
    EndedReason.STOPPED_RUNNING: "The group stopped meeting when the organiser moved away.",
    EndedReason.MOVED: "{name} has moved away.",
    EndedReason.OTHER: "It clashed with {name}'s new shifts.",
}
ENDED_WEIGHTS = {
    EndedReason.NOT_FOR_THEM: 3,
    EndedReason.COULD_NOT_GET_THERE: 2,
    EndedReason.CIRCUMSTANCES: 2,
    EndedReason.GOT_WHAT_THEY_NEEDED: 2,
    EndedReason.STOPPED_RUNNING: 1,  # groups only: a resource still listed is still running
    EndedReason.OTHER: 1,
}
# How far each connection got: plans, shortest first, and how often each is chosen.
PLANS = (
    "suggested",
    "introduced",
    "never_went",
    "recent",
    "due",
    "four_weeks",
    "ended",
    "sustained",
)
WEIGHTS_NOW = (14, 14, 4, 10, 6, 17, 8, 24)
AFTER_STEPPING_BACK = ("never_went", "ended", "sustained")
# One step of a connection's history: the stage, the day, and which note (or why it ended).
Step = tuple[str, date, str]

# --------------------------------------------------------------------------------------------
# Contributions: "what | where | how often | the chance to contribute's key, if any".
# --------------------------------------------------------------------------------------------

GIVES = {
    "bereavement": "Looks after the roses in the community garden and shows the volunteers "
    "how to prune | Community garden, {centre} | Thursday mornings | garden",
    "carer": "Brings home-made Yorkshire puddings to the Carers' Café and welcomes new carers | "
    "Carers' Café | Every other Monday | memory",
    "work": "Fixes laptops and phones at the repair café | Repair café, {centre} | The last "
    "Saturday of the month | repair",
    "eviction": "Helps run the stay and play: songs, stories and tidying up | Stay and play, "
    "{centre} | Monday mornings | stay_play",
    "new_to_area": "Cooks for the international cooking night and leads the Polish table | "
    "{centre} | Once a month | languages",
    "mental_health": "Volunteers in the community garden | Community garden, {centre} | "
    "Friday mornings | garden",
    "learning_disability": "Greets customers and clears tables at the café | The café on the "
    "high street | Friday mornings | ",
    "after_a_fall": "Gives talks about the foundry at the local history society | Local "
    "history society | A few times a year | ",
    "single_parent": "Cuts hair for people at the Friday lunch club | Friday lunch club, "
    "{centre} | Once a month | ",
    "pain": "Drives the community minibus to the lunch club | {centre} | Tuesdays | minibus",
    "refugee_family": "Helps run the Thursday sewing group and teaches alterations | Sewing "
    "group, {centre} | Thursday afternoons | languages",
    "home_in_a_state": "Writes a piece on the street's history for the residents' newsletter | "
    "Residents' association | Every season | ",
    "leaving_care": "Painted the mural in the youth room with other young people | {centre} | "
    "Saturdays, while it lasted | ",
    "drinking": "Helps coach the under-10s football team | {school} playing field | Saturday "
    "mornings | shed",
    "retired_teacher": "Runs a Saturday reading club for children | {library} | Saturday "
    "mornings | reading",
    "debt": "Keeps the books for the bowls club | The bowls club | Once a month | ",
    "animals": "Looks after the goats at the city farm | Meanwood Valley Urban Farm | Tuesday "
    "mornings | ",
    "whats_on": "Knits blankets for the neonatal unit | Knit and Natter | Wednesday "
    "afternoons | knitting",
    "walking_group": "Walks at the back of the health walk so nobody is left behind | Health "
    "walk from {library} | Wednesday mornings | walk_lead",
    "volunteer": "Helps in the community garden | Community garden, {centre} | Saturday "
    "mornings | garden",
    "choir_after_stroke": "Sings in the church choir and makes the teas | St Mary's church | "
    "Thursday evenings | ",
}
GIVING = {key: _parts(text, 4) for key, text in GIVES.items()}
GIVE_CHANCE = {"walking": 0.34, "light": 0.15}

# --------------------------------------------------------------------------------------------
# Formal services, gaps, and what suits people.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formal:
    situations: tuple[str, ...]
    need: str
    what: str
    who_applied: str
    outcome: str
    control: str
    note: str


FORMAL = (
    Formal(
        ("carer", "learning_disability"),
        Need.SOCIAL_CARE,
        "A social care assessment and support at home",
        WhoApplied.WITH_COORDINATOR,
        Outcome.AGREED,
        Control.DIRECT_PAYMENT,
        "Asked for after family and friends had done what they could. {name} chose a direct "
        "payment and pays a sitter {sub} knows, at the times that suit.",
    ),
    Formal(
        ("pain", "pip_form", "mental_health"),
        Need.BENEFITS,
        "Personal Independence Payment (PIP)",
        WhoApplied.WITH_COORDINATOR,
        Outcome.AGREED,
        Control.NOT_APPLICABLE,
        "{coord} helped {name} write the form in {pos} own words and went to the assessment "
        "with {obj}. Awarded the daily living part.",
    ),
    Formal(
        ("eviction", "home_in_a_state", "after_a_fall"),
        Need.HOUSING,
        "A housing transfer to a council home that suits better",
        WhoApplied.PERSON,
        Outcome.WAITING,
        Control.NOT_YET,
        "On the housing register and bidding every week. Nothing suitable near the places "
        "{name} knows yet.",
    ),
    Formal(
        ("after_a_fall", "carer"),
        Need.SOCIAL_CARE,
        "An occupational therapy home assessment: grab rails and a second banister",
        WhoApplied.WITH_COORDINATOR,
        Outcome.AGREED,
        Control.MANAGED,
        "Rails fitted within a month; {name} feels safe on the stairs again.",
    ),
    Formal(
        ("debt", "eviction", "leaving_care"),
        Need.BENEFITS,
        "A discretionary housing payment",
        WhoApplied.WITH_COORDINATOR,
        Outcome.PARTLY,
        Control.NOT_APPLICABLE,
        "Awarded for three months rather than six; {name} will ask again in the spring.",
    ),
)


@dataclass(frozen=True)
class Missing:
    area: str
    situations: tuple[str, ...]
    theme: str
    looked_for: str
    why: str


GAPS = (
    Missing(
        "Headingley & Hyde Park",
        ("carer", "bereavement"),
        Theme.FRIENDSHIP,
        "An evening group for carers who work in the day",
        "The Carers' Café is on Monday afternoons, and the only evening group is across the city.",
    ),
    Missing(
        "Headingley & Hyde Park",
        ("mental_health", "animals", "leaving_care"),
        Theme.WELLBEING,
        "A quiet walk for people who find groups hard",
        "The walking groups are friendly but big and chatty; nothing small or quiet, and "
        "nothing that welcomes a dog.",
    ),
    Missing(
        "Kirkstall",
        ("after_a_fall", "learning_disability", "pain"),
        Theme.GETTING_AROUND,
        "Step-free transport to Kirkstall leisure centre",
        "The nearest stop has no dropped kerb, community transport only goes to the hospital, "
        "and a taxi costs twelve pounds each way.",
    ),
    Missing(
        "Kirkstall",
        ("learning_disability", "leaving_care", "work"),
        Theme.FAMILIES,
        "Weekend activities for young adults with a learning disability",
        "The disco is once a month, on a weekday; everything at weekends is for children or "
        "needs a carer to come too.",
    ),
    Missing(
        "Beeston & Holbeck",
        ("new_to_area", "single_parent", "eviction"),
        Theme.FAITH_CULTURE,
        "A Polish-speaking parents' group",
        "The Polish Saturday school is in Bradford. The stay and play is lovely but in "
        "English only.",
    ),
    Missing(
        "Beeston & Holbeck",
        ("leaving_care", "work", "single_parent"),
        Theme.CREATIVE,
        "Free art classes for young adults",
        "The art room is two pounds a session and full of older people; the college course "
        "does not start until September.",
    ),
    Missing(
        "Hunslet & Riverside",
        ("drinking", "pain", "after_a_fall"),
        Theme.FRIENDSHIP,
        "A daytime men's group",
        "The Men's Shed is in Kirkstall, two buses away, and the club nearby is only open in "
        "the evening, with drink.",
    ),
    Missing(
        "Hunslet & Riverside",
        ("furniture", "leaving_care", "refugee_family"),
        Theme.PRACTICAL,
        "Help decorating a flat when moving in",
        "The furniture scheme brings a bed and a cooker, but nobody helps with paint, and "
        "decorators are out of reach.",
    ),
)

# Days, times, whether it must be free, and how far (km) they can get to.
SUITS = {
    "bereavement": ("MO,TU,WE,TH,FR", "morning,afternoon", False, "2"),
    "carer": ("WE", "afternoon", True, "3"),
    "work": ("", "afternoon,evening", True, "5"),
    "eviction": ("MO,TU,WE,TH,FR", "morning", True, "2"),
    "new_to_area": ("SA,SU", "morning,afternoon", True, ""),
    "mental_health": ("", "morning,afternoon", True, "4"),
    "learning_disability": ("MO,TU,WE,TH,FR,SA", "morning,afternoon", False, "8"),
    "after_a_fall": ("MO,TU,WE,TH,FR", "morning,afternoon", False, "1"),
    "single_parent": ("MO,TU,WE,TH,FR", "morning", True, "1.5"),
    "pain": ("TU,WE,TH", "morning", True, "3"),
    "refugee_family": ("MO,TU,TH,SA", "morning,afternoon", True, "3"),
    "home_in_a_state": ("", "afternoon", True, "1"),
    "leaving_care": ("", "afternoon,evening", True, "5"),
    "drinking": ("MO,TU,WE,TH,FR", "morning,afternoon", True, "3"),
    "retired_teacher": ("", "", False, ""),
    "debt": ("", "morning,afternoon", True, "2"),
    "animals": ("TU,WE", "morning", False, "10"),
}
# Situations whose people, both agreeing, might like to meet each other.
KINDRED = (
    ("carer",),
    ("bereavement", "after_a_fall", "whats_on"),
    ("single_parent", "new_mum", "eviction"),
    ("new_to_area", "refugee_family"),
)
DUE_KEPT = 4  # follow-ups left due on each coordinator's My day
MEET = (
    "Both have been through something similar and said they would like to meet someone who "
    "understands."
)


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


def make_connections(
    *,
    rng: random.Random,
    today: date,
    supported: list[Supported],
    coordinators: dict[int, list[User]],
) -> None:
    """Make the chances to contribute in each area, then connections, contributions, formal
    services, gaps, what suits and shortlists for the ``supported`` people."""
    builder = _Builder(rng=rng, today=today, coordinators=coordinators)
    builder.chances()
    for one in supported:
        builder.connect(one)
    builder.meet(supported)
    for one in supported:
        builder.give(one)
    builder.keep_up(supported)
    builder.formal_services(supported)
    builder.gaps(supported)
    builder.suits(supported)
    builder.shortlists(supported)


class _Builder:
    def __init__(self, *, rng: random.Random, today: date, coordinators: dict[int, list[User]]):
        self.rng = rng
        self.today = today
        self.coordinators = coordinators
        self.terms = {t.name.lower(): t for t in GiftTerm.objects.filter(active=True)}
        self.services = {s.name: s for s in Service.objects.filter(status="active")}
        self.service_postcodes = dict(
            Address.objects.filter(location__service_at_locations__service__isnull=False)
            .order_by("pk")
            .values_list("location__service_at_locations__service", "postal_code")
        )
        self.opportunities: dict[tuple[int, str], Opportunity] = {}
        self.doing: dict[int, str] = {}  # what someone giving time to an opportunity does
        self.teams = dict(Area.objects.values_list("pk", "team__name"))
        self.connected: dict[int, set[str]] = {}  # the names each person is connected with
        self.due_for: set[int] = set()  # coordinators given a follow-up due today
        self.went_along: dict[tuple[int, str], date] = {}  # (person, chance key): since
        self.through = 0  # contributions through a chance to contribute

    def days(self, lo: int, hi: int) -> timedelta:
        return timedelta(days=self.rng.randint(lo, hi))

    # Chances to contribute ------------------------------------------------------------------

    def chances(self) -> None:
        for area in Area.objects.filter(name__in=list(CHANCES)).order_by("name"):
            user = self.coordinators[area.pk][0]
            near = Q()
            for prefix in area.postcode_prefixes():
                near |= Q(postcode__startswith=prefix)
            postcodes = list(
                Postcode.objects.filter(near)
                .order_by("postcode")
                .values_list("postcode", flat=True)
            )
            for chance in CHANCES[area.name]:
                service = self.services.get(chance.service)
                postcode = self.service_postcodes.get(service.pk, "") if service else ""
                if not any(postcode.startswith(p) for p in area.postcode_prefixes()):
                    postcode = self.rng.choice(postcodes) if postcodes else ""
                opportunity = opportunity_save(
                    user=user,
                    opportunity=None,
                    values={
                        "area": area,
                        "title": chance.title,
                        "kind": chance.kind,
                        "description": chance.description,
                        "where": chance.where,
                        "when": chance.when,
                        "contact": chance.contact,
                        "service": service,
                        "postcode": postcode,
                        "days": chance.days,
                        "times": chance.times,
                    },
                    gifts_needed=[
                        self.terms[g.lower()] for g in chance.gifts if g.lower() in self.terms
                    ],
                )
                self.opportunities[area.pk, chance.key] = opportunity
                self.doing[opportunity.pk] = chance.doing

    # Connections --------------------------------------------------------------------------

    def offers(self, one: Supported) -> list[Offer]:
        """What might suit them, that the demo has: the story's offers, else everyday ones."""
        team = self.teams[one.person.area_id]
        found = []
        for offer in OFFERED.get(one.situation, ()) or FALLBACK:
            if offer.kind == "resource":
                places = {side for word, side in PLACE_WORDS.items() if word in offer.name}
                if offer.name not in self.services or places - {team}:
                    continue
            if offer.kind == "opportunity" and (one.person.area_id, offer.name) not in (
                self.opportunities
            ):
                continue
            found.append(offer)
        return found

    def connect(self, one: Supported) -> None:
        rng = self.rng
        offers = self.offers(one)
        if not offers:
            return
        how_many = rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0] if one.walking else 1
        if not one.walking and one.person.level == Level.CONNECTION and rng.random() < 0.4:
            how_many = 2
        for offer in rng.sample(offers, min(how_many, len(offers))):
            if self.connection(one, offer, self.plan(one)) == "due":
                self.due_for.add(one.coordinator.pk)

    def plan(self, one: Supported) -> str:
        rng = self.rng
        active = not one.stepped_back
        if active and one.coordinator.pk not in self.due_for:
            return "due"  # every coordinator has a connection to follow up today
        if not active:
            return rng.choices(AFTER_STEPPING_BACK, weights=(1, 3, 5))[0]
        return rng.choices(PLANS, weights=WEIGHTS_NOW)[0]

    def last_day(self, one: Supported) -> date:
        """The last day a connection can move on: today, or for someone stepped back from, a
        few months after (a follow-up call), unless they moved away or died."""
        if not one.stepped_back:
            return self.today
        if one.stepped_back in (StepBackReason.MOVED, StepBackReason.DIED):
            return one.end
        return min(self.today, one.end + timedelta(days=100))

    def timeline(self, plan: str, one: Supported, *, group: bool) -> list[Step] | None:
        """The stages a connection went through and when, or None if the plan does not fit
        in the time they have been supported."""
        d, rng = self.days, self.rng
        last = self.last_day(one)
        first = one.start + timedelta(days=3)

        def before(went: date) -> list[Step]:
            """Suggested and introduced before going along; often recorded only when the
            coordinator introduced them, or after they had been."""
            choice = rng.random()
            if choice < 0.3:
                return []
            introduced = went - d(3, 14)
            if choice < 0.75:
                return [(Stage.INTRODUCED, introduced, "")]
            return [
                (Stage.SUGGESTED, introduced - d(3, 14), ""),
                (Stage.INTRODUCED, introduced, ""),
            ]

        steps: list[Step]
        if plan == "suggested":
            steps = [(Stage.SUGGESTED, last - d(0, 25), "")]
        elif plan == "introduced":
            introduced = last - d(2, 40)
            steps = [(Stage.INTRODUCED, introduced, "")]
            if rng.random() < 0.5:
                steps.insert(0, (Stage.SUGGESTED, introduced - d(2, 8), ""))
        elif plan in ("due", "recent"):
            went = last - (d(28, 40) if plan == "due" else d(2, 20))
            steps = [*before(went), (Stage.WENT_ALONG, went, "")]
        elif plan == "four_weeks":
            went = last - d(38, 95)
            steps = [*before(went), (Stage.WENT_ALONG, went, "")]
            steps.append((Stage.STILL_CONNECTED, went + d(26, 36), "four_weeks"))
        elif plan == "sustained":
            went = last - d(100, 420)
            steps = [*before(went), (Stage.WENT_ALONG, went, "")]
            if rng.random() < 0.5:  # or both follow-ups answered at three months
                steps.append((Stage.STILL_CONNECTED, went + d(26, 35), "four_weeks"))
            steps.append((Stage.STILL_CONNECTED, went + d(88, 99), "sustained"))
            if one.stepped_back == StepBackReason.MOVED and one.end > steps[-1][1]:
                steps.append((Stage.ENDED, one.end, EndedReason.MOVED))
        elif plan == "ended":
            went = last - d(20, 240)
            steps = [*before(went), (Stage.WENT_ALONG, went, "")]
            reasons = [r for r in ENDED_WEIGHTS if group or r != EndedReason.STOPPED_RUNNING]
            reason = rng.choices(reasons, weights=[ENDED_WEIGHTS[r] for r in reasons])[0]
            ended = min(went + d(7, 60), last)
            if ended >= went + timedelta(days=30) and rng.random() < 0.3:
                steps.append((Stage.STILL_CONNECTED, went + d(26, 29), "four_weeks"))
            steps.append((Stage.ENDED, ended, reason))
        else:  # never went
            suggested = last - d(15, 200)
            steps = [(Stage.SUGGESTED, suggested, "")]
            if rng.random() < 0.5:
                steps.append((Stage.INTRODUCED, suggested + d(2, 8), ""))
            steps.append((Stage.ENDED, steps[-1][1] + d(7, 30), EndedReason.NEVER_WENT))
        days = [on for _, on, _ in steps]
        if days[0] < first or days[-1] > last or days != sorted(days):
            return None
        return steps

    def connection(self, one: Supported, offer: Offer, plan: str) -> str | None:
        """Connect them with what ``offer`` names, as far as ``plan`` (or, when that does not
        fit in the time they have been supported, a shorter one); return the plan used."""
        person, user, ctx = one.person, one.coordinator, one.ctx
        group = offer.kind == "group"
        # A plan that does not fit falls back to a shorter one; only a few are left due.
        tried = [plan, *(p for p in reversed(PLANS[: PLANS.index(plan)]) if p != "due")]
        if one.stepped_back:
            tried = [p for p in tried if p in AFTER_STEPPING_BACK]
        steps, used = None, None
        for used in tried:
            if steps := self.timeline(used, one, group=group):
                break
        if not steps:
            return None
        target: dict = {}
        if offer.kind == "resource":
            target = {"kind": ConnectionKind.RESOURCE, "service": self.services[offer.name]}
        elif offer.kind == "opportunity":
            opportunity = self.opportunities[person.area_id, offer.name]
            target = {"kind": ConnectionKind.OPPORTUNITY, "opportunity": opportunity}
        else:
            target = {"kind": ConnectionKind.GROUP, "name": offer.name.format(**ctx)}
        going_along = self.rng.random() < 0.45
        who = "the organiser" if offer.kind != "group" else "the people who run it"
        (stage, on, _), *later = steps
        connection = connection_add(
            user=user,
            person=person,
            **target,
            why=offer.why.format(**ctx),
            hopes=offer.hopes.format(**ctx),
            introduced_by=f"{ctx['coord']} introduces {ctx['name']} to {who}",
            going_along=going_along,
            stage=stage,
            on=on,
            note=self.note(stage, "", ctx, going_along),
        )
        for stage, on, extra in later:
            reason = extra if stage == Stage.ENDED else ""
            connection = connection_move(
                user=user,
                connection=connection,
                stage=stage,
                on=on,
                note=self.note(stage, extra, ctx, going_along),
                ended_reason=reason,
                expected_version=connection.version,
            )
        self.connected.setdefault(person.pk, set()).add(connection.name)
        went = connection.went_along_on
        if offer.kind == "opportunity" and went and connection.stage != Stage.ENDED:
            self.went_along[person.pk, offer.name] = went
        return used

    def note(self, stage: str, extra: str, ctx: dict, going_along: bool) -> str:
        if stage == Stage.ENDED:
            return ENDED_NOTES[EndedReason(extra)].format(**ctx)
        note = self.rng.choice(NOTES[extra or stage]).format(**ctx)
        return TOGETHER + note if stage == Stage.WENT_ALONG and going_along else note

    def meet(self, people: list[Supported]) -> None:
        """A few pairs of people in a similar situation, both agreeing, introduced to each
        other by the coordinator who walks alongside both."""
        paired: set[int] = set()
        for kindred in KINDRED:
            alike = [s for s in people if s.situation in kindred and not s.stepped_back]
            pair = next(
                (
                    (one, other)
                    for one in alike
                    for other in alike
                    if one.person.pk < other.person.pk
                    and not {one.person.pk, other.person.pk} & paired
                    and one.person.area_id == other.person.area_id
                    and one.coordinator.pk == other.coordinator.pk
                    and (self.today - max(one.start, other.start)).days >= 30
                ),
                None,
            )
            if pair is not None:
                paired |= {pair[0].person.pk, pair[1].person.pk}
                self.introduce(*pair)

    def introduce(self, one: Supported, other: Supported) -> None:
        user, ctx = one.coordinator, {**one.ctx, "other": other.person.known_as}
        since = max(one.start, other.start) + timedelta(days=3)
        introduced = since + self.days(0, (self.today - since).days - 14)
        connection = connection_add(
            user=user,
            person=one.person,
            kind=ConnectionKind.PERSON,
            other_person=other.person,
            both_agreed=True,
            why=MEET,
            hopes="A friend who gets it, for a coffee now and then.",
            introduced_by="{coord} introduces {name} to {other}".format(**ctx),
            going_along=True,
            stage=Stage.INTRODUCED,
            on=introduced,
            note="Both said yes. {coord} will meet them at the café the first time.".format(**ctx),
        )
        went = min(introduced + self.days(3, 10), self.today)
        connection = connection_move(
            user=user,
            connection=connection,
            stage=Stage.WENT_ALONG,
            on=went,
            note="Coffee together at the café. {name} and {other} talked for two hours; {coord} "
            "left them to it.".format(**ctx),
            expected_version=connection.version,
        )
        notes = (
            "{name} and {other} meet for a coffee most weeks now.",
            "Still meeting. They went to the open day at {centre} together.",
        )
        for note, (lo, hi) in zip(notes, ((26, 33), (88, 96)), strict=True):
            checked = went + self.days(lo, hi)
            if checked > self.today:
                break
            connection = connection_move(
                user=user,
                connection=connection,
                stage=Stage.STILL_CONNECTED,
                on=checked,
                note=note.format(**ctx),
                expected_version=connection.version,
            )

    def keep_up(self, people: list[Supported]) -> None:
        """Coordinators keep up with their follow-ups: a few are due on My day, the rest were
        answered when they fell due (still going)."""
        ctx = {s.person.pk: s.ctx for s in people}
        for user in sorted({s.coordinator for s in people}, key=lambda u: u.pk):
            due = list(follow_ups_due(user=user, today=self.today, coordinator=user))
            for follow_up in due[DUE_KEPT:]:
                connection = follow_up.connection
                on = max(follow_up.due_on, connection.stage_on)
                connection_move(
                    user=user,
                    connection=connection,
                    stage=Stage.STILL_CONNECTED,
                    on=self.day_between(on, self.today) or self.today,
                    note=self.rng.choice(NOTES["four_weeks"]).format(**ctx[connection.person_id]),
                    expected_version=connection.version,
                )

    # Contributions --------------------------------------------------------------------------

    def give(self, one: Supported) -> None:
        """Something about one in four of them gives, some through a chance to contribute
        (connected with it first, if the demo has not connected them already)."""
        spec = GIVING.get(one.situation)
        if spec is None:
            return
        what, where, how_often, key = spec
        person, ctx, last = one.person, one.ctx, self.last_day(one)
        opportunity = self.opportunities.get((person.area_id, key)) if key else None
        # About one in four give; the demo always shows one giving through a chance.
        first_through = opportunity is not None and not self.through
        lucky = self.rng.random() < GIVE_CHANCE["walking" if one.walking else "light"]
        if not (lucky or first_through):
            return
        since = self.went_along.get((person.pk, key))
        if opportunity is not None and since is None:
            if opportunity.title in self.connected.get(person.pk, set()):
                opportunity = None  # suggested, or it ended: they give elsewhere
            else:
                # Someone stepped back from was followed up at 4 weeks and 3 months.
                latest = last - timedelta(days=100) if one.stepped_back else last
                if since := self.day_between(one.start + timedelta(days=20), latest):
                    self.went_to(one, opportunity, since)
                else:
                    opportunity = None
        if opportunity is not None:
            what, where = self.doing[opportunity.pk], opportunity.where
            how_often = opportunity.when
        since = since or self.day_between(one.start + timedelta(days=14), last)
        if since is None:
            return
        gone = one.stepped_back in (StepBackReason.MOVED, StepBackReason.DIED)
        self.through += opportunity is not None
        contribution_add(
            user=one.coordinator,
            person=person,
            what=what.format(**ctx),
            opportunity=opportunity,
            where=where.format(**ctx),
            since=since,
            how_often=how_often,
            ended_on=one.end if gone and one.end >= since else None,
        )

    def went_to(self, one: Supported, opportunity: Opportunity, on: date) -> None:
        """They went along to a chance to contribute before it was recorded."""
        user, ctx = one.coordinator, one.ctx
        connection = connection_add(
            user=user,
            person=one.person,
            kind=ConnectionKind.OPPORTUNITY,
            opportunity=opportunity,
            why="A chance to use {pos} gifts.".format(**ctx),
            hopes="Giving something back, and people to do it with.",
            introduced_by="{coord} introduces {name} to the organiser".format(**ctx),
            stage=Stage.WENT_ALONG,
            on=on,
            note="{name} went along for a taster and loved it.".format(**ctx),
        )
        self.connected.setdefault(one.person.pk, set()).add(connection.name)
        for label, lo, hi in (("four_weeks", 26, 35), ("sustained", 88, 99)):
            checked = on + self.days(lo, hi)
            if checked > self.last_day(one):
                break
            connection = connection_move(
                user=user,
                connection=connection,
                stage=Stage.STILL_CONNECTED,
                on=checked,
                note=self.rng.choice(NOTES[label]).format(**ctx),
                expected_version=connection.version,
            )

    def day_between(self, lo: date, hi: date) -> date | None:
        if hi < lo:
            return None
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    # Formal services, gaps, what suits and shortlists ---------------------------------------

    def formal_services(self, people: list[Supported]) -> None:
        used: set[int] = set()
        for formal in FORMAL:
            one = next(
                (
                    s
                    for s in people
                    if s.situation in formal.situations
                    and s.walking
                    and s.person.pk not in used
                    and (self.today - s.start).days >= 60
                ),
                None,
            )
            if one is None:
                continue
            used.add(one.person.pk)
            applied = one.start + self.days(30, min(120, (self.today - one.start).days - 30))
            decided = None
            if formal.outcome != Outcome.WAITING:
                decided = min(applied + self.days(21, 90), self.today)
            formal_service_add(
                user=one.coordinator,
                person=one.person,
                need=formal.need,
                what=formal.what,
                who_applied=formal.who_applied,
                applied_on=applied,
                outcome=formal.outcome,
                decided_on=decided,
                control=formal.control,
                note=formal.note.format(**one.ctx),
            )

    def gaps(self, people: list[Supported]) -> None:
        """Two gaps in each area, recorded by the coordinator of someone who looked for it
        (someone in a fitting situation, where the demo has one)."""
        areas = {a.name: a for a in Area.objects.all()}
        used: set[int] = set()
        for missing in GAPS:
            area = areas.get(missing.area)
            if area is None:
                continue
            here = [s for s in people if s.person.area_id == area.pk and s.person.pk not in used]
            here.sort(key=lambda s: s.situation not in missing.situations)
            person: Person | None
            if here:
                one = here[0]
                user, person = one.coordinator, one.person
                on = self.day_between(one.start + timedelta(days=7), self.last_day(one))
            else:  # nobody supported there yet: someone introduced there
                person = (
                    Person.objects.filter(area=area).exclude(pk__in=used).order_by("pk").first()
                )
                user, on = self.coordinators[area.pk][0], None
            if person is None:
                continue
            used.add(person.pk)
            gap_add(
                user=user,
                person=person,
                theme=missing.theme,
                looked_for=missing.looked_for,
                why_nothing_fitted=missing.why,
                on=on or self.today - self.days(0, 20),
            )

    def suits(self, people: list[Supported]) -> None:
        """What suits every other person supported now."""
        now = [one for one in people if not one.stepped_back]
        for one in now[::2]:
            days, times, free_only, km = SUITS.get(one.situation, ("", "", False, ""))
            if km and self.rng.random() < 0.3:
                km = ""  # distance does not matter to them
            what_suits_save(
                user=one.coordinator,
                person=one.person,
                days=days,
                times=times,
                free_only=free_only,
                travel_km=Decimal(km) if km else None,
            )

    def shortlists(self, people: list[Supported]) -> None:
        """Two or three things to choose from, for three people walked alongside now."""
        made = 0
        for one in people:
            if made == 3:
                return
            if not one.walking or one.stepped_back:
                continue
            taken = self.connected.get(one.person.pk, set())
            fresh: list[tuple[Service | None, Opportunity | None, Offer]] = []
            for offer in self.offers(one):
                if offer.kind == "resource" and offer.name not in taken:
                    fresh.append((self.services[offer.name], None, offer))
                elif offer.kind == "opportunity":
                    chance = self.opportunities[one.person.area_id, offer.name]
                    if chance.title not in taken:
                        fresh.append((None, chance, offer))
            if len(fresh) < 2:
                continue
            for service, opportunity, offer in fresh[: 2 + made % 2]:
                shortlist_add(
                    user=one.coordinator,
                    person=one.person,
                    service=service,
                    opportunity=opportunity,
                    note=offer.hopes.format(**one.ctx)[:300],
                )
            made += 1

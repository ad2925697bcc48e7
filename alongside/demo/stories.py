"""The people, places and stories of the demo: plain data, checked when loaded."""

from dataclasses import dataclass

from alongside.people.models import (
    Channel,
    How,
    IntroducerKind,
    Level,
    NotNowReason,
    StepBackReason,
    VoiceKind,
)

SEED = 2025
PASSWORD = "walk-alongside"
MANAGER_EMAIL = "helen.carter@alongside.example"

# --------------------------------------------------------------------------------------------
# Places and staff
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    name: str
    team: str
    postcodes: str
    surgery: str
    school: str
    centre: str
    library: str
    weight: float


PLACES = (
    Place(
        "Headingley & Hyde Park",
        "North West Leeds",
        "LS6 1, LS6 2, LS6 3",
        "Woodhouse Surgery",
        "Brudenell Primary School",
        "Hyde Park Community Centre",
        "Headingley library",
        0.28,
    ),
    Place(
        "Kirkstall",
        "North West Leeds",
        "LS5 3, LS4 2",
        "Kirkstall Lane Medical Centre",
        "Kirkstall Valley Primary School",
        "Kirkstall Community Hub",
        "Kirkstall library",
        0.18,
    ),
    Place(
        "Beeston & Holbeck",
        "South Leeds",
        "LS11 6, LS11 7, LS11 8",
        "Cross Flatts Surgery",
        "Beeston Hill Primary School",
        "Holbeck Community Centre",
        "Beeston library",
        0.28,
    ),
    Place(
        "Hunslet & Riverside",
        "South Leeds",
        "LS10 1, LS10 2",
        "Hunslet Health Centre",
        "Hunslet Moor Primary School",
        "Hunslet Community Hub",
        "Hunslet library",
        0.26,
    ),
)

# Name, areas, and how many people they walk alongside compared with the others (Tom works
# three days a week; Siobhan covers two areas).
COORDINATORS = (
    ("Priya Shah", ("Headingley & Hyde Park",), 1.0),
    ("Tom Whitaker", ("Headingley & Hyde Park",), 0.65),
    ("Joanne Baxter", ("Kirkstall",), 1.0),
    ("Kwame Mensah", ("Beeston & Holbeck",), 1.15),
    ("Siobhan Kelly", ("Beeston & Holbeck", "Hunslet & Riverside"), 1.3),
    ("Dan Hughes", ("Hunslet & Riverside",), 0.9),
)
MANAGER = "Helen Carter"
COMMISSIONER = "Graham Fletcher"
ADMINISTRATOR = "Sam Okafor"

# How the people are spread over the stages; walking alongside takes what is left (~45%).
STAGES = (
    ("new", 0.125),
    ("information", 0.03),
    ("connection", 0.05),
    ("short_term", 0.08),
    ("not_now", 0.09),
    ("stepped_back", 0.15),
    ("reopened", 0.025),
)
STEPPED_BACK_LEVELS = (
    Level.WALKING_ALONGSIDE,
    Level.SHORT_TERM,
    Level.CONNECTION,
    Level.WALKING_ALONGSIDE,
    Level.INFORMATION,
    Level.SHORT_TERM,
)
MIN_PEOPLE = 10

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

NAME_POOLS = {
    "polish": (
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Marta"),
        ("Tomasz", "Piotr", "Krzysztof", "Marek", "Paweł", "Łukasz"),
        ("Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Zając"),
    ),
    "south_asian": (
        ("Aisha", "Nadia", "Farzana", "Shazia", "Rukhsana", "Anjali"),
        ("Imran", "Tariq", "Asif", "Mohammed", "Rajesh", "Sanjay"),
        ("Hussain", "Khan", "Ahmed", "Patel", "Akhtar", "Iqbal", "Mahmood"),
    ),
    "african_caribbean": (
        ("Grace", "Blessing", "Comfort", "Marcia", "Abena", "Yvonne"),
        ("Kwabena", "Emmanuel", "Tunde", "Delroy", "Winston", "Samuel"),
        ("Mensah", "Okoro", "Adeyemi", "Campbell", "Clarke", "Asante", "Francis"),
    ),
    "syrian": (
        ("Rania", "Lina", "Hiba", "Nour"),
        ("Omar", "Khaled", "Yusuf", "Ahmad"),
        ("Al-Hassan", "Haddad", "Darwish", "Khalil"),
    ),
}
CULTURES = (("english", 0.72), ("south_asian", 0.11), ("polish", 0.08), ("african_caribbean", 0.09))
LANGUAGE_SKILL = {
    "polish": "Speaking Polish",
    "south_asian": "Speaking Urdu",
    "syrian": "Speaking Arabic",
}
NICKNAMES = {
    "Margaret": "Maggie",
    "William": "Bill",
    "Robert": "Bob",
    "Elizabeth": "Liz",
    "Katherine": "Kate",
    "Michael": "Mick",
    "James": "Jim",
    "Patricia": "Pat",
    "Susan": "Sue",
    "Christopher": "Chris",
    "Jennifer": "Jen",
    "Thomas": "Tom",
    "Anthony": "Tony",
    "Katarzyna": "Kasia",
    "Agnieszka": "Aga",
    "Mohammed": "Mo",
    "Abigail": "Abi",
    "Samuel": "Sam",
}
STREETS = (
    ("Ash", "Beech", "Cardigan", "Victoria", "Hawthorn", "Chapel", "Mill", "Station", "Church")
    + ("Albert", "Stanley", "Elm", "Oak", "Thornhill", "Granville", "Cross", "Moor", "Well")
    + ("Bank", "Spring", "Meadow", "Garden", "Park", "Grange", "Low", "Cemetery", "Tempest")
)
STREET_KINDS = ("Road", "Street", "Grove", "Terrace", "Avenue", "Place", "Mount", "View", "Lane")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
ASCII = str.maketrans("łŁąćęńóśźżĄĆĘŃÓŚŹŻ", "lLacenoszzACENOSZZ")

# --------------------------------------------------------------------------------------------
# Stories, written as plain text so they read like a coordinator's notes. Each line of a
# story's talks, steps, family and voice is a few parts separated by "|" (see the classes
# below). Templates use {name} (what the person likes to be called), {full}, pronouns {sub}
# {obj} {pos} {refl} (and {Sub} {Pos}), {coord} (the coordinator's first name), the area's
# {surgery} {school} {centre} {library}, family members {f0} {f1} and their {f0rel} {f1rel},
# {late} and {late_name} (a partner who died), and introducers {doctor} {worker} {neighbour}
# {relative}.
# --------------------------------------------------------------------------------------------


def _parts(text: str, count: int) -> list[str]:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != count:
        raise ValueError(f"Expected {count} parts separated by '|' in {text!r}")
    return parts


@dataclass(frozen=True)
class Talk:
    """A conversation: "how | where | who was there | notes"."""

    how: How
    where: str
    who: str
    notes: str

    @classmethod
    def parse(cls, text: str) -> "Talk":
        how, where, who, notes = _parts(text, 4)
        return cls(How(how), where, who, notes)


@dataclass(frozen=True)
class Step:
    """A plan step: "what | who | what happened if done | what happened if not done"."""

    what: str
    who: str
    done: str
    not_done: str

    @classmethod
    def parse(cls, text: str) -> "Step":
        return cls(*_parts(text, 4))


@dataclass(frozen=True)
class Kin:
    """A family member: "relationship | with or apart | notes | f, m or opposite".

    The relationship "spouse" becomes husband or wife; "opposite" is the other gender to the
    person's."""

    relationship: str
    lives_with: bool
    notes: str
    gender: str

    @classmethod
    def parse(cls, text: str) -> "Kin":
        relationship, lives, notes, gender = _parts(text, 4)
        if lives not in ("with", "apart") or gender not in ("f", "m", "opposite"):
            raise ValueError(f"Unexpected family line {text!r}")
        return cls(relationship, lives == "with", notes, gender)


@dataclass(frozen=True)
class Voice:
    """Supporting voice: "kind | about | with whom | what happened" (kind is a ``VoiceKind``)."""

    kind: str
    about: str
    with_whom: str
    what_happened: str

    @classmethod
    def parse(cls, text: str) -> "Voice":
        kind, about, with_whom, what_happened = _parts(text, 4)
        return cls(VoiceKind(kind), about, with_whom, what_happened)


def _parse_lines(obj, **parsers) -> None:
    for name, parser in parsers.items():
        object.__setattr__(obj, name, tuple(parser(text) for text in getattr(obj, name)))


@dataclass(frozen=True)
class Story:
    """A situation someone walked alongside might be in, and how it might unfold."""

    key: str
    ages: tuple[int, int]
    introducers: tuple[tuple[str, str, str, str], ...]
    going_on: str
    intro_matters: str
    matters: str
    vision: str
    talks: tuple
    steps: tuple
    gifts: tuple[str, ...]
    own_words: tuple[str, ...]
    family: tuple = ()
    family_gift: tuple[str, str] | None = None
    voice: tuple = ()
    reviews: tuple[str, ...] = ()
    gender: str | None = None
    culture: str | None = None
    urgent: str = ""

    def __post_init__(self):
        _parse_lines(self, talks=Talk.parse, steps=Step.parse, family=Kin.parse, voice=Voice.parse)


@dataclass(frozen=True)
class Light:
    """A situation for information, a connection or short-term support."""

    key: str
    ages: tuple[int, int]
    introducers: tuple[tuple[str, str, str, str], ...]
    going_on: str
    matters: str
    decision_note: str
    talks: tuple
    steps: tuple = ()
    gifts: tuple[str, ...] = ()
    gender: str | None = None

    def __post_init__(self):
        _parse_lines(self, talks=Talk.parse, steps=Step.parse)


H = IntroducerKind
P, IP, EM, ON = Channel.PHONE, Channel.IN_PERSON, Channel.EMAIL, Channel.ONLINE

STORIES = (
    Story(
        key="bereavement",
        ages=(68, 88),
        introducers=(
            (H.HEALTH, "{doctor}", "{surgery}", P),
            (H.FAMILY, "{relative}", "", P),
            (H.VOLUNTARY, "{worker}", "Age UK Leeds", EM),
        ),
        going_on="{name}'s {late} {late_name} died in the spring after more than fifty years "
        "together. Since then {sub} has hardly left the house and says {sub} can go days without "
        "speaking to anyone. Managing at home, but very low and lonely.",
        intro_matters="Keeping {late_name}'s garden going. Not being a worry to {pos} daughter.",
        matters="I miss having someone to talk to over breakfast. I want to keep {late_name}'s "
        "roses going, they were the pride of the street. {f0} worries about me and I don't want "
        "to be a burden to her.",
        vision="I want somewhere to go most days where people know my name. I'd like to get back "
        "to the Tuesday lunch club and maybe help with the garden at the community centre. I want "
        "{f0} to stop worrying about me.",
        family=(
            "Daughter | apart | Lives in Wakefield. Rings most evenings, visits on Sundays. | f",
        ),
        family_gift=("Driving", "Happy to give lifts at weekends"),
        talks=(
            "in_person | Their home | {f0} ({f0rel}) | First visit at home, {f0} was there too. "
            "{name} showed me photos of {late_name} and talked a lot about their life together. "
            "The evenings are the worst. The garden was {late_name}'s and {sub} is worried about "
            "letting it go. Agreed to meet again next week; I'll find out what's on locally.",
            "phone |  |  | Rang to check in. {name} had been to the cemetery with {f0} at the "
            "weekend, a hard day. Mentioned {sub} used to go to a lunch club at St Michael's "
            "years ago. I said I'd find out if it still runs.",
            "in_person | Community café |  | Met at the café: {name}'s first time out for a "
            "coffee in months, by {pos} own account. The lunch club still runs on Tuesdays. {Sub} "
            "wasn't sure about walking in alone, so I'll go with {obj} the first time.",
            "group | Tuesday lunch club, church hall |  | Went to the lunch club together. Two "
            "people remembered {name} from years back and Maureen sat with {obj} the whole time. "
            "Stayed for the raffle and said {sub}'d go next week on {pos} own.",
            "in_person | Their home |  | Popped round. {name} has been to lunch club three weeks "
            "running and swapped numbers with Maureen. {Sub} has grown far too many tomatoes and "
            "wondered if anyone would want them. Suggested the community fridge at {centre}.",
            "group | Community garden, {centre} |  | {name} came to the community garden session "
            "and ended up showing the volunteers how to prune the roses properly. The organiser "
            "asked if {sub}'d come most weeks. {Sub} was delighted.",
        ),
        steps=(
            "Find out if the Tuesday lunch club at St Michael's still runs | {coord} | Still "
            "runs, 12 till 2, £3 for lunch. | It closed last year; found another on Thursdays.",
            "Go to lunch club together the first time | {name} and {coord} | Went together; "
            "{name} has been most weeks since. | {name} wasn't well that week; we'll try again.",
            "Take spare vegetables to the community fridge | {name} | Took two bags of tomatoes "
            "and courgettes. | Gave them to neighbours instead.",
            "Ask about helping in the community garden | {name} | Goes on Thursday mornings now. "
            "| Decided the lunch club is enough for now.",
            "Lift to the cemetery on {late_name}'s anniversary | {f0} | {f0} took {obj}; they had "
            "lunch afterwards. | {name} went with Maureen instead.",
        ),
        gifts=("Listening", "Gardening", "Baking", "Local history", "Patience"),
        own_words=("Knows the history of every house on the street",),
        voice=(
            "self | An assisted bin collection | Leeds City Council waste services | {name} rang "
            "them {refl} after we practised what to say. Sorted within the week.",
            "alongside | Feeling low since {late_name} died | {surgery} | Went with {name} to see "
            "the GP. The GP offered bereavement counselling and {name} said yes.",
        ),
        reviews=(
            "Lunch club is going well and {name} goes on {pos} own now. Next: the community "
            "garden. Evenings are still long but the days have a shape again.",
        ),
    ),
    Story(
        key="carer",
        ages=(55, 82),
        introducers=(
            (H.HEALTH, "{worker}, district nurse", "Leeds Community Healthcare", P),
            (H.VOLUNTARY, "{worker}", "Carers Leeds", EM),
            (H.SELF, "", "", P),
        ),
        going_on="{name} looks after {pos} {f0rel} {f0}, who has dementia. {Sub} is exhausted, "
        "hasn't had a night off in two years and told the nurse {sub} is at the end of {pos} "
        "rope. Doesn't want {f0} to go into a home.",
        intro_matters="Keeping {f0} at home. A break.",
        matters="I want to keep {f0} at home with me for as long as I can. I need a bit of time "
        "for me, even an afternoon, without worrying. I miss my choir.",
        vision="I want to be {f0}'s partner again, not just the carer. I'd like one afternoon a "
        "week that's mine, to get back to choir, and to know there are people around us who'd "
        "step in if I was ill.",
        urgent="{name} told the nurse {sub} can't go on like this. No immediate risk to {f0}, but "
        "{sub} needs someone to talk to this week.",
        family=(
            "spouse | with | Has dementia, diagnosed three years ago. Loves old films and sixties "
            "music. | opposite",
            "Son | apart | Lives in Bradford and works shifts. Would like to help more. | m",
        ),
        family_gift=("Singing", "Still knows every word of the old songs"),
        talks=(
            "in_person | Their home | {f0} ({f0rel}) | Met {name} at home; {f0} joined us for a "
            "while and was chatty about the old days. {name} is worn out. We talked about what a "
            "good week would look like: one afternoon to {refl} and a proper night's sleep. {Sub} "
            "knew nothing about a carer's assessment or Carers Leeds.",
            "phone |  |  | Rang to say Carers Leeds can visit. {name} a bit wary of 'services' "
            "but agreed. {f1} keeps offering to help but {name} never knows what to ask him for.",
            "in_person | Community café |  | Coffee while {f1} sat with {f0}: the first time "
            "{name} has been out alone since Christmas. We made a list of small things {f1} could "
            "do. {Sub} laughed more than I've heard before.",
            "group | Memory café, {centre} | {f0} | Went with {name} and {f0} to the memory café. "
            "{f0} sang along to every song. {name} got talking to Pat, another carer at a similar "
            "stage. They've arranged to meet.",
            "in_person | Their home |  | Carer's assessment done last week and a sitting service "
            "is being set up for Wednesday afternoons. {name} has rung the choir and goes back "
            "next month. Talked about an emergency plan in case {sub} is ever taken ill.",
        ),
        steps=(
            "Get in touch with Carers Leeds about a carer's assessment | {coord} | Assessment "
            "done; {name} now has a carer's card and a named contact. | The waiting list was "
            "long; went through the council instead.",
            "Write a list of things {f1} could help with | {name} and {f1} | {f1} does the "
            "Saturday shop and sits with {f0} on Wednesday evenings. | {f1}'s shifts changed; "
            "we'll look again.",
            "Try the memory café together | {name}, {f0} and {coord} | Both enjoyed it and now go "
            "every fortnight. | {f0} was unsettled that day.",
            "Go back to choir | {name} | Back at choir on Thursdays while the sitter is in. | Not "
            "yet: the sitter fell through.",
            "Make an emergency plan for if {name} is ill | {name} with {f1} | Plan written and "
            "copied to {f1} and the GP. | Put off for now.",
        ),
        gifts=("Patience", "Determination", "Cooking", "Singing", "Loyalty"),
        own_words=("Makes the best Yorkshire puddings on the street",),
        voice=(
            "alongside | A carer's assessment and a sitting service | Adult Social Care, Leeds "
            "City Council | Sat in on the assessment with {name} and helped {obj} say plainly how "
            "tired {sub} is. Sitting service agreed for Wednesdays.",
            "self | More respite days | Social worker | {name} rang the social worker {refl} to "
            "ask for more respite and got a review booked.",
        ),
        reviews=(
            "The sitting service has made a big difference. {name} has had four Wednesday "
            "afternoons to {refl}. Emergency plan still to do.",
        ),
    ),
    Story(
        key="work",
        ages=(18, 26),
        gender="m",
        introducers=(
            (H.FAMILY, "{relative}", "", P),
            (H.COUNCIL, "{worker}, work coach", "Jobcentre Plus", EM),
            (H.SELF, "", "", ON),
        ),
        going_on="{name} left college last year and hasn't found work. Spends most days in his "
        "room gaming. His mum is worried he's getting more withdrawn. He's anxious about the "
        "Jobcentre.",
        intro_matters="A proper job. Getting out of the house.",
        matters="I want a proper job, not just any job. I'm good with computers and I like fixing "
        "things. I get nervous in new places and with people I don't know. I don't want to be "
        "stuck in my room forever.",
        vision="I want to be earning my own money and saving for a car. I'd like to work with "
        "computers or fixing bikes. I want mates to go out with at the weekend, not just online.",
        family=(
            "Mum | with | Works at the hospital. Worried about him but doesn't want to push. | f",
            "Sister | with | Younger, doing her GCSEs. | f",
        ),
        family_gift=("Kindness", "Always the one who checks on the neighbours"),
        talks=(
            "in_person | Community café |  | First meet at the café: {name} asked to meet "
            "somewhere that wasn't his house. Quiet at first but opened up talking about gaming "
            "and building his own PC. He wants a job but the Jobcentre makes him feel like a "
            "number. We'll meet again and think about what he's good at.",
            "message |  |  | Sent {name} details of the repair café at {centre}. He replied "
            "'might give it a go'.",
            "group | Repair café, {centre} |  | Met {name} at the repair café. Within ten minutes "
            "he was fixing someone's laptop and explaining it to them. Dave who runs it asked if "
            "he'd come every month.",
            "in_person | {library} |  | Worked on a CV together. He hadn't thought of the repair "
            "café as experience, but it is. He's going to apply for a part-time job at the bike "
            "shop on the high street.",
            "phone |  |  | {name} rang, buzzing: a trial shift at the bike shop on Saturday. "
            "Talked through what to wear and what to do if he gets nervous.",
            "in_person | Walked through the park |  | Walked and talked. The trial shift went "
            "well and they've offered him two days a week. He's also playing five-a-side with two "
            "lads from the repair café.",
        ),
        steps=(
            "Go to the repair café | {name} | Been three times; now helps on the laptop table. | "
            "Didn't feel up to it; we'll go together next month.",
            "Write a CV that includes the repair café | {name} and {coord} | Done and printed. | "
            "Used an online one from the Jobcentre instead.",
            "Apply for the bike shop job | {name} | Trial shift, then two days a week. | The job "
            "went to someone else; he's looking at others.",
            "Ask the Jobcentre about help with bus fares to work | {name} | Sorted for the first "
            "month. | Didn't need it: he cycles.",
            "Try five-a-side on Thursday nights | {name} | Plays most weeks. | Not for him; "
            "trying the climbing wall instead.",
        ),
        gifts=("Computers and phones", "DIY and repairs", "Fixing bikes", "Honesty", "Football"),
        own_words=("Can fix pretty much any phone screen",),
        voice=(
            "alongside | Appointments at the Jobcentre | Work coach, Jobcentre Plus | Went with "
            "{name} to his appointment. He explained he gets anxious in busy places; the work "
            "coach agreed to phone appointments for now.",
            "self | Help with travel costs | Jobcentre Plus | {name} asked his work coach himself "
            "about help with bus fares and got it sorted.",
        ),
        reviews=(
            "Two days a week at the bike shop and the repair café monthly. {name} wants to look "
            "at a mechanics course at college in September.",
        ),
    ),
    Story(
        key="eviction",
        ages=(27, 45),
        gender="f",
        introducers=(
            (H.SCHOOL, "{worker}, family support worker", "{school}", P),
            (H.HOUSING, "{worker}", "Leeds Housing Options", EM),
            (H.VOLUNTARY, "{worker}", "Citizens Advice Leeds", EM),
        ),
        going_on="{name} and her two children have been given notice by their private landlord. "
        "Rent arrears built up after her hours at work were cut. She is frightened they'll end up "
        "in a B&B and the children will have to change schools.",
        intro_matters="Keeping the children at their school.",
        matters="Keeping the kids at their school. Having a home that's ours where we feel safe. "
        "I don't want charity, I want a fair chance.",
        vision="I want a settled home near the school where the kids can have friends round. I "
        "want to be on top of the bills and not scared of the post. One day I'd like to do my "
        "childcare qualification.",
        urgent="Notice received; the family have to leave in six weeks and don't know where to "
        "turn.",
        family=(
            "Daughter | with | Aged 9. Loves drawing and her school. | f",
            "Son | with | Aged 6. Has asthma. | m",
        ),
        family_gift=("Crafts", "Draws brilliant comics"),
        talks=(
            "in_person | Their home |  | Met {name} at home after the children were in bed. She "
            "showed me the notice and a pile of letters she'd been too scared to open. We opened "
            "them together. First thing: housing advice this week.",
            "phone |  |  | Rang Leeds Housing Options with {name} on speaker. They've opened a "
            "homelessness prevention case and will check whether the notice is valid.",
            "in_person | Citizens Advice, city centre |  | Went with {name} to Citizens Advice. "
            "The adviser found she should be getting more help with her rent through Universal "
            "Credit. Discretionary housing payment application started.",
            "phone |  |  | The notice turned out not to be valid: the deposit wasn't protected. "
            "That buys the family time. {name} in tears of relief on the phone.",
            "in_person | Community café |  | Coffee while the children were at school. {name} "
            "talked about wanting something for herself: she loves children and used to help at a "
            "nursery. Told her about volunteering at the stay and play.",
            "group | Stay and play, {centre} |  | {name}'s first morning helping at stay and "
            "play. The organiser was full of praise. She asked about the childcare course at the "
            "college.",
        ),
        steps=(
            "Get housing advice about the notice | {name} and {coord} | Housing Options opened a "
            "prevention case; the notice was not valid. | Couldn't get through; went to Citizens "
            "Advice instead.",
            "Open the letters together and list the debts | {name} and {coord} | Done: four "
            "debts, two already paid off. | Too much that week; did it later.",
            "Apply for a discretionary housing payment | {name} | Awarded for six months. | "
            "Turned down; appealing with Citizens Advice.",
            "Ask the school about breakfast club | {name} | Both children go; free. | Full this "
            "term.",
            "Find out about the childcare course at the college | {name} | Enrolled for January. "
            "| Not this year; wants the housing settled first.",
        ),
        gifts=("Determination", "Childcare", "Good with children", "Cooking", "Organisation"),
        own_words=("Runs the school-gate WhatsApp group",),
        voice=(
            "alongside | The notice to leave | Leeds Housing Options | Went with {name} to "
            "Housing Options. She explained her situation clearly; they took it on as a "
            "prevention case.",
            "on_behalf | Damp in the children's bedroom | The landlord | With {name}'s agreement "
            "I wrote to the landlord about the damp and mould and copied in the council's private "
            "housing team. Repairs booked.",
            "self | Free school meals | {school} | {name} went into the school office herself and "
            "got free school meals sorted for both children.",
        ),
        reviews=(
            "The family can stay for now and the damp has been fixed. {name} starts volunteering "
            "at stay and play. Next: the college course.",
        ),
    ),
    Story(
        key="new_to_area",
        ages=(26, 50),
        culture="polish",
        introducers=(
            (H.SELF, "", "", IP),
            (H.VOLUNTARY, "{worker}", "{library}", IP),
            (H.FRIEND, "{neighbour}", "", P),
        ),
        going_on="{name} moved here from Poland eight months ago. Works nights at a warehouse and "
        "knows nobody outside work. Came into the library asking about English classes.",
        intro_matters="English classes. Meeting people.",
        matters="I want to speak English better so I can talk to my neighbours and the doctor. I "
        "miss my friends and my mum. Here I only go to work and sleep.",
        vision="I want to feel at home here. I want friends I can call for coffee, to speak "
        "English without being shy, and one day to work as a nurse again.",
        family=(
            "Partner | with | Works at the same warehouse, on days. | opposite",
            "Mum | apart | Lives in Wrocław. They video call every Sunday. | f",
        ),
        talks=(
            "in_person | {library} |  | Met {name} at the library. {Pos} English is better than "
            "{sub} thinks. Talked about home, {pos} nursing training and how lonely the night "
            "shifts are. Wants classes that fit around work.",
            "message |  |  | Sent {name} the times of the free English conversation group at the "
            "library on Saturday mornings.",
            "group | English conversation group, {library} |  | Went with {name} to the "
            "conversation group. Got chatting to Ola, also from Poland, who has been here five "
            "years and works at the hospital.",
            "in_person | Community café |  | {name} goes to the group every week now. We looked "
            "up how to get {pos} nursing qualification recognised here. A long road, but {sub}'s "
            "keen.",
            "group | International cooking night, {centre} |  | {name} cooked pierogi for the "
            "international cooking night. Forty people came and {pos} table ran out first. Asked "
            "if {sub}'d lead the next one.",
        ),
        steps=(
            "Go to the English conversation group | {name} | Goes most Saturdays. | Shifts "
            "changed; looking for an evening group.",
            "Find out how to register as a nurse trained abroad | {name} and {coord} | Found the "
            "NMC steps; English test booked. | Put on hold for now.",
            "Register with the GP | {name} | Registered at {surgery}. | Still to do.",
            "Cook at the international cooking night | {name} | Did it; asked to lead the next "
            "one. | Working that night.",
        ),
        gifts=("Cooking", "Baking", "First aid", "Kindness", "Welcoming newcomers"),
        own_words=("Trained as a nurse in Poland",),
        voice=(
            "self | Registering with the GP | {surgery} | {name} registered {refl}, using the "
            "phrases we'd practised.",
            "alongside | Shift pattern and English classes | The warehouse manager | Went with "
            "{name} to ask for a shift pattern that lets {obj} get to the Saturday group. Agreed "
            "for a trial month.",
        ),
    ),
    Story(
        key="mental_health",
        ages=(24, 58),
        introducers=(
            (H.HEALTH, "{worker}, care coordinator", "Community Mental Health Team", EM),
            (H.VOLUNTARY, "{worker}", "Leeds Mind", EM),
            (H.SELF, "", "", ON),
        ),
        going_on="{name} came home from a stay on a mental health ward three weeks ago. Has "
        "support from the community mental health team, but is isolated and they think {sub} "
        "would benefit from connections locally.",
        intro_matters="Being outdoors. Feeling useful.",
        matters="I want to feel useful again. There are good days and bad days, and on the bad "
        "days I need people to be patient. I used to love being outdoors.",
        vision="I want my days to have a bit of shape, to be outside more, and to have a couple "
        "of people I can ring when things get hard. Maybe one day go back to work part time.",
        urgent="Discharged three weeks ago, no friends or family nearby. The care coordinator "
        "would like contact soon.",
        family=(
            "Brother | apart | Lives nearby. They haven't spoken much for a couple of years. | m",
        ),
        talks=(
            "in_person | Walked round the park |  | First meeting, walking round the park as "
            "{name} preferred. Talked openly about {pos} time on the ward, and what used to make "
            "{obj} happy: walking, taking photos, {pos} dog who died last year.",
            "phone |  |  | {name} rang on a bad day. I mostly listened. {Sub} has a plan from the "
            "crisis team and said {sub}'d use it if needed. Rang back next morning: feeling "
            "steadier.",
            "group | Health walk from {library} |  | Went on the Wednesday health walk together. "
            "{name} took photos the whole way and the walk leader asked if {sub}'d share them in "
            "the group's newsletter.",
            "in_person | Community café |  | Talked about {pos} brother {f0}. {name} would like "
            "to get back in touch but doesn't know how to start. We talked through a short "
            "message.",
            "in_person | Community garden, {centre} |  | {name} has started volunteering at the "
            "community garden on Fridays. Said it's the first thing in a long time that feels "
            "like {pos} own.",
        ),
        steps=(
            "Try the Wednesday health walk | {name} | Goes most weeks. | Not ready yet.",
            "Send {f0} a message | {name} | {f0} replied the same day; they met for a pint. | Not "
            "ready yet; we'll come back to it.",
            "Ask about volunteering at the community garden | {name} and {coord} | Started on "
            "Fridays. | Full for now; on the list.",
            "Share photos with the walking group's newsletter | {name} | Three photos in the "
            "spring newsletter. | Changed {pos} mind.",
        ),
        gifts=(
            "Walking",
            "Photography",
            "Honesty",
            "Resilience",
            "Noticing when someone is struggling",
        ),
        own_words=("Takes beautiful photos of birds on {pos} phone",),
        voice=(
            "alongside | Moving a medication review | Community Mental Health Team | Rang with "
            "{name} to move the review to a morning, when {sub} is at {pos} best. Done.",
            "self | Personal Independence Payment review | DWP | {name} filled in the review form "
            "{refl} and asked for a home assessment.",
        ),
        reviews=(
            "Walks on Wednesdays and the garden on Fridays. {name} says the bad days are fewer. "
            "Next: getting in touch with {f0}.",
        ),
    ),
    Story(
        key="learning_disability",
        ages=(19, 35),
        introducers=(
            (H.FAMILY, "{relative}", "", P),
            (H.COUNCIL, "{worker}, social worker", "Adult Social Care, Leeds City Council", EM),
        ),
        going_on="{name} has a learning disability and lives with {pos} parents. {Sub} wants more "
        "independence and {pos} own friends. {Pos} mum says {sub} has been bored and frustrated "
        "since {pos} day service changed.",
        intro_matters="More independence. Friends of {pos} own.",
        matters="I want to do things on my own without Mum. I like buses and trains. I want a job "
        "like my cousin.",
        vision="I want my own flat one day, with a cat. I want to go to town on the bus on my own "
        "and have a job where people say thank you.",
        family=(
            "Mum | with | Supports {name} day to day. Wants more independence for {obj} but "
            "worries. | f",
            "Dad | with | Works long hours as a taxi driver. | m",
        ),
        family_gift=("Driving", "Drives {name} to the disco nights"),
        talks=(
            "in_person | Their home | {f0} ({f0rel}) | Met {name} and {pos} mum {f0} at home. "
            "{name} did most of the talking once {sub} got going, mainly about buses and {pos} "
            "favourite bands. Wants to go to town on {pos} own.",
            "in_person | Bus station |  | Did the bus journey into town together. {name} knew "
            "exactly which stop, which bus and how long. Not much for me to do! {Sub} was nervous "
            "about buying a ticket so we practised.",
            "group | Disco night, {centre} |  | Went to the monthly disco for young adults. "
            "{name} was first on the dance floor and met two friends from school {sub} hadn't "
            "seen in years.",
            "in_person | Community café |  | Talked about work. {name} would love to work in a "
            "café. The café manager is happy for {obj} to volunteer on Friday mornings to start.",
            "phone |  | {f0} | Spoke to {f0}. {name} has done three Fridays at the café and comes "
            "home full of stories. {f0} said {sub} seems a different person.",
        ),
        steps=(
            "Practise the bus journey into town | {name} and {coord} | Done twice together; now "
            "does it on {pos} own. | Bus route changed; trying another.",
            "Volunteer at the café on Friday mornings | {name} | Three months now. | The café "
            "closed for refurbishment.",
            "Find out about a disabled person's bus pass | {f0} | Pass arrived. | Application "
            "sent back for a photo.",
            "Look at supported internships at the college | {name} and {f0} | Open day booked. | "
            "Decided to wait a year.",
        ),
        gifts=("Making people laugh", "Reliability", "Music", "Dancing", "Sense of humour"),
        own_words=("Knows every bus timetable in Leeds by heart",),
        voice=(
            "self | A bus pass | Metro travel centre | {name} asked at the travel centre {refl} "
            "and filled in the form there.",
            "on_behalf | Changes to the day service | Adult Social Care | With {name}'s and "
            "{f0}'s agreement I wrote to the social worker about what the change has meant for "
            "{obj} and asked for a review.",
        ),
    ),
    Story(
        key="after_a_fall",
        ages=(72, 91),
        gender="m",
        introducers=(
            (H.HEALTH, "{worker}, physiotherapist", "Community rehab team", EM),
            (H.HEALTH, "{doctor}", "{surgery}", P),
            (H.FRIEND, "{neighbour}", "", IP),
        ),
        going_on="{name} fell at home in the winter and spent a week in hospital. Since then he "
        "hasn't been out on his own. He used to walk to the club every day. Lives alone; his son "
        "is in Scotland.",
        intro_matters="Getting back to the club. Staying in his own home.",
        matters="I don't want to end up in a home. I miss the lads at the club. I'm not "
        "frightened of falling, I'm frightened of lying there and nobody knowing.",
        vision="I want to get back to the club for a pint on a Friday and watch the rugby with "
        "the lads. I want to feel safe in my own house.",
        family=("Son | apart | Lives in Glasgow. Phones every Sunday. | m",),
        talks=(
            "in_person | Their home |  | Visited {name} at home. Sharp as anything and very "
            "funny. Showed me where he fell. He'd like a pendant alarm but thought they were 'for "
            "old people'. We laughed about that. Wants to get back to the club.",
            "phone |  |  | Rang the telecare team with {name}: pendant alarm being fitted on "
            "Thursday.",
            "in_person | Walked to the corner shop |  | Short walk with {name} to the corner shop "
            "and back. Slow but steady. He was chuffed. Next time, the club.",
            "in_person | Working men's club |  | Walked to the club together. Three of the old "
            "lot were there and gave him a proper welcome. Ken has offered to walk down with him "
            "on Fridays.",
            "phone |  |  | {name} rang to say he's been to the club twice with Ken and once on "
            "his own. Asked if the local history group would want his photos of the foundry.",
        ),
        steps=(
            "Get a pendant alarm fitted | {name} and {coord} | Fitted; he wears it. | He decided "
            "against it for now.",
            "Walk to the club on a Friday | {name} and Ken | Most Fridays now. | Ken was ill; "
            "{coord} went instead.",
            "Offer the foundry photos to the local history group | {name} | They've asked him to "
            "give a talk. | Couldn't find the photos yet.",
            "Ask the GP about the falls clinic | {name} | Seen; exercises to do at home. | "
            "Waiting list.",
        ),
        gifts=(
            "Storytelling",
            "Making people laugh",
            "Rugby league",
            "Local history",
            "Sense of humour",
        ),
        own_words=("Worked forty years at the foundry and has stories about all of it",),
        voice=(
            "alongside | Grab rails and a second banister | Occupational therapy, Leeds City "
            "Council | Helped {name} ask for a home assessment. Rails fitted within a month.",
            "self | A talk at the local history group | Local history society | {name} gave a "
            "talk about the foundry to twenty-five people.",
        ),
        reviews=(
            "Pendant alarm in, rails fitted, the club on Fridays. {name} says he feels like "
            "himself again.",
        ),
    ),
    Story(
        key="single_parent",
        ages=(22, 40),
        gender="f",
        introducers=(
            (H.HEALTH, "{worker}, health visitor", "Leeds Community Healthcare", EM),
            (H.SCHOOL, "{worker}, family support worker", "{school}", P),
        ),
        going_on="{name} is bringing up her son on her own since her relationship ended. Moved "
        "into the area last year and says she talks to nobody but her little boy all week.",
        intro_matters="Meeting other parents.",
        matters="My son is everything. I want him to have friends and a mum who isn't sad all the "
        "time. I used to be really sociable.",
        vision="I want friends I can have a brew with, a bit of work once he's at school, and to "
        "feel part of where we live.",
        family=("Son | with | Aged 3. Starts nursery in September. | m",),
        talks=(
            "in_person | Their home | {f0} ({f0rel}) | Met {name} and {f0} at home. She's clearly "
            "a great mum but very isolated. Talked about what she used to enjoy: dancing, her "
            "mates, hairdressing.",
            "group | Stay and play, {centre} |  | Went to stay and play with {name} and {f0}. She "
            "was nervous walking in but two mums recognised her from the park.",
            "message |  |  | {name} texted a photo of {f0} at the park with his new friend. "
            "Lovely.",
            "in_person | Community café |  | Talked about work. {name} did a year of hairdressing "
            "at college. Mentioned the community centre wants someone to do haircuts at the "
            "Friday lunch.",
        ),
        steps=(
            "Go to stay and play | {name} and {f0} | They go every Tuesday. | {f0} was poorly; "
            "will try next week.",
            "Apply for the free nursery place | {name} | Place confirmed for September. | Missed "
            "the deadline; applying for January.",
            "Offer haircuts at the Friday lunch | {name} | Does it monthly now. | Not ready yet.",
        ),
        gifts=("Hairdressing", "Dancing", "Good with children", "Encouraging others"),
        own_words=("Makes everyone feel at home at the stay and play",),
        voice=(
            "self | A nursery place | {school} | {name} rang the school herself to ask about the "
            "free nursery place.",
        ),
    ),
    Story(
        key="pain",
        ages=(48, 64),
        introducers=(
            (H.HEALTH, "{worker}, social prescribing link worker", "{surgery}", EM),
            (H.HEALTH, "{doctor}", "{surgery}", P),
        ),
        going_on="{name} had to give up work as a bus driver because of back pain. Spends most of "
        "the day at home, in pain and low. Money is tight since the sick pay stopped.",
        intro_matters="Getting out of the house. Money worries.",
        matters="I've worked since I was sixteen and I don't know who I am without it. I want to "
        "be useful. I'm sick of daytime telly.",
        vision="I want to be doing something with my days that makes a difference, even a few "
        "hours. I want to stop worrying about money and get fitter, at my own pace.",
        family=("spouse | with | Works full time at the supermarket. | opposite",),
        talks=(
            "in_person | Their home |  | Met {name} at home. A proud person who finds it hard to "
            "ask for anything. Talked about {pos} years on the buses: {sub} knows half the area "
            "by name.",
            "in_person | Citizens Advice, city centre |  | Went with {name} to a benefits check. "
            "{Sub} is entitled to more than {sub} thought; application made.",
            "group | Chair yoga, {centre} |  | Tried chair yoga together. {name} was sceptical "
            "but stayed and said {pos} back felt easier afterwards.",
            "in_person | Community café |  | {name} has offered to drive the community minibus on "
            "Tuesdays for the lunch club, short trips only. The organiser is thrilled.",
        ),
        steps=(
            "Get a benefits check | {name} and {coord} | Done; PIP awarded. | Decided to wait; "
            "will go back in the spring.",
            "Try chair yoga | {name} | Goes weekly. | Too painful that month.",
            "Ask about driving the community minibus | {name} | Drives it on Tuesdays. | "
            "Insurance wouldn't cover it.",
        ),
        gifts=("Driving", "Reliability", "Local history", "Cricket"),
        own_words=("Knows every street and short cut in South Leeds",),
        voice=(
            "alongside | A Personal Independence Payment claim | DWP | Helped {name} prepare for "
            "the assessment and went with {obj}. Award made.",
        ),
    ),
    Story(
        key="refugee_family",
        ages=(30, 52),
        culture="syrian",
        introducers=(
            (H.COUNCIL, "{worker}", "Refugee resettlement team, Leeds City Council", EM),
            (H.VOLUNTARY, "{worker}", "PAFRAS", EM),
        ),
        going_on="{name} and {pos} family arrived from Syria through the resettlement scheme last "
        "year. The resettlement team's support is ending and the family want to put down roots "
        "locally.",
        intro_matters="Work. English. Friends for the children.",
        matters="I want my children to be safe and do well at school. I want to work, I do not "
        "want to sit at home. I want to give something back to the people who welcomed us.",
        vision="I want us to feel this is our home: neighbours who are friends, the children "
        "happy at school, and me working again as a tailor, maybe my own small shop.",
        family=(
            "spouse | with | Learning English at college three days a week. | opposite",
            "Daughter | with | Aged 12. Top of her class in maths. | f",
        ),
        family_gift=("Cooking", "Baklava that sells out at every school fair"),
        talks=(
            "in_person | Their home | {f0} and an interpreter | Visited the family at home with "
            "an interpreter. Welcomed with tea and far too much food. {name} was a tailor in Homs "
            "for twenty years.",
            "group | Sewing group, {centre} |  | Took {name} to the Thursday sewing group. Within "
            "an hour {sub} was showing others how to put in a zip.",
            "in_person | {library} |  | Looked at English classes and self-employment advice "
            "together. {Pos} English has come on a lot.",
            "group | Community iftar, {centre} |  | The family cooked for the community iftar. "
            "Neighbours from the street came; the children ran around together.",
        ),
        steps=(
            "Go to the Thursday sewing group | {name} | Now helps run it. | Clashed with college.",
            "Book self-employment advice | {name} and {coord} | Seen; working on a plan. | "
            "Waiting list.",
            "Find a maths club for {f1} | {f0} | Goes on Saturdays. | None nearby.",
        ),
        gifts=("Sewing and alterations", "Generosity", "Welcoming newcomers", "Determination"),
        own_words=("Can alter anything, and teaches others how",),
        voice=(
            "alongside | Repairs to the boiler | Housing Leeds | Rang with {name} about the "
            "broken boiler; engineer came the next day.",
            "self | A parents' evening | {school} | {name} went to parents' evening on {pos} own "
            "for the first time, without an interpreter.",
        ),
    ),
    Story(
        key="home_in_a_state",
        ages=(58, 82),
        introducers=(
            (H.FRIEND, "{neighbour}", "", P),
            (H.HOUSING, "{worker}, housing officer", "Housing Leeds", EM),
            (H.POLICE, "PCSO {worker}", "West Yorkshire Police neighbourhood team", P),
        ),
        going_on="Neighbours are worried about {name}: the garden is overgrown, post is piling up "
        "and {sub} seems to be keeping a lot of things in the house. {Sub} is friendly on the "
        "doorstep but doesn't let anyone in.",
        intro_matters="",
        matters="These things matter to me; they're not rubbish. I don't want people coming in "
        "and throwing my life in a skip. I used to love having people round.",
        vision="I want to be able to have a friend round for a cup of tea. I want to sort the "
        "house my way, a bit at a time, with someone I trust.",
        family=("Niece | apart | Lives in York. Visits a couple of times a year. | f",),
        talks=(
            "in_person | On the doorstep |  | Met {name} on the doorstep; {sub} didn't want me in "
            "yet, and that's fine. Talked about {pos} garden and the old days on the street. Said "
            "I'd call again next week.",
            "in_person | Community café |  | Coffee at the café. {name} talked about {pos} "
            "mother's things, which {sub} can't part with. Said {sub} feels ashamed of the house. "
            "No rush.",
            "in_person | Their home |  | {name} invited me in for the first time. We cleared a "
            "path to the back door together and sorted one box. {Sub} chose what to keep.",
            "phone |  |  | {name} rang to say {sub} has cleared the kitchen table and had the "
            "neighbour round for a brew.",
        ),
        steps=(
            "Clear one box together each visit | {name} and {coord} | Six boxes so far. | {name} "
            "wasn't ready; we just talked.",
            "Get the smoke alarm checked | {name} | Fire service safe and well visit done. | Put "
            "off.",
            "Invite a neighbour round | {name} | Had Sheila round for tea. | Not yet.",
        ),
        gifts=("Crafts", "Local history", "Loyalty", "Curiosity"),
        own_words=("Keeps a diary of the street going back thirty years",),
        voice=(
            "on_behalf | A visit from the fire service | West Yorkshire Fire and Rescue | With "
            "{name}'s agreement I asked for a safe and well visit and explained that {sub} would "
            "like it low-key.",
        ),
    ),
    Story(
        key="leaving_care",
        ages=(18, 21),
        introducers=(
            (H.COUNCIL, "{worker}, personal adviser", "Leaving care team, Leeds City Council", EM),
            (H.HOUSING, "{worker}", "Supported housing, Foundation", EM),
        ),
        going_on="{name} left care at eighteen and has just moved into {pos} first flat on {pos} "
        "own. {Pos} personal adviser is worried {sub} has no one around and is struggling with "
        "money and loneliness.",
        intro_matters="Making the flat feel like home. People around {obj}.",
        matters="I want people around me who aren't paid to be there. I want my flat to feel like "
        "mine. I'm good at art but never had the chance to do anything with it.",
        vision="I want to be doing an art course, have a couple of proper mates, and know how to "
        "manage my money so I'm not skint by Tuesday.",
        talks=(
            "in_person | Their flat |  | Met {name} at {pos} new flat. Almost no furniture. "
            "Talked about what would make it feel like home, and {pos} drawings, which are "
            "brilliant.",
            "in_person | Furniture scheme warehouse |  | Went to the furniture scheme together. "
            "{name} chose a sofa, a table and a lamp. {Sub} was so pleased.",
            "group | Art group, {centre} |  | Went to the Wednesday art group. The tutor asked "
            "{name} to help with a mural for the community centre.",
            "in_person | Community café |  | Talked about money. We made a simple weekly budget "
            "on {pos} phone. {Sub} wants to look at the art foundation course.",
        ),
        steps=(
            "Get furniture from the furniture scheme | {name} and {coord} | Delivered. | Waiting "
            "for a delivery slot.",
            "Go to the Wednesday art group | {name} | Goes weekly; working on the mural. | Missed "
            "it; will try again.",
            "Make a weekly budget | {name} and {coord} | Done on {pos} phone. | Didn't get to it.",
            "Apply for the art foundation course | {name} | Interview booked. | Deadline passed; "
            "applying next year.",
        ),
        gifts=("Crafts", "Creativity", "Courage", "Honesty"),
        own_words=("Draws portraits that look exactly like people",),
        voice=(
            "alongside | Council tax exemption for care leavers | Leeds City Council revenues | "
            "Rang with {name} to sort the care leaver's exemption; backdated.",
            "self | An art course | Leeds Arts University | {name} emailed the admissions team "
            "{refl} to ask about the foundation course.",
        ),
    ),
    Story(
        key="drinking",
        ages=(35, 58),
        gender="m",
        introducers=(
            (H.HEALTH, "{worker}", "Forward Leeds", EM),
            (H.FAMILY, "{relative}", "", P),
            (H.POLICE, "PCSO {worker}", "West Yorkshire Police neighbourhood team", P),
        ),
        going_on="{name}'s marriage ended last year and he lost his job soon after. He has been "
        "drinking heavily and rarely goes out except to the shop. His sister is worried.",
        intro_matters="Seeing his kids. Getting back to work.",
        matters="I want to see my kids every weekend and for them to be proud of me. I want to "
        "cut down the drink. I was a good joiner once.",
        vision="I want to be back on the tools, seeing the kids, and to have a reason not to "
        "drink. Maybe coach the kids' football team one day.",
        family=(
            "Sister | apart | Lives on the next street. His main support. | f",
            "Daughter | apart | Aged 10. Lives with her mum; sees her dad on Saturdays. | f",
        ),
        talks=(
            "in_person | Their home | {f0} ({f0rel}) | Met {name} at home with his sister {f0}. "
            "He was honest about the drinking and wants to cut down. Lights up talking about his "
            "kids and his old job as a joiner.",
            "phone |  |  | Rang to remind {name} about his Forward Leeds appointment. He went.",
            "group | Men's Shed, {centre} |  | Took {name} to the Men's Shed. He spent the "
            "morning fixing a bench and teaching a lad to use a chisel.",
            "in_person | Walked along the canal |  | Walked along the canal. He's been to the "
            "Shed three times and cut down a lot. Talked about helping at the junior football "
            "club where his daughter plays.",
        ),
        steps=(
            "Go to Forward Leeds | {name} | Goes weekly; cutting down. | Missed the first "
            "appointment; rebooked.",
            "Try the Men's Shed | {name} and {coord} | Goes twice a week. | Not ready yet.",
            "Ask the junior football club about helping | {name} | Helps on Saturday mornings. | "
            "Needs a DBS check first.",
        ),
        gifts=("DIY and repairs", "Football", "Loyalty", "Good with children"),
        own_words=("Time-served joiner: can make anything out of wood",),
        voice=(
            "alongside | Seeing his daughter | Family mediation service | Went with {name} to the "
            "first mediation meeting. Agreed contact every Saturday.",
        ),
        reviews=(
            "Cutting down well, at the Shed twice a week and seeing his daughter every Saturday. "
            "Next: the football club.",
        ),
    ),
    Story(
        key="retired_teacher",
        ages=(62, 76),
        introducers=(
            (H.SELF, "", "", EM),
            (H.VOLUNTARY, "{worker}", "Voluntary Action Leeds", EM),
        ),
        going_on="{name} retired from teaching last year and has more time than {sub} knows what "
        "to do with. {Sub} wants to start a reading group for children on the estate but isn't "
        "sure where to begin.",
        intro_matters="Starting something for local children.",
        matters="I've spent my life with children and books and I miss it. There's nothing for "
        "the kids round here after school. I'd like to make a difference while I still can.",
        vision="I want a Saturday reading club at the library with a dozen regulars and a few "
        "parents helping, and for it to carry on without me one day.",
        talks=(
            "in_person | Community café |  | Met {name}, full of ideas. Talked about what's "
            "already happening for children locally and who might help.",
            "in_person | {library} |  | Met the library manager with {name}. They'll give a room "
            "free on Saturday mornings.",
            "group | Saturday reading club, {library} |  | The first reading club: nine children "
            "and three parents. {name} was in {pos} element.",
            "phone |  |  | {name} rang: two parents have offered to run it when {sub}'s away.",
        ),
        steps=(
            "Ask the library for a room | {name} and {coord} | Free room on Saturdays. | Booked "
            "up; tried the community centre.",
            "Put up posters at the school and the shop | {name} | Done. | Ran out of time.",
            "Find two parents to help | {name} | Three parents now help. | No one yet.",
        ),
        gifts=("Reading", "Encouraging others", "Organisation", "Bringing people together"),
        own_words=("Thirty years teaching infants",),
        voice=(
            "self | A small grant for books | The ward councillors | {name} wrote to the "
            "councillors {refl} and got £400 for books.",
        ),
    ),
    Story(
        key="debt",
        ages=(38, 64),
        introducers=(
            (H.COUNCIL, "{worker}", "Leeds Welfare Rights", EM),
            (H.VOLUNTARY, "{worker}", "Leeds Credit Union", EM),
            (H.SELF, "", "", P),
        ),
        going_on="{name} moved onto Universal Credit and got into a muddle with payments. Now "
        "behind with rent and council tax and has stopped opening letters. Not eating properly to "
        "save money.",
        intro_matters="Sorting the money out.",
        matters="I feel stupid that I let it get this bad. I want to be able to sleep at night. I "
        "don't want my grandkids to know.",
        vision="I want to be straight with the money, have a bit put by, and go back to the bowls "
        "club I gave up because of the subs.",
        family=("Granddaughter | apart | Aged 15. Visits after school on Wednesdays. | f",),
        talks=(
            "in_person | Their home |  | Met {name} at home. We put all the letters into piles "
            "together. Not as bad as {sub} feared.",
            "phone |  |  | Three-way call with {name} and the council tax team: payment plan "
            "agreed at £10 a week.",
            "in_person | Leeds Credit Union |  | Went with {name} to the credit union to open a "
            "savings account. {Sub} was proud to put the first £5 in.",
            "group | Bowls club open afternoon |  | {name} went back to the bowls club open "
            "afternoon. The subs are £2 a week for over-sixties.",
        ),
        steps=(
            "Sort the letters into piles | {name} and {coord} | Done. | Too much that day.",
            "Agree a council tax payment plan | {name} | £10 a week agreed. | Still waiting for a "
            "reply.",
            "Open a credit union account | {name} | Opened; saving £5 a week. | Changed {pos} "
            "mind.",
            "Go back to the bowls club | {name} | Plays on Tuesdays. | Weather.",
        ),
        gifts=("Honesty", "Numbers and bookkeeping", "Sense of humour"),
        own_words=("Ran the tuck shop at the miners' welfare for years",),
        voice=(
            "alongside | Universal Credit payments | DWP | Went with {name} to the Jobcentre to "
            "sort the housing element. Backdated payment made.",
            "on_behalf | Bailiff letter | Council tax team | With {name}'s agreement I asked the "
            "council to hold enforcement while the plan was set up. Agreed.",
        ),
    ),
    Story(
        key="animals",
        ages=(17, 24),
        gender="f",
        introducers=(
            (H.SCHOOL, "{worker}, careers adviser", "Leeds City College", EM),
            (H.FAMILY, "{relative}", "", P),
        ),
        going_on="{name} is autistic and finished college in the summer. She loves animals and "
        "wants to volunteer, but busy places are hard for her and she hasn't found anything that "
        "fits.",
        intro_matters="Working with animals.",
        matters="I like animals more than people, mostly. Noise is hard for me. I want to do "
        "something that's mine.",
        vision="I want to volunteer at a farm or rescue centre and maybe work there one day. I "
        "want one or two friends who get me.",
        family=("Mum | with | Very supportive; a teaching assistant. | f",),
        talks=(
            "message |  |  | {name} prefers messages to calls. Sent a few questions about what "
            "she'd like; she replied in detail that evening.",
            "in_person | City farm |  | Visited the city farm together on a quiet weekday "
            "morning. {name} went straight to the goats and knew all about their care.",
            "in_person | Walked round the park |  | The farm has offered Tuesday mornings, when "
            "it's quiet. {name} was pleased, in her own quiet way.",
        ),
        steps=(
            "Visit the city farm on a quiet day | {name} and {coord} | Visited; she loved it. | "
            "Cancelled; too anxious that day.",
            "Volunteer on Tuesday mornings | {name} | Three months now. | Paused over the winter.",
        ),
        gifts=("Good with animals", "Reliability", "Curiosity", "Birdwatching"),
        own_words=("Knows the name of every bird in the park by its song",),
        voice=(
            "self | Adjustments for volunteering | The city farm | {name} wrote her own one-page "
            "profile of what helps her and gave it to the farm.",
        ),
    ),
)

LIGHTS = (
    Light(
        key="whats_on",
        ages=(60, 85),
        introducers=(
            (H.SELF, "", "", P),
            (H.FAMILY, "{relative}", "", P),
        ),
        going_on="Wants to know what's on locally for older people; has been feeling a bit cut "
        "off since {pos} friend moved away.",
        matters="Getting out a bit more.",
        decision_note="{name} wanted to know what's on. Sent the community directory by post and "
        "talked through the lunch clubs and the warm space at {library}.",
        talks=(
            "phone |  |  | Rang {name} back. Talked through lunch clubs, the knit and natter and "
            "the warm space at {library}. Posted the community directory.",
        ),
        gifts=("Knitting",),
    ),
    Light(
        key="energy",
        ages=(30, 80),
        introducers=(
            (H.SELF, "", "", ON),
            (H.VOLUNTARY, "{worker}", "Citizens Advice Leeds", EM),
        ),
        going_on="Worried about the energy bills this winter; asked what help there is.",
        matters="Keeping warm without getting into debt.",
        decision_note="Gave {name} details of the energy advice line and the warm homes grant. "
        "{Sub}'ll get back in touch if {sub} gets stuck.",
        talks=(
            "phone |  |  | Talked {name} through the warm homes grant and the energy advice line. "
            "Emailed the links.",
        ),
    ),
    Light(
        key="walking_group",
        ages=(45, 78),
        introducers=(
            (H.HEALTH, "{worker}, practice nurse", "{surgery}", EM),
            (H.SELF, "", "", P),
        ),
        going_on="The practice nurse suggested walking for {pos} blood pressure; {sub} would "
        "rather not go on {pos} own.",
        matters="Getting fitter with some company.",
        decision_note="A connection: introduced {name} to the leader of the Wednesday health "
        "walk, who'll look out for {obj}.",
        talks=(
            "phone |  |  | Rang {name} and told {obj} about the Wednesday health walk.",
            "group | Health walk from {library} |  | Met {name} at the start of the walk and "
            "introduced {obj} to Jean, the leader. Stayed for the first lap.",
        ),
        gifts=("Walking",),
    ),
    Light(
        key="volunteer",
        ages=(55, 75),
        introducers=(
            (H.SELF, "", "", EM),
            (H.VOLUNTARY, "{worker}", "Voluntary Action Leeds", EM),
        ),
        going_on="Recently retired and wants to volunteer locally, something practical.",
        matters="Being useful. Meeting people.",
        decision_note="A connection: put {name} in touch with the food bank and the community "
        "garden; {sub} chose the garden.",
        talks=(
            "in_person | Community café |  | Coffee with {name}. Talked about the food bank, the "
            "community garden and the repair café. {Sub} liked the sound of the garden; I "
            "introduced {obj} to the organiser by email.",
        ),
        gifts=("Gardening", "DIY and repairs"),
    ),
    Light(
        key="new_mum",
        ages=(20, 38),
        gender="f",
        introducers=((H.HEALTH, "{worker}, health visitor", "Leeds Community Healthcare", EM),),
        going_on="New mum, first baby, just moved to the area; would like to meet other parents.",
        matters="Meeting other parents.",
        decision_note="A connection: told {name} about the baby group at {centre} and met her "
        "there the first time.",
        talks=(
            "group | Baby group, {centre} |  | Met {name} at the baby group and introduced her to "
            "a couple of mums who live on her street.",
        ),
    ),
    Light(
        key="choir_after_stroke",
        ages=(60, 84),
        introducers=((H.HEALTH, "{worker}, stroke nurse", "Leeds Teaching Hospitals", EM),),
        going_on="Had a stroke in the spring and has recovered well, but hasn't been back to "
        "{pos} church choir: it's two buses and {sub} has lost confidence.",
        matters="Getting back to choir.",
        decision_note="Some short-term help to get {name} back to choir: transport and a bit of "
        "confidence.",
        talks=(
            "in_person | Their home |  | Met {name} at home. Choir is the thing {sub} misses "
            "most. Talked about lifts.",
            "phone |  |  | Spoke to the choir leader: two members live nearby and will take turns "
            "to give {name} a lift.",
            "phone |  |  | {name} has been to choir twice. Delighted. Doesn't need anything more "
            "from me for now.",
        ),
        steps=(
            "Find a lift to choir | {coord} | Two choir members take turns. | None yet; looking "
            "at community transport.",
        ),
        gifts=("Singing",),
    ),
    Light(
        key="pip_form",
        ages=(30, 64),
        introducers=(
            (H.SELF, "", "", P),
            (H.VOLUNTARY, "{worker}", "Leeds Mind", EM),
        ),
        going_on="Has a PIP form to fill in and is very anxious about the assessment.",
        matters="Getting the form done. Not going to the assessment alone.",
        decision_note="Short-term support with the PIP form and the assessment.",
        talks=(
            "in_person | {library} |  | Went through the PIP form with {name} at the library, in "
            "{pos} own words.",
            "phone |  |  | Assessment date through. Agreed I'll go with {obj}.",
        ),
        steps=(
            "Send the PIP form back | {name} | Posted recorded delivery. | Asked for an extension.",
        ),
    ),
    Light(
        key="furniture",
        ages=(20, 60),
        introducers=((H.HOUSING, "{worker}, housing officer", "Housing Leeds", EM),),
        going_on="Moved into a council flat with nothing: no bed, no cooker.",
        matters="A bed and a cooker. Feeling settled.",
        decision_note="Short-term support to get the flat furnished.",
        talks=(
            "in_person | Their flat |  | Met {name} at the new flat. Sleeping on a borrowed air "
            "bed. Applied together for the local welfare support scheme.",
            "phone |  |  | Bed and cooker delivered. {name} also has a table from the furniture "
            "scheme.",
        ),
        steps=(
            "Apply for local welfare support | {name} and {coord} | Bed and cooker delivered. | "
            "Turned down; tried the furniture scheme.",
        ),
    ),
    Light(
        key="neighbour_noise",
        ages=(30, 75),
        introducers=((H.POLICE, "PCSO {worker}", "West Yorkshire Police neighbourhood team", P),),
        going_on="Falling out with the neighbours over noise; would like to sort it without the "
        "police.",
        matters="Peace and quiet. Staying on good terms.",
        decision_note="Short-term support to talk to the neighbours and try mediation.",
        talks=(
            "in_person | Community café |  | Talked with {name} about what {sub}'d like to say to "
            "the neighbours. {Sub} will knock on Saturday.",
            "phone |  |  | The conversation went better than expected; they've swapped numbers.",
        ),
    ),
)

_GENERIC_TALKS = (
    "phone |  |  | Quick phone catch-up. {name} sounded brighter than last time and said the week "
    "had been 'not bad at all'. Agreed to meet next week at the café.",
    "in_person | Community café |  | Met at the café. Went back over what matters most to {name}; "
    "{sub} added a couple of things. {Sub} wants to take the next step at {pos} own pace, which "
    "is fine.",
    "phone |  |  | {name} rang to cancel: not feeling up to it today. Had a short chat instead "
    "and I'll ring again on Friday.",
    "in_person | Walked round the park |  | Walked round the park together: easier for {name} to "
    "talk side by side than across a table. Talked about people {sub} used to see and might like "
    "to get back in touch with.",
    "message |  |  | Texted {name} a reminder about Thursday. A thumbs up back.",
    "in_person | {library} |  | Caught up at the library. {name} showed me photos on {pos} phone "
    "from the weekend. Lovely to see.",
    "in_person | Their home |  | A tough week: {name} was low and didn't want to go out. We "
    "talked about what has helped before. I'll call on Monday. No worries about {pos} safety.",
    "group | Open day, {centre} |  | Met {name} at the community centre open day. {Sub} spent an "
    "hour helping on the tombola and got chatting to the volunteers.",
    "phone |  |  | {name} has been thinking about what {sub} could offer others and wondered "
    "about helping at the café. I'll ask the manager.",
    "in_person | Their home |  | Short visit. Things are steady. {name} said 'I don't need you as "
    "much now', which is exactly where we want to be.",
    "video |  |  | Video call, as {name} had a cold. Went through the plan: most of it is moving. "
    "{Sub} is proud of how far {sub} has come.",
    "in_person | Community café |  | Coffee and a catch-up. {name} brought a friend {sub} met at "
    "the group, who stayed for the first half.",
)
GENERIC_TALKS = tuple(Talk.parse(text) for text in _GENERIC_TALKS)
GENERIC_REVIEWS = (
    "Looked at the plan together. Two steps done and one we let go because it no longer matters "
    "to {name}. Added a new step about getting out more at weekends.",
    "Reviewed the plan over a brew. {name} is doing more for {refl} and needs me less. Agreed "
    "to meet every three weeks instead of weekly.",
    "Plan review. Things have been harder this month; we kept the steps small and realistic.",
)
DECIDE_NOTES = {
    Level.WALKING_ALONGSIDE: (
        "After our first conversation {name} would like us to walk alongside {obj} for a while. "
        "A lot going on; {sub} wants to take things at {pos} own pace.",
        "Agreed with {name} to keep meeting. {Sub} knows what matters and wants someone in "
        "{pos} corner while {sub} works it out.",
        "Walking alongside: {name} has several things going on at once and no one nearby to "
        "talk them through with.",
    ),
}
NOT_NOW_NOTES = {
    NotNowReason.NOT_RIGHT_TIME: "{name} is going into hospital next month for an operation. "
    "Happy to be contacted again afterwards.",
    NotNowReason.DECLINED: "Spoke to {name}, who was polite but clear that {sub} has family "
    "around and doesn't want support just now. Left my number.",
    NotNowReason.MET_ELSEWHERE: "{name} already has a support worker who is doing the things "
    "{sub} wants. Agreed I'd stay in the background.",
    NotNowReason.NO_CONTACT: "Tried three times by phone and once by letter; no reply. Let the "
    "introducer know.",
    NotNowReason.OUT_OF_AREA: "{name} lives just outside our areas. Passed on details of the "
    "local community hub there, with {pos} agreement.",
    NotNowReason.OTHER: "Introduced without {pos} knowledge; {pos} family will talk to {obj} "
    "first and come back to us.",
}
STEP_BACK_NOTES = {
    StepBackReason.GOING_WELL: "{name} has what {sub} needs for now: people around {obj} and "
    "things to do. Agreed {sub} can get back in touch any time.",
    StepBackReason.CHOSE: "{name} would like a break to see how {sub} gets on. Door left open.",
    StepBackReason.MOVED: "{name} has moved to Sheffield to be nearer family. Passed on details "
    "of the local area coordination team there.",
    StepBackReason.OTHER_SUPPORT: "A support worker from Touchstone is now walking alongside "
    "{name}; we did a three-way handover.",
    StepBackReason.NO_CONTACT: "No reply to calls, texts or a letter over six weeks. Left a "
    "note that {sub} can come back any time.",
    StepBackReason.DIED: "{name} died peacefully in hospital. Sent a card to the family and went "
    "to the funeral with people from the lunch club.",
    StepBackReason.OTHER: "{name} has started full-time work and hasn't the time to meet. "
    "Happy with how things are.",
}
LIGHT_DONE_NOTE = "{name} has what {sub} needed. {Sub} knows how to get back in touch."
REOPEN_NOTES = (
    "{name} rang: things have been hard again lately and {sub} asked if we could start meeting "
    "again.",
    "{name} came to the drop-in to say hello and ended up asking for some help again.",
)
URGENT_LIGHT = "Sounded very distressed on the phone and asked for a call back today."


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------

"""Demo outcomes that change over time: the demo's builder calls :func:`record_outcomes` for
everyone it walks alongside, so their wellbeing measures, outcome ratings, crises, crises
avoided and stories look like months of real use.

Everything is recorded through the outcomes services, so every score is computed from the
person's answers, and every answer is one of the measure's own options. Only the ``rng`` passed
in is used, so two runs make the same outcomes."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from alongside.outcomes.measures import MEASURES, Option
from alongside.outcomes.models import (
    Confidence,
    Occasion,
    OrganisationSettings,
    OutcomeDomain,
    Story,
    StoryUse,
    UnitCost,
)
from alongside.outcomes.services import (
    crisis_add,
    crisis_avoided_add,
    measure_available,
    measure_record,
    ratings_record,
    story_add,
    story_withdraw_consent,
)
from alongside.people.models import Person

#: A made-up Warwick registration reference, so the demo offers SWEMWBS.
DEMO_WARWICK_REGISTRATION = "WEMWBS-DEMO-0001"

# The outcome domains the seed migration makes. An administrator may rename them; a domain the
# demo does not know is still rated, just not singled out.
PEOPLE = "Has people to turn to"
CONTROL = "Feels in control of their life"
CONTRIBUTING = "Is contributing to their community"
HOME = "Has a place to live they can keep"
FAMILY = "Family able to keep caring"

SURNAMES = (
    "Barker",
    "Hussain",
    "Walsh",
    "Kaur",
    "Mensah",
    "Nowak",
    "Firth",
    "Booth",
    "Akhtar",
    "Doyle",
    "Green",
    "Lister",
)
INITIALS = "ABCDEGHJKLMNPRST"


@dataclass(frozen=True)
class Crisis:
    """Something that happened, for a person in this situation."""

    code: str
    quantity: tuple[int, int]
    what: str


@dataclass(frozen=True)
class Avoided:
    """A crisis that was likely, why the coordinator and the person believe so, and what
    happened instead. ``confirmers`` are services that might confirm it."""

    code: str
    quantity: tuple[int, int]
    why: str
    instead: str
    confirmers: tuple[str, ...] = ()
    confidence: tuple[int, int, int] = (2, 5, 3)  # weights for low, medium, high


@dataclass(frozen=True)
class Told:
    """A story of change, in the person's words and the coordinator's."""

    title: str
    persons_words: str
    coordinators_words: str
    themes: str
    domains: tuple[str, ...]
    consent_by: str = "{full}"


#: Per situation (the demo story's key): the domains that start low and change most, the
#: chance of a crisis event and of a crisis avoided.
RELEVANT = {
    "bereavement": (PEOPLE, CONTRIBUTING),
    "carer": (FAMILY, CONTROL),
    "work": (CONTRIBUTING, CONTROL),
    "eviction": (HOME, CONTROL),
    "new_to_area": (PEOPLE,),
    "mental_health": (PEOPLE, CONTROL),
    "learning_disability": (CONTROL, PEOPLE),
    "after_a_fall": (HOME, PEOPLE),
    "single_parent": (PEOPLE,),
    "pain": (CONTRIBUTING, CONTROL),
    "refugee_family": (PEOPLE, CONTRIBUTING),
    "home_in_a_state": (HOME, PEOPLE),
    "leaving_care": (HOME, PEOPLE, CONTROL),
    "drinking": (CONTROL, FAMILY),
    "retired_teacher": (CONTRIBUTING,),
    "debt": (HOME, CONTROL),
    "animals": (CONTRIBUTING, CONTROL),
}
CRISIS_CHANCE = {
    "mental_health": 0.6,
    "drinking": 0.6,
    "after_a_fall": 0.55,
    "carer": 0.35,
    "home_in_a_state": 0.35,
    "leaving_care": 0.35,
    "eviction": 0.3,
    "debt": 0.3,
    "pain": 0.3,
    "bereavement": 0.25,
    "retired_teacher": 0.0,
}
AVOIDED_CHANCE = {
    "eviction": 0.8,
    "debt": 0.7,
    "home_in_a_state": 0.6,
    "carer": 0.6,
    "after_a_fall": 0.5,
    "mental_health": 0.5,
    "drinking": 0.45,
    "leaving_care": 0.45,
    "bereavement": 0.35,
    "pain": 0.35,
    "work": 0.25,
    "animals": 0.25,
    "single_parent": 0.25,
    "learning_disability": 0.25,
    "new_to_area": 0.15,
    "refugee_family": 0.15,
    "retired_teacher": 0.0,
}

CRISES = {
    "bereavement": (
        Crisis(
            "gp_consultation",
            (2, 4),
            "Saw {doctor} at {surgery} several times in a few weeks, very low and not sleeping "
            "since {late_name} died.",
        ),
        Crisis(
            "ambulance_see_and_treat",
            (1, 1),
            "Felt dizzy and fell in the kitchen. {f0} found {obj} and rang 999; the crew checked "
            "{obj} over at home.",
        ),
    ),
    "carer": (
        Crisis(
            "ae_attendance",
            (1, 2),
            "{f0} went out in the night and was found by a neighbour. {name} went with {f0} to "
            "A&E to be checked over and hadn't slept at all.",
        ),
        Crisis(
            "gp_consultation",
            (1, 3),
            "Went to the GP exhausted and tearful, saying {sub} couldn't go on much longer.",
        ),
        Crisis(
            "safeguarding_concern",
            (1, 1),
            "The district nurse raised a safeguarding concern after {f0} was found bruised from "
            "a fall at home while {name} was trying to manage alone.",
        ),
    ),
    "work": (
        Crisis(
            "gp_consultation", (1, 2), "Saw the GP about panic attacks before Jobcentre visits."
        ),
        Crisis(
            "mh_crisis_contact",
            (1, 1),
            "Rang the crisis line late at night after a bad week; {f0} was very worried.",
        ),
    ),
    "eviction": (
        Crisis(
            "gp_consultation", (1, 2), "Saw the GP about not sleeping and panic since the notice."
        ),
        Crisis(
            "ae_attendance",
            (1, 1),
            "Went to A&E with chest pains the night the notice came. It was a panic attack.",
        ),
        Crisis(
            "homelessness_application",
            (1, 1),
            "Went to the council as homeless when the notice came, before we met.",
        ),
    ),
    "new_to_area": (
        Crisis(
            "ae_attendance",
            (1, 1),
            "Went to A&E with an ear infection: {sub} wasn't registered with a GP and didn't "
            "know where else to go.",
        ),
    ),
    "mental_health": (
        Crisis(
            "non_elective_admission_long",
            (1, 1),
            "Five weeks on a mental health ward before we met.",
        ),
        Crisis(
            "mh_crisis_contact",
            (1, 3),
            "Seen by the crisis team after a very bad night; {f0} rang them.",
        ),
        Crisis(
            "police_callout",
            (1, 1),
            "The police did a welfare check after {name} sent {f0} worrying messages.",
        ),
    ),
    "learning_disability": (
        Crisis(
            "safeguarding_concern",
            (1, 1),
            "A safeguarding concern was raised after someone {name} met at the bus station took "
            "{obj} to a cash machine and took {pos} money.",
        ),
        Crisis(
            "police_callout",
            (1, 1),
            "The police were called when {name} got lost coming back from town and {f0} couldn't "
            "reach {obj}.",
        ),
    ),
    "after_a_fall": (
        Crisis(
            "ambulance_see_and_convey",
            (1, 1),
            "Fell in the bathroom at night and couldn't get up until morning. Taken to hospital "
            "by ambulance.",
        ),
        Crisis(
            "non_elective_admission_long",
            (1, 1),
            "A week in hospital after the fall, with a cracked wrist and bad bruising.",
        ),
        Crisis("gp_consultation", (1, 2), "Saw the GP about dizziness and the pain in his hip."),
    ),
    "single_parent": (
        Crisis(
            "gp_consultation",
            (1, 2),
            "Went to the GP feeling low and not sleeping; started on antidepressants.",
        ),
        Crisis(
            "ae_attendance",
            (1, 1),
            "Took her little boy to A&E with a high temperature in the night: she had nobody to "
            "ask.",
        ),
    ),
    "pain": (
        Crisis(
            "gp_consultation",
            (2, 5),
            "Regular GP visits about {pos} back and pain relief, often twice a month.",
        ),
        Crisis(
            "ae_attendance", (1, 1), "Went to A&E when the pain was so bad {sub} couldn't stand."
        ),
    ),
    "refugee_family": (
        Crisis(
            "ae_attendance",
            (1, 1),
            "Went to A&E with a cut hand, not knowing about the minor injuries unit.",
        ),
        Crisis(
            "gp_consultation", (1, 2), "GP visits with an interpreter about headaches and sleep."
        ),
    ),
    "home_in_a_state": (
        Crisis(
            "safeguarding_concern",
            (1, 1),
            "A neighbour raised a safeguarding concern about self-neglect; adult social care "
            "visited but {name} wouldn't let them in.",
        ),
        Crisis(
            "ambulance_see_and_treat",
            (1, 1),
            "Tripped over boxes in the hall. The ambulance crew treated {obj} at home and said the "
            "hallway was a fire risk.",
        ),
    ),
    "leaving_care": (
        Crisis(
            "police_callout",
            (1, 1),
            "The police were called to a party at the flat that got out of hand; people {sub} "
            "hardly knew had come round.",
        ),
        Crisis("gp_consultation", (1, 1), "Saw the GP about panic attacks and not eating."),
        Crisis(
            "ae_attendance",
            (1, 1),
            "A&E after a night out went wrong; {sub} was on {pos} own and frightened.",
        ),
    ),
    "drinking": (
        Crisis(
            "ae_attendance",
            (1, 3),
            "A&E after a fall when he'd been drinking: a cut head, glued and sent home.",
        ),
        Crisis(
            "police_callout",
            (1, 1),
            "The police were called after an argument outside his ex-partner's house.",
        ),
        Crisis(
            "ambulance_see_and_convey",
            (1, 1),
            "Found collapsed in the street and taken to hospital by ambulance.",
        ),
    ),
    "debt": (
        Crisis(
            "gp_consultation",
            (1, 2),
            "Saw the GP about dizzy spells; {sub} had been skipping meals to save money.",
        ),
        Crisis(
            "eviction",
            (1, 1),
            "Evicted from {pos} last flat over rent arrears and stayed with family for a month "
            "before this tenancy.",
        ),
    ),
    "animals": (
        Crisis("gp_consultation", (1, 1), "Saw the GP about anxiety after college finished."),
        Crisis(
            "mh_crisis_contact",
            (1, 1),
            "Seen by the crisis team after a meltdown at the Jobcentre; {f0} was with her.",
        ),
    ),
}
GENERIC_CRISES = (
    Crisis("gp_consultation", (1, 2), "Saw the GP feeling low and on {pos} own."),
    Crisis("ae_attendance", (1, 1), "Went to A&E in the night, not knowing where else to go."),
)

AVOIDED = {
    "bereavement": (
        Avoided(
            "gp_consultation",
            (4, 8),
            "{name} was seeing the GP most fortnights since {late_name} died, in {pos} own words "
            "'just to talk to someone'. {doctor} told us as much when {sub} introduced {obj}.",
            "{name} goes to the Tuesday lunch club and helps with the roses at the community "
            "garden. {Sub} has been to the surgery once in three months, for a flu jab, and says "
            "{sub} talks to Maureen now instead.",
            ("{surgery}, {doctor}",),
            (3, 5, 1),
        ),
    ),
    "carer": (
        Avoided(
            "residential_care_week",
            (12, 26),
            "{f0} was up most nights and {name} hadn't slept properly in months. The district "
            "nurse told us a care home for {f0} was being talked about, and {name} agreed: "
            "'{f0} would have had to go in by the summer.'",
            "{name} has a sitting service two afternoons a week and {f0} goes to the day centre "
            "on Wednesdays. Someone from the carers' group sits with {f0} once a month so {name} "
            "can get out. {f0} is still at home, and {name} says {sub} can keep going.",
            ("Carers Leeds, {init}. {surname}", "Leeds Community Healthcare, {init}. {surname}"),
            (1, 5, 3),
        ),
        Avoided(
            "ae_attendance",
            (1, 2),
            "{f0} had gone out in the night twice and been found by neighbours. The nurse said "
            "next time it would likely be the police and A&E.",
            "A door sensor from the council's telecare service and a neighbour's number on the "
            "fridge. When {f0} tried the door in the spring, the alarm woke {name} and they were "
            "back in bed in ten minutes.",
            ("Leeds Telecare, {init}. {surname}",),
        ),
    ),
    "work": (
        Avoided(
            "mh_crisis_contact",
            (1, 2),
            "{name} was having panic attacks before every Jobcentre appointment and told me he'd "
            "'had enough of everything'. His mum had rung the crisis line once already.",
            "We went to the Jobcentre together and he explained his anxiety to his work coach, "
            "who moved his appointments to quiet times. He does two mornings a week at the "
            "repair café and has an interview for an apprenticeship. No crisis calls since.",
            (),
            (3, 5, 1),
        ),
    ),
    "eviction": (
        Avoided(
            "eviction",
            (1, 1),
            "{name} had a notice with six weeks to go and two months of rent arrears. She had no "
            "savings and no family nearby who could take the three of them, and told me she'd "
            "have had to go to the council as homeless with the children.",
            "We went to Leeds Housing Options together. The notice wasn't valid because the "
            "deposit wasn't protected, a discretionary housing payment cleared the arrears and "
            "the landlord agreed a new tenancy. The children are still at {school}.",
            (
                "Leeds Housing Options, {init}. {surname}",
                "Citizens Advice Leeds, {init}. {surname}",
            ),
            (0, 3, 6),
        ),
    ),
    "new_to_area": (
        Avoided(
            "ae_attendance",
            (1, 2),
            "{name} was using A&E instead of a GP because {sub} didn't know how to register and "
            "was afraid of being charged.",
            "We registered {obj} at {surgery} together and practised booking online. {Sub} has "
            "seen the GP about {pos} back and is having physio.",
            (),
            (5, 4, 0),
        ),
    ),
    "mental_health": (
        Avoided(
            "non_elective_admission_long",
            (1, 1),
            "In the weeks after leaving the ward {name} was on {pos} own all day, stopped {pos} "
            "medication for a while and told me it felt 'exactly like last time'. {Pos} care "
            "coordinator was worried about another admission.",
            "{name} comes to the community garden at {centre} every Thursday and has a routine "
            "again. When things got bad in the winter {sub} rang me and {pos} care coordinator "
            "early, the medication was sorted, and {sub} stayed at home.",
            ("Community Mental Health Team, {init}. {surname}",),
            (1, 5, 3),
        ),
        Avoided(
            "mh_crisis_contact",
            (2, 4),
            "{name} was ringing the crisis team most weekends, late at night when {sub} couldn't "
            "sleep and had no one to talk to.",
            "{Sub} now has {f0} and two people from the walking group to ring, and goes to the "
            "Friday drop-in at {centre}. {Sub} has rung the crisis line once in four months.",
        ),
    ),
    "learning_disability": (
        Avoided(
            "safeguarding_concern",
            (1, 1),
            "Someone {name} met online kept asking {obj} for money and wanted to meet. {Sub} had "
            "already sent them £60 and was planning to take out more.",
            "We talked it through with {f0}. {name} decided to block them {refl}, and now goes "
            "to a friendship group at {centre} where {sub} has made real friends. The bank has "
            "put a note on {pos} account.",
            ("Leeds Adult Social Care, {init}. {surname}",),
        ),
    ),
    "after_a_fall": (
        Avoided(
            "residential_care_week",
            (8, 20),
            "He hadn't been out on his own since the fall and was getting weaker. His son was "
            "talking about a care home and {name} was coming round to it, because he was "
            "frightened of falling again with nobody there.",
            "Strength and balance classes at {centre}, grab rails in the bathroom and a pendant "
            "alarm. He walks to the club with {neighbour} twice a week and is still in his own "
            "home.",
            (
                "Leeds Adult Social Care, {init}. {surname}",
                "Community falls team, {init}. {surname}",
            ),
        ),
        Avoided(
            "ambulance_see_and_convey",
            (1, 1),
            "He'd fallen twice in the months before and lay on the floor for hours each time, "
            "because he wouldn't wear the alarm.",
            "He wears the pendant now and we moved the rug and the boxes in the hall together. No "
            "falls since.",
        ),
    ),
    "single_parent": (
        Avoided(
            "mh_crisis_contact",
            (1, 1),
            "{name} told me she'd had dark thoughts in the evenings when her son was asleep and "
            "she had nobody to talk to. Her health visitor was worried too.",
            "She goes to stay and play twice a week and messages two friends from there most "
            "evenings. She's back in touch with the GP about her mood and says the evenings are "
            "much better.",
            ("Health visiting team, {init}. {surname}",),
        ),
    ),
    "pain": (
        Avoided(
            "gp_consultation",
            (4, 10),
            "{name} was at the surgery most fortnights about {pos} pain, and the GP said there "
            "was little more medicine could do.",
            "{Sub} joined the pain management course and the walking group at {centre}, and "
            "helps at the repair café, which gives {obj} something to look forward to. Two GP "
            "visits in three months.",
            ("{surgery}, social prescribing link worker {init}. {surname}",),
        ),
    ),
    "refugee_family": (
        Avoided(
            "ae_attendance",
            (1, 2),
            "The family didn't know the difference between A&E, the walk-in centre and the GP, "
            "and went to A&E for most things.",
            "We walked the way to the surgery and the walk-in centre together, and {name} now "
            "explains it to other families at the language café.",
            (),
            (5, 4, 0),
        ),
    ),
    "home_in_a_state": (
        Avoided(
            "eviction",
            (1, 1),
            "The landlord had written to say the state of the house broke the tenancy, and the "
            "fire service said the hallway was a risk. {name} was frightened and wouldn't open "
            "the door to anyone.",
            "We cleared the hallway and two rooms together, at {pos} pace, over three months, "
            "with help from {f0}. The fire service did a safe and well visit and the landlord "
            "withdrew the warning.",
            (
                "West Yorkshire Fire and Rescue, {init}. {surname}",
                "Housing officer, {init}. {surname}",
            ),
            (1, 4, 4),
        ),
        Avoided(
            "safeguarding_concern",
            (1, 1),
            "Neighbours were worried, and one had said they would report self-neglect to adult "
            "social care.",
            "{name} let me in on my third visit. {Sub} opens the post each week with {f0}, the "
            "men's shed cut the garden, and the neighbour who was worried pops round for tea.",
        ),
    ),
    "leaving_care": (
        Avoided(
            "eviction",
            (1, 1),
            "{name} was two months behind with rent in {pos} first flat because the housing "
            "costs weren't set up on Universal Credit, and the landlord had sent a warning "
            "letter.",
            "We rang Universal Credit together, got the housing costs sorted and backdated, and "
            "the rent now goes straight to the landlord. {Sub} keeps a budget on {pos} phone.",
            ("Leaving care team, {init}. {surname}",),
            (1, 4, 4),
        ),
        Avoided(
            "police_callout",
            (1, 1),
            "People {sub} hardly knew were using {pos} flat for parties and the neighbours had "
            "complained twice.",
            "{name} told them {sub} didn't want them round any more, with {pos} personal "
            "adviser's backing, and joined the youth cookery group at {centre}, where {sub} has "
            "made friends {pos} own age.",
        ),
    ),
    "drinking": (
        Avoided(
            "ae_attendance",
            (2, 3),
            "{name} had been to A&E three times in the autumn after falls when he'd been "
            "drinking, and his sister said it was getting worse.",
            "He's working with Forward Leeds and goes to the men's shed on Tuesdays and "
            "Thursdays. He sees his daughter every Saturday and doesn't want to miss it. No A&E "
            "visits since the new year.",
            ("Forward Leeds, {init}. {surname}",),
        ),
        Avoided(
            "police_callout",
            (1, 1),
            "There had been arguments outside his ex-partner's house and she said she'd ring the "
            "police the next time.",
            "Contact with his daughter is arranged through family mediation now, and the handover "
            "is at the café at {centre}.",
        ),
    ),
    "debt": (
        Avoided(
            "eviction",
            (1, 1),
            "{name} was three months behind with the rent and had a notice seeking possession "
            "from the housing association. {Sub} hadn't opened a letter in weeks.",
            "We opened the letters together and Leeds Welfare Rights sorted out the housing "
            "costs on Universal Credit. The housing officer agreed a repayment plan and the "
            "possession claim was stopped. {Sub} opens the post on Mondays now, with a cup of "
            "tea.",
            (
                "Leeds Welfare Rights, {init}. {surname}",
                "Leeds Federated Housing, {init}. {surname}",
            ),
            (0, 4, 5),
        ),
    ),
    "animals": (
        Avoided(
            "mh_crisis_contact",
            (1, 1),
            "After college ended {name} had meltdowns most weeks and her mum had rung the crisis "
            "team twice.",
            "She volunteers two quiet mornings a week at the city farm, with the same person "
            "each time. Her mum says she's calmer and sleeping, and there have been no crisis "
            "calls since she started.",
        ),
    ),
}
GENERIC_AVOIDED = (
    Avoided(
        "gp_consultation",
        (2, 4),
        "{name} was going to the GP most weeks, mostly because {sub} was lonely and worried.",
        "{Sub} has a few places to go each week now and people to ring. {Sub} has been to the GP "
        "once since, for a check-up.",
        (),
        (4, 4, 1),
    ),
)

TOLD = {
    "bereavement": Told(
        "Roses and Tuesdays",
        "After {late_name} died I didn't see the point of going out. I'd sit by the window all "
        "day. {coord} didn't rush me, and came with me to the lunch club the first time. Now "
        "Tuesdays are my day. I help with the roses at the community garden and people ask me "
        "things. {f0} says I sound like myself again.",
        "{name} had hardly left the house in months. Walking into the lunch club together, and "
        "two people remembering {obj}, was the turning point. Since then {sub} has made {pos} "
        "own connections; my part has been small.",
        "bereavement, loneliness, gardening, lunch club",
        (PEOPLE, CONTRIBUTING),
    ),
    "carer": Told(
        "Keeping {f0} at home",
        "I thought asking for help meant I'd let {f0} down. I was so tired I couldn't think. Now "
        "I've got two afternoons a week to myself and I go to the carers' group, where I've made "
        "a friend who rings me. {f0} is still here with me, and that's all I wanted.",
        "{name} is a devoted carer who was at breaking point. We found a sitting service and the "
        "day centre together, and {sub} joined the carers' group. {f0} is still at home and "
        "{name} is sleeping again.",
        "carers, dementia, a break, staying at home",
        (FAMILY, CONTROL, PEOPLE),
    ),
    "work": Told(
        "From my bedroom to the repair café",
        "I hardly left my room for a year. I was scared of the Jobcentre and scared of people. "
        "{coord} came with me, and I found out I'm good at fixing things. At the repair café "
        "people bring me their broken stuff and I sort it. I've got an interview next month.",
        "{name} has a real gift for fixing things. Once the Jobcentre felt manageable he found "
        "the repair café, and he hasn't missed a session since.",
        "young people, work, anxiety, repair café",
        (CONTRIBUTING, CONTROL),
    ),
    "eviction": Told(
        "Staying put",
        "When the notice came I thought that was it: a B&B and the kids changing schools. "
        "{coord} opened the letters with me when I couldn't face them, and the notice wasn't "
        "even legal. We're still here, the damp's fixed, and I'm starting my childcare course. "
        "The kids never knew how close it was, and that's how I wanted it.",
        "{name} did the hard part herself: she explained everything to Housing Options and kept "
        "going. My part was sitting with her while she opened the post, and knowing who to ring.",
        "housing, children, money, volunteering",
        (HOME, CONTROL),
    ),
    "new_to_area": Told(
        "Finding my voice in English",
        "At first I only talked to people at work. Now I go to the conversation café at "
        "{library} and I know my neighbours' names. Last week I helped a new family from Poland "
        "fill in a form. I feel I live here now, not just work here.",
        "{name} came in asking about English classes and has become the person new families ask "
        "for help. The conversation café was {pos} idea as much as mine.",
        "new to the area, English, neighbours",
        (PEOPLE, CONTRIBUTING),
    ),
    "mental_health": Told(
        "A reason to get up on Thursdays",
        "Coming home from hospital was the loneliest time. I didn't know anyone round here. Now "
        "I've got the garden on Thursdays and people who notice if I'm not there. When it got "
        "hard in the winter I asked for help early instead of waiting until it was too late.",
        "{name} found {pos} routine at the community garden. When things got hard, {sub} knew "
        "who to ring and rang early. That is {pos} achievement, not mine.",
        "mental health, community garden, routine",
        (PEOPLE, CONTROL),
    ),
    "learning_disability": Told(
        "My own friends",
        "I wanted friends that are mine, not my mum's friends. I go to the friendship group and "
        "bowling on Fridays and I get the bus there on my own. I help at the café on Wednesdays. "
        "I like being trusted.",
        "{name} wanted more independence and {pos} own friends, and has both now. {f0} was "
        "nervous about the bus at first and is now {pos} biggest supporter.",
        "independence, friendship, travelling on my own",
        (PEOPLE, CONTROL, CONTRIBUTING),
        "{full}, with {f0} ({f0rel})",
    ),
    "after_a_fall": Told(
        "Back at the club",
        "After the fall I thought my walking days were done. I sat in the same chair all day and "
        "I was thinking about a home. Now I do the balance class and I walk to the club with "
        "{neighbour} twice a week. I'm still in my own house and I mean to stay here.",
        "{name} was frightened of falling again. The balance class gave him back his "
        "confidence, and walking with {neighbour} gave him back the club.",
        "falls, older people, staying at home",
        (HOME, PEOPLE),
    ),
    "single_parent": Told(
        "Not on my own any more",
        "I used to go a whole week only talking to my little boy. The first time at stay and "
        "play I nearly turned round at the door. Now I've got friends I message every day and "
        "we take the kids to the park together. He's got friends too.",
        "{name} went to stay and play on her own the second week. She now welcomes new parents "
        "at the door, because she remembers how hard it was.",
        "parents, loneliness, stay and play",
        (PEOPLE, CONTRIBUTING),
    ),
    "pain": Told(
        "Still useful",
        "I drove buses for twenty-six years and when my back went I thought I was finished. The "
        "pain's still there but it isn't the whole of my day. I help at the repair café and I "
        "walk with the group on Mondays. I'm useful again.",
        "{name} has more to give than {sub} knew. The pain hasn't gone, but {sub} plans the "
        "week around what {sub} can do, not what {sub} can't.",
        "pain, work, contribution",
        (CONTRIBUTING, CONTROL),
    ),
    "refugee_family": Told(
        "Putting down roots",
        "When the resettlement support ended we were afraid. Now my children have friends at "
        "school and I volunteer at the language café, helping families who came after us. This "
        "is our home now.",
        "{name} and the family have put down roots quickly. {Sub} is now the first person many "
        "new families meet at the language café.",
        "refugees, family, volunteering, language café",
        (PEOPLE, CONTRIBUTING),
    ),
    "home_in_a_state": Told(
        "Opening the door",
        "I didn't let anyone in for years. I was ashamed. {coord} kept coming back and never "
        "once told me off. We did it a bit at a time. Now {f0} comes for tea and I can sit in my "
        "front room again.",
        "It took three visits before {name} let me in, and we went at {pos} pace. The house is "
        "safe now and {sub} has people calling round.",
        "home, trust, taking it slowly",
        (HOME, PEOPLE),
    ),
    "leaving_care": Told(
        "My first home",
        "When I got the flat I didn't know how to do anything: bills, rent, any of it. And it "
        "was so quiet. Now the rent's sorted, I cook on Wednesdays at the youth group and I've "
        "got mates who come round for tea, not parties.",
        "{name} has turned a flat into a home. {Sub} sorted {pos} own budget once {sub} could "
        "see where the money was going.",
        "leaving care, young people, money, first home",
        (HOME, PEOPLE, CONTROL),
    ),
    "drinking": Told(
        "Saturdays with my daughter",
        "I'd lost my marriage and my job and I was drinking every day. I didn't want anyone to "
        "see me. The men's shed was the first place nobody asked questions. I'm four months off "
        "the drink and I see my daughter every Saturday. She says she's proud of me.",
        "{name} did this himself, with Forward Leeds and the men's shed. Seeing his daughter "
        "every Saturday is what keeps him going.",
        "alcohol, men's shed, family",
        (PEOPLE, CONTROL),
    ),
    "retired_teacher": Told(
        "The estate reading club",
        "I retired and thought: now what? I'd always wanted to do something for the children on "
        "the estate. {coord} introduced me to the library and the community centre, and now "
        "twelve children come to the reading club on Saturday mornings. Two of the parents help "
        "run it.",
        "{name} had the idea and the skills; I helped with the introductions. The reading club "
        "at {centre} is now run by {name} and two parents.",
        "contribution, children, reading, volunteering",
        (CONTRIBUTING,),
    ),
    "debt": Told(
        "Opening the post on Mondays",
        "I'd stopped opening letters. I was skipping meals to pay things and still getting "
        "further behind. We sat at my kitchen table and opened every letter, and it wasn't as "
        "bad as I thought. Now I open the post on Mondays with a cup of tea and I'm eating "
        "properly.",
        "{name} faced the letters, and Welfare Rights did the rest. The tenancy is safe and "
        "{sub} is eating properly again.",
        "money, debt, housing",
        (HOME, CONTROL),
    ),
    "animals": Told(
        "Quiet mornings at the farm",
        "Busy places make my head too loud. The farm is quiet in the mornings and the animals "
        "don't mind if I don't talk. I go on Tuesdays and Thursdays. I'm learning to look after "
        "the goats and I'm good at it.",
        "{name} knew what she needed: somewhere quiet, with animals, and the same person each "
        "time. The city farm fitted, and she is now trusted with the goats.",
        "autism, volunteering, animals",
        (CONTRIBUTING, CONTROL),
    ),
}
GENERIC_TOLD = Told(
    "A few places to go each week",
    "I used to sit in all week. Now I've got a few places to go and people who'd notice if I "
    "didn't turn up. I feel part of things again.",
    "{name} did the hard part by walking into each place the first time.",
    "loneliness, connections",
    (PEOPLE,),
)

#: Measures offered and how often each person is asked to do one; SWEMWBS needs registration.
MEASURE_CHANCE = (("ucla3", 0.9), ("ons4", 0.85), ("swemwbs", 0.6))
PARTIAL_CHANCE = 0.05
STORY_CHANCE = 0.27
#: After how many stories the demo withdraws consent a second time (the first story whose
#: consent was given long enough ago is always withdrawn, so the demo shows that state).
SECOND_WITHDRAWAL_AFTER = 8


def register_for_swemwbs(*, on: date) -> None:
    """Record a made-up Warwick registration, unless there is one, so SWEMWBS is offered."""
    settings = OrganisationSettings.current()
    if not settings.warwick_registration:
        settings.warwick_registration = DEMO_WARWICK_REGISTRATION
        settings.warwick_registered_on = on
        settings.save()


@dataclass
class Course:
    """How someone's wellbeing moves while they are walked alongside: each level runs from 0
    (worst) to 1 (best) and moves by ``gain`` (negative for a dip) over ``settle`` days."""

    start: date
    gain: float
    settle: int
    wellbeing: float
    connected: float
    calm: float

    WEIGHTS = {"wellbeing": 1.0, "connected": 1.2, "calm": 0.8}

    def progress(self, day: date) -> float:
        return min(1.0, max(0, (day - self.start).days) / self.settle) ** 0.8

    def level(self, rng: random.Random, name: str, day: date) -> float:
        value = getattr(self, name) + self.gain * self.WEIGHTS[name] * self.progress(day)
        return _clamp(value + rng.gauss(0, 0.04))


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _answer(rng: random.Random, options: tuple[Option, ...], level: float) -> int:
    """One of the item's options, around ``level`` of the way from the first to the last."""
    index = round(level * (len(options) - 1) + rng.gauss(0, 0.45))
    return options[min(max(index, 0), len(options) - 1)].value


def _answers(
    rng: random.Random, code: str, levels: dict[str, float], bias: dict
) -> dict[str, int | None]:
    wellbeing, connected, calm = levels["wellbeing"], levels["connected"], levels["calm"]
    source = {
        "close_to_others": (wellbeing + connected) / 2,
        "relaxed": (wellbeing + calm) / 2,
        "anxiety": 1 - calm,  # ONS4 anxiety: high is worse
    }
    if code == "ucla3":  # every item: higher is lonelier
        source = {item.code: 1 - connected for item in MEASURES[code].items}
    answers: dict[str, int | None] = {}
    for item in MEASURES[code].items:
        if (code, item.code) not in bias:  # how this person tends to answer this item
            bias[code, item.code] = rng.gauss(0, 0.06)
        level = source.get(item.code, wellbeing) + bias[code, item.code]
        answers[item.code] = _answer(rng, item.options, _clamp(level))
    if rng.random() < PARTIAL_CHANCE:
        for item in rng.sample(MEASURES[code].items, rng.randint(1, 2)):
            answers[item.code] = None
    return answers


def _fill(text: str, ctx: dict, rng: random.Random | None = None) -> str:
    extra = {}
    if rng is not None and "{init}" in text:
        extra = {"init": rng.choice(INITIALS), "surname": rng.choice(SURNAMES)}
    return text.format(**ctx, **extra)


def record_outcomes(
    *,
    rng: random.Random,
    user,
    person: Person,
    situation: str,
    start: date,
    end: date,
    ctx: dict,
    stepped_back: bool,
) -> None:
    """Record outcomes for someone walked alongside from ``start`` to ``end``: a baseline, a
    review about every three months and, if the coordinator stepped back at ``end``, a last
    measure then; outcome ratings at each; for some, crises before or early on, crises
    avoided and a story told with consent. ``situation`` is the demo story's key."""
    trend = rng.choices(("better", "same", "worse"), weights=(72, 17, 11))[0]
    gain = {
        "better": rng.uniform(0.22, 0.48),
        "same": rng.uniform(-0.04, 0.05),
        "worse": -rng.uniform(0.08, 0.2),
    }[trend]
    course = Course(
        start=start,
        gain=gain,
        settle=rng.randint(150, 330),
        wellbeing=rng.uniform(0.25, 0.5),
        connected=rng.uniform(0.1, 0.4),
        calm=rng.uniform(0.2, 0.5),
    )
    span = max((end - start).days, 1)

    occasions = [(min(start + timedelta(days=rng.randint(0, 14)), end), Occasion.BASELINE)]
    day = occasions[0][0] + timedelta(days=rng.randint(80, 100))
    last_review = end - timedelta(days=21) if stepped_back else end
    while day <= last_review:
        if rng.random() < 0.9:  # the odd review is missed
            occasions.append((day, Occasion.REVIEW))
        day += timedelta(days=rng.randint(80, 100))
    if stepped_back and end > occasions[-1][0]:
        occasions.append((end, Occasion.STEPPING_BACK))

    codes = [code for code, chance in MEASURE_CHANCE if rng.random() < chance]
    codes = [code for code in codes if measure_available(code)] or ["ons4"]
    domains = list(OutcomeDomain.objects.filter(active=True))
    relevant = RELEVANT.get(situation, ())
    domain_base = {
        d.pk: _clamp(rng.uniform(0.3, 0.6) - (0.25 if d.name in relevant else 0)) for d in domains
    }
    bias: dict = {}
    for on, occasion in occasions:
        levels = {name: course.level(rng, name, on) for name in Course.WEIGHTS}
        for code in codes:
            measure_record(
                user=user,
                person=person,
                measure=code,
                taken_on=on,
                occasion=occasion,
                answers=_answers(rng, code, levels, bias),
            )
        if domains:
            ratings = {}
            for d in domains:
                weight = 1.3 if d.name in relevant else 0.8
                level = domain_base[d.pk] + gain * weight * course.progress(on)
                ratings[d] = min(5, max(1, 1 + round(4 * level + rng.gauss(0, 0.35))))
            ratings_record(user=user, person=person, on=on, ratings=ratings)

    costs = {u.code: u for u in UnitCost.objects.filter(active=True)}
    crisis_chance = CRISIS_CHANCE.get(situation, 0.2) + (0.15 if trend == "worse" else 0)
    if rng.random() < crisis_chance:
        choices = [c for c in CRISES.get(situation, GENERIC_CRISES) if c.code in costs]
        for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0] if choices else 0):
            crisis = rng.choice(choices)
            when = rng.random()
            if when < 0.6:  # mostly before the support began, or early on
                on = start - timedelta(days=rng.randint(7, 180))
            elif when < 0.9:
                on = start + timedelta(days=rng.randint(0, 90))
            else:
                on = start + timedelta(days=rng.randint(0, span))
            crisis_add(
                user=user,
                person=person,
                on=min(on, end),
                event_type=costs[crisis.code],
                quantity=rng.randint(*crisis.quantity),
                what_happened=_fill(crisis.what, ctx),
            )

    avoided_chance = AVOIDED_CHANCE.get(situation, 0.2) * (0.5 if trend == "worse" else 1)
    if span >= 45 and rng.random() < avoided_chance:
        avoidable = [a for a in AVOIDED.get(situation, GENERIC_AVOIDED) if a.code in costs]
        how_many = 2 if len(avoidable) > 1 and rng.random() < 0.2 else 1
        for avoided in rng.sample(avoidable, min(how_many, len(avoidable))):
            confirmed = avoided.confirmers and rng.random() < 0.45
            crisis_avoided_add(
                user=user,
                person=person,
                on=start + timedelta(days=rng.randint(30, span)),
                likely_event=costs[avoided.code],
                quantity=rng.randint(*avoided.quantity),
                why_likely=_fill(avoided.why, ctx),
                instead=_fill(avoided.instead, ctx),
                confidence=rng.choices(list(Confidence), weights=avoided.confidence)[0],
                confirmed_by=_fill(rng.choice(avoided.confirmers), ctx, rng) if confirmed else "",
            )

    if trend == "better" and span >= 120:
        first = not Story.objects.exists()  # the demo always shows at least one story
        if rng.random() < STORY_CHANCE or first:
            tell_story(
                rng=rng,
                user=user,
                person=person,
                situation=situation,
                ctx=ctx,
                start=start,
                end=end,
                domains=domains,
            )


def tell_story(*, rng, user, person, situation, ctx, start, end, domains) -> Story:
    """A story told with the person's consent; consent to one or two stories is withdrawn."""
    told = TOLD.get(situation, GENERIC_TOLD)
    span = (end - start).days
    consent_on = start + timedelta(days=rng.randint(max(90, span // 2), max(90, span * 9 // 10)))
    consent_on = min(consent_on, end)
    story = story_add(
        user=user,
        person=person,
        title=_fill(told.title, ctx),
        persons_words=_fill(told.persons_words, ctx),
        coordinators_words=_fill(told.coordinators_words, ctx),
        themes=told.themes,
        consent_given_by=_fill(told.consent_by, ctx),
        consent_given_on=consent_on,
        consent_use=rng.choices(list(StoryUse), weights=(2, 5, 3))[0],
        domains=[d for d in domains if d.name in told.domains],
    )
    gap = (end - consent_on).days
    withdrawn = Story.objects.filter(consent_withdrawn_on__isnull=False).count()
    if gap >= 14 and (
        withdrawn == 0 or (withdrawn == 1 and Story.objects.count() > SECOND_WITHDRAWAL_AFTER)
    ):
        story_withdraw_consent(
            user=user,
            story=story,
            on=consent_on + timedelta(days=rng.randint(7, gap)),
            expected_version=story.version,
        )
        story.refresh_from_db()
    return story

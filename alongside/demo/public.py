"""The demo's public pages: how the public reaches each area's coordinators, and a few words
about each area (its postcodes are on the area itself)."""

import random
from datetime import date

from alongside.accounts.models import Area, User
from alongside.people.models import Easy, Helped, IntroducerFeedback, IntroducerKind, Introduction
from alongside.public.models import Coverage

# Phone numbers from Ofcom's range for drama (0113 496 0000 to 0999): never a real line.
ABOUT = {
    "Headingley & Hyde Park": (
        "Headingley, Hyde Park and Woodhouse: terraced streets, students and families, the "
        "park and the Otley Road shops.",
        "0113 496 0100",
    ),
    "Kirkstall": (
        "Kirkstall and Burley, along the river and the canal from the abbey to the Kirkstall Road.",
        "0113 496 0200",
    ),
    "Beeston & Holbeck": (
        "Beeston Hill, Cross Flatts and Holbeck, south of the city centre.",
        "0113 496 0300",
    ),
    "Hunslet & Riverside": (
        "Hunslet, Stourton and the new homes by the river at Leeds Dock.",
        "0113 496 0400",
    ),
}


# What the demo's coordinators tell the public about themselves (no photos: they are the
# coordinators' own to add).
ABOUT_COORDINATORS = {
    "Priya Shah": "I grew up off Cardigan Road. Find me at the Tuesday coffee morning at "
    "St Michael's, or in the Hyde Park Book Club most Thursdays.",
    "Joanne Baxter": "Kirkstall born and bred. I'm often at the abbey's café on Wednesday "
    "mornings: come and say hello.",
    "Kwame Mensah": "Ask me about the community garden on Cross Flatts Park, where I am "
    "most Friday afternoons.",
}


def make_public(*, today: date, seed: int = 23) -> None:
    for area in Area.objects.all():
        about, phone = ABOUT.get(area.name, ("", ""))
        slug = area.name.split()[0].lower()
        Coverage.objects.update_or_create(
            area=area,
            defaults={
                "about": about,
                "phone": phone,
                "email": f"lac.{slug}@alongside.example",
            },
        )
    for name, about in ABOUT_COORDINATORS.items():
        User.objects.filter(full_name=name).update(public_about=about)
    _introducers_answer(random.Random(seed), today)


def _introducers_answer(rng: random.Random, today: date) -> None:
    """About two in five of those who introduced someone else answer, mostly kindly, in the
    month after the introduction was decided."""
    decided = Introduction.objects.filter(decided_at__isnull=False).exclude(
        introducer_kind=IntroducerKind.SELF
    )
    answers = []
    for number, (area_id, kind, when) in enumerate(
        decided.order_by("pk").values_list("area_id", "introducer_kind", "decided_at")
    ):
        if rng.random() > 0.4:
            continue
        month = date(when.year + (when.month == 12), when.month % 12 + 1, 1)
        answers.append(
            IntroducerFeedback(
                area_id=area_id,
                month=min(month, today.replace(day=1)),
                introducer_kind=kind,
                easy=rng.choices(Easy.values, weights=[7, 2, 1])[0],
                helped=rng.choices(Helped.values, weights=[5, 3, 1, 2])[0],
                token=f"demo-{number}",
            )
        )
    IntroducerFeedback.objects.bulk_create(answers)

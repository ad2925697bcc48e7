"""Seed the shared vocabulary of gifts, strengths, skills and interests.

Administrators can rename, add or retire terms afterwards; coordinators can always write a gift
in the person's own words instead. Reversing removes the terms this migration added (a term
still used by someone's gift is protected and stops the reversal, so nothing is lost).
"""

from django.db import migrations

TERMS = {
    "gift": [
        "Listening",
        "Making people laugh",
        "Welcoming newcomers",
        "Kindness",
        "Encouraging others",
        "Bringing people together",
        "Putting people at ease",
        "Storytelling",
        "Noticing when someone is struggling",
        "Generosity",
        "Staying calm in a crisis",
        "Good with children",
        "Good with animals",
    ],
    "strength": [
        "Determination",
        "Patience",
        "Resilience",
        "Honesty",
        "Reliability",
        "Courage",
        "Sense of humour",
        "Creativity",
        "Organisation",
        "Loyalty",
        "Curiosity",
    ],
    "skill": [
        "Cooking",
        "Baking",
        "Gardening",
        "DIY and repairs",
        "Speaking Polish",
        "Speaking Urdu",
        "Speaking Arabic",
        "Driving",
        "Sewing and alterations",
        "Computers and phones",
        "Hairdressing",
        "Painting and decorating",
        "Numbers and bookkeeping",
        "Childcare",
        "First aid",
        "Fixing bikes",
    ],
    "interest": [
        "Football",
        "Rugby league",
        "Cricket",
        "Knitting",
        "Local history",
        "Walking",
        "Music",
        "Singing",
        "Reading",
        "Fishing",
        "Birdwatching",
        "Crafts",
        "Dancing",
        "Photography",
    ],
}


def add_terms(apps, schema_editor):
    GiftTerm = apps.get_model("people", "GiftTerm")
    existing = set(GiftTerm.objects.values_list("kind", "name"))
    GiftTerm.objects.bulk_create(
        GiftTerm(kind=kind, name=name)
        for kind, names in TERMS.items()
        for name in names
        if (kind, name) not in existing
    )


def remove_terms(apps, schema_editor):
    GiftTerm = apps.get_model("people", "GiftTerm")
    for kind, names in TERMS.items():
        GiftTerm.objects.filter(kind=kind, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]

"""The demo's public pages: how the public reaches each area's coordinators, and a few words
about each area (its postcodes are on the area itself)."""

from alongside.accounts.models import Area
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


def make_public() -> None:
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

"""What the public pages read: which area a postcode is in, and who works there. Nothing
about any person the coordinators support is ever read here."""

from dataclasses import dataclass

from django.db.models import QuerySet

from alongside.accounts.models import Area, Role, User
from alongside.directory.postcodes import located
from alongside.validation import postcode_keys, postcode_parts

from . import coverage
from .models import Coverage


@dataclass(frozen=True)
class Found:
    postcode: str  # tidied
    area: Area | None
    placed: bool  # the postcode's position is known (for a boundary, and the directory)


def area_for_postcode(postcode: str) -> Found:
    """The area whose postcodes hold ``postcode``: the most exact listing (a full postcode,
    then its sector, then its district), else the area whose boundary is around it.
    ``ValueError`` with words to show when it is not a UK postcode."""
    place = located(postcode)
    tidy = str(place["postcode"])
    if not tidy:
        raise ValueError("Enter your postcode, like LS6 1AB")
    listed: dict[str, int] = {}
    for covered, postcodes in Area.objects.exclude(postcode_districts="").values_list(
        "pk", "postcode_districts"
    ):
        for part in _parts(postcodes):
            listed.setdefault(part, covered)
    area_id: int | None = next((listed[k] for k in postcode_keys(tidy) if k in listed), None)
    placed = place["latitude"] is not None
    if area_id is None and placed:
        boundaries = Coverage.objects.exclude(boundary=None).values_list("area", "boundary")
        lat, lon = float(str(place["latitude"])), float(str(place["longitude"]))
        area_id = next((a for a, b in boundaries if coverage.contains(b, lat, lon)), None)
    area = Area.objects.filter(pk=area_id).first() if area_id else None
    return Found(postcode=tidy, area=area, placed=placed)


def _parts(text: str) -> list[str]:
    """An area's postcodes as listed (checked when saved; one saved before is read as far as
    it can be)."""
    try:
        return postcode_parts(text)
    except ValueError:
        return [p.strip().upper() for p in text.split(",") if p.strip()]


def coordinators_of(area: Area) -> QuerySet[User]:
    """The coordinators based in ``area``, as the public sees them: their names."""
    return area.coordinators.filter(role=Role.COORDINATOR, is_active=True).order_by("full_name")


def coverage_of(area: Area) -> Coverage | None:
    return Coverage.objects.filter(area=area).first()


def areas_with_coordinators() -> QuerySet[Area]:
    """Every area someone can be introduced to, for the public list of areas."""
    return (
        Area.objects.filter(coordinators__role=Role.COORDINATOR, coordinators__is_active=True)
        .distinct()
        .order_by("name")
    )

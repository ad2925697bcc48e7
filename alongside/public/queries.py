"""What the public pages read: which area a postcode is in, and who works there. Nothing
about any person the coordinators support is ever read here."""

from dataclasses import dataclass

from django.db.models import QuerySet

from alongside.accounts.models import Area, Role, User
from alongside.directory.postcodes import located

from . import coverage
from .models import Coverage


@dataclass(frozen=True)
class Found:
    postcode: str  # tidied
    area: Area | None
    placed: bool  # the postcode's position is known (for a boundary, and the directory)


def area_for_postcode(postcode: str) -> Found:
    """The area whose coverage holds ``postcode``: the most exact listing (a full postcode,
    then its sector, then its district), else a boundary around it. ``ValueError`` with
    words to show when it is not a UK postcode."""
    place = located(postcode)
    tidy = str(place["postcode"])
    if not tidy:
        raise ValueError("Enter your postcode, like LS6 1AB")
    listed: dict[str, int] = {}
    boundaries = []
    for covered, postcodes, boundary in Coverage.objects.values_list(
        "area", "postcodes", "boundary"
    ):
        for part in coverage.postcode_list(postcodes):
            listed.setdefault(part, covered)
        if boundary:
            boundaries.append((covered, boundary))
    area_id: int | None = next((listed[k] for k in coverage.keys(tidy) if k in listed), None)
    placed = place["latitude"] is not None
    if area_id is None and placed:
        lat, lon = float(str(place["latitude"])), float(str(place["longitude"]))
        area_id = next((a for a, b in boundaries if coverage.contains(b, lat, lon)), None)
    area = Area.objects.filter(pk=area_id).first() if area_id else None
    return Found(postcode=tidy, area=area, placed=placed)


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

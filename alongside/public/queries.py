"""What the public pages read: which area a postcode is in, and who works there. Nothing
about any person the coordinators support is ever read here."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.functions import Length

from alongside.accounts.models import Area, Role, User
from alongside.communities.models import LIVE_PROJECTS, Project
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
    """The coordinators based in ``area``, as the public sees them: their names, the few words
    they wrote, and ``photo_size`` (0 for no photo; the photo itself is served on its own)."""
    return (
        public_coordinators()
        .filter(areas=area)
        .defer("public_photo")
        .annotate(photo_size=Length("public_photo"))
        .order_by("full_name")
    )


def public_coordinators() -> QuerySet[User]:
    return User.objects.filter(role=Role.COORDINATOR, is_active=True)


def coordinator_photo(user_id: int) -> bytes:
    """A coordinator's photo, or b"" (for anyone else, or none)."""
    found = public_coordinators().filter(pk=user_id).values_list("public_photo", flat=True)
    return bytes(found.first() or b"")


def whats_on(area: Area) -> QuerySet[Project]:
    """The area's community projects its coordinators chose to show, getting started or
    running."""
    return (
        Project.objects.live()
        .filter(area=area, public=True, status__in=LIVE_PROJECTS)
        .only("title", "about", "status", "postcode", "started_on")
    )


def coverage_of(area: Area) -> Coverage | None:
    return Coverage.objects.filter(area=area).first()


def areas_with_coordinators() -> QuerySet[Area]:
    """Every area someone can be introduced to, for the public list of areas."""
    return (
        Area.objects.filter(coordinators__role=Role.COORDINATOR, coordinators__is_active=True)
        .distinct()
        .order_by("name")
    )

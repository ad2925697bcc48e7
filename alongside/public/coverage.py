"""Which area a postcode is in: by the postcode districts, sectors and units an
administrator listed for each area (the most exact match wins), else by the boundary
uploaded for it (the postcode placed by the offline postcode data)."""

import json
import re
from functools import lru_cache

from shapely.geometry import Point
from shapely.geometry import shape as geojson_shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

_DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_SECTOR = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d$")
_UNIT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")

NOT_A_POSTCODE_PART = (
    "{value!r} is not a postcode district (LS6), sector (LS6 1) or full postcode (LS6 1AB)"
)
NOT_GEOJSON = (
    "The boundary must be GeoJSON: a Polygon or MultiPolygon, or a Feature or "
    "FeatureCollection of them, in longitude and latitude ({reason})"
)
NOT_IN_BRITAIN = (
    "The boundary's coordinates must be longitude and latitude around the UK (WGS84), not "
    "eastings and northings"
)


def tidy(value: str) -> str:
    """A postcode or part of one, upper case with one space before the inward part."""
    compact = "".join(value.split()).upper()
    if len(compact) >= 5 and compact[-3].isdigit() and compact[-2:].isalpha():
        return f"{compact[:-3]} {compact[-3:]}"
    if len(compact) >= 3 and compact[-1].isdigit() and _DISTRICT.match(compact[:-1]):
        return f"{compact[:-1]} {compact[-1]}"
    return compact


def postcode_list(text: str) -> list[str]:
    """The districts, sectors and units listed in ``text`` (commas or lines between them),
    tidied, each once; ``ValueError`` naming the first that is none of those."""
    found: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        if not part.strip():
            continue
        value = tidy(part)
        if not (_DISTRICT.match(value) or _SECTOR.match(value) or _UNIT.match(value)):
            raise ValueError(NOT_A_POSTCODE_PART.format(value=part.strip()))
        if value not in found:
            found.append(value)
    return found


def keys(postcode: str) -> list[str]:
    """What a full postcode may be listed as, most exact first: LS6 1AB, LS6 1, LS6."""
    unit = tidy(postcode)
    outward, _, inward = unit.partition(" ")
    return [unit, f"{outward} {inward[:1]}", outward] if inward else [unit]


def shape(geojson) -> BaseGeometry:
    """The area a GeoJSON boundary encloses; ``ValueError`` saying what is wrong with it."""
    if not isinstance(geojson, dict):
        raise ValueError(NOT_GEOJSON.format(reason="it is not an object"))
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        parts = [shape(f) for f in geojson.get("features") or []]
        if not parts:
            raise ValueError(NOT_GEOJSON.format(reason="the collection has no features"))
        return unary_union(parts)
    if kind == "Feature":
        return shape(geojson.get("geometry"))
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(NOT_GEOJSON.format(reason=f"its type is {kind!r}"))
    try:
        found = geojson_shape(geojson)
    except (ValueError, TypeError, AttributeError, IndexError) as error:
        raise ValueError(NOT_GEOJSON.format(reason=str(error) or "its coordinates")) from None
    if found.is_empty:
        raise ValueError(NOT_GEOJSON.format(reason="it encloses nothing"))
    west, south, east, north = found.bounds
    if not (-11 <= west <= east <= 3 and 49 <= south <= north <= 61):
        raise ValueError(NOT_IN_BRITAIN)
    return found


@lru_cache(maxsize=256)
def _shape_of(text: str) -> BaseGeometry:
    return shape(json.loads(text))


def contains(geojson, latitude: float, longitude: float) -> bool:
    """Whether the point is inside the boundary (or on its edge)."""
    return _shape_of(json.dumps(geojson, sort_keys=True)).covers(Point(longitude, latitude))

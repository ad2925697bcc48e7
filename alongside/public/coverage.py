"""Areas' boundaries (GeoJSON): checked when an administrator uploads one, and asked
whether a postcode's position is inside."""

import json
from functools import lru_cache

from shapely.geometry import Point
from shapely.geometry import shape as geojson_shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

NOT_GEOJSON = (
    "The boundary must be GeoJSON: a Polygon or MultiPolygon, or a Feature or "
    "FeatureCollection of them, in longitude and latitude ({reason})"
)
NOT_IN_BRITAIN = (
    "The boundary's coordinates must be longitude and latitude around the UK (WGS84), not "
    "eastings and northings"
)


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

"""Distances on the Earth's surface, as the directory measures them: great-circle (haversine)
kilometres, worked out by the database for a search, near a latitude and longitude."""

import math
from decimal import Decimal

from django.db.models import Expression, F, FloatField, Q, Value
from django.db.models.functions import ASin, Cast, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344


def box(lat: float, lon: float, within_km: float) -> Q:
    """Latitudes and longitudes around (lat, lon) that may be within ``within_km``: a filter
    of locations that their latitude and longitude index can answer."""
    dlat = math.degrees(within_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return Q(
        latitude__range=(_degrees(lat - dlat), _degrees(lat + dlat)),
        longitude__range=(_degrees(lon - dlon), _degrees(lon + dlon)),
    )


def _degrees(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def distance_km(lat: float, lon: float) -> Expression:
    """The haversine distance in km from (lat, lon) to a location, as a database expression."""
    here_lat, here_lon = math.radians(lat), math.radians(lon)
    there_lat = Radians(Cast(F("latitude"), FloatField()))
    there_lon = Radians(Cast(F("longitude"), FloatField()))
    a = Power(Sin((there_lat - Value(here_lat)) / Value(2.0)), 2) + Value(math.cos(here_lat)) * Cos(
        there_lat
    ) * Power(Sin((there_lon - Value(here_lon)) / Value(2.0)), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)))

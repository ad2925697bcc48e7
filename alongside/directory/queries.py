"""Reading the directory: the searches behind the ORUK API, and what a full record needs
fetched with it. Directory records hold no personal data: nothing here is scoped."""

import math
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ASin, Cast, Cos, Least, Power, Radians, Sin, Sqrt

from .models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

EARTH_RADIUS_KM = 6371.0088


def _words(queryset: QuerySet, text: str | None, *fields: str) -> QuerySet:
    """Records with every word of ``text`` in one of ``fields``, ignoring case."""
    for word in (text or "").split():
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def services_search(
    *,
    text: str | None = None,
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
    minimum_age: Decimal | None = None,
    maximum_age: Decimal | None = None,
    near: tuple[float, float] | None = None,
    within_km: float | None = None,
) -> QuerySet[Service]:
    """Services matching every filter given, by name.

    * ``text``: every word in the name or the description (a full-text search comes later).
    * ``taxonomy_term_id`` / ``taxonomy_id``: an attribute with that term, or a term from
      that taxonomy.
    * ``modified_after``: changed on or after that moment.
    * ``minimum_age`` / ``maximum_age``: the ages someone asks about (one age when both are
      the same) overlap the service's; a service without an age limit matches any age.
    * ``near`` (latitude, longitude) and ``within_km``: delivered at a location that close.
    """
    services = _words(Service.objects.all(), text, "name", "description")
    if taxonomy_term_id:
        services = services.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term=taxonomy_term_id))
        )
    if taxonomy_id:
        services = services.filter(
            Exists(
                Attribute.objects.filter(
                    service=OuterRef("pk"), taxonomy_term__taxonomy=taxonomy_id
                )
            )
        )
    if organization_id:
        services = services.filter(organization=organization_id)
    if modified_after:
        services = services.filter(last_modified__gte=modified_after)
    if minimum_age is not None:
        services = services.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=minimum_age))
    if maximum_age is not None:
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=maximum_age))
    if near is not None and within_km is not None:
        services = services.filter(
            Exists(
                ServiceAtLocation.objects.filter(
                    service=OuterRef("pk"), location__in=locations_near(near, within_km)
                )
            )
        )
    return services.order_by("name", "id")


def locations_near(near: tuple[float, float], within_km: float) -> QuerySet[Location]:
    """Locations within ``within_km`` of ``near`` (latitude, longitude), with their
    ``distance_km`` (great-circle). A box around the point narrows the search first, so that
    the latitude/longitude index is used."""
    lat, lon = float(near[0]), float(near[1])
    dlat = math.degrees(within_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    box = Location.objects.filter(
        latitude__range=(_degrees(lat - dlat), _degrees(lat + dlat)),
        longitude__range=(_degrees(lon - dlon), _degrees(lon + dlon)),
    )
    return box.annotate(distance_km=_distance_km(lat, lon)).filter(distance_km__lte=within_km)


def _degrees(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def _distance_km(lat: float, lon: float):
    """The haversine distance in km from (lat, lon) to a location, as a database expression."""
    here_lat, here_lon = math.radians(lat), math.radians(lon)
    there_lat = Radians(Cast(F("latitude"), FloatField()))
    there_lon = Radians(Cast(F("longitude"), FloatField()))
    a = Power(Sin((there_lat - Value(here_lat)) / Value(2.0)), 2) + Value(math.cos(here_lat)) * Cos(
        there_lat
    ) * Power(Sin((there_lon - Value(here_lon)) / Value(2.0)), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)))


def organizations_search(*, text: str | None = None) -> QuerySet[Organization]:
    return _words(Organization.objects.all(), text, "name", "description").order_by("name", "id")


def taxonomies_search(*, text: str | None = None) -> QuerySet[Taxonomy]:
    return _words(Taxonomy.objects.all(), text, "name", "description").order_by("name", "id")


def taxonomy_terms_search(
    *,
    text: str | None = None,
    taxonomy_id: UUID | None = None,
    parent_id: UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    """Terms by name; ``top_only`` leaves out every term that has a parent, including one
    whose parent has not been imported."""
    terms = _words(TaxonomyTerm.objects.all(), text, "name", "description", "term")
    if taxonomy_id:
        terms = terms.filter(taxonomy=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True, parent_source_id="")
    return terms.order_by("name", "id")


def service_at_locations_search(services: QuerySet[Service]) -> QuerySet[ServiceAtLocation]:
    """Where each of ``services`` is delivered, with the service and the location."""
    return (
        ServiceAtLocation.objects.filter(service__in=services.values("pk"))
        .select_related("service__organization", "location")
        .order_by("service__name", "location__name", "id")
    )


# What the full forms need, fetched in a fixed number of queries -------------------------


def _attributes(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=Attribute.objects.select_related("taxonomy_term"))


def _phones(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=Phone.objects.prefetch_related("languages"))


def _location_details(prefix: str = "") -> list:
    return [
        f"{prefix}addresses",
        f"{prefix}accessibility",
        _phones(f"{prefix}phones"),
        _attributes(f"{prefix}attributes"),
    ]


def _service_details(prefix: str = "", *, locations: bool = True) -> list:
    lookups = [
        f"{prefix}organization__identifiers",
        _attributes(f"{prefix}organization__attributes"),
        f"{prefix}schedules",
        f"{prefix}service_areas",
        f"{prefix}languages",
        f"{prefix}funding",
        f"{prefix}cost_options",
        Prefetch(f"{prefix}contacts", queryset=Contact.objects.prefetch_related(_phones("phones"))),
        _phones(f"{prefix}phones"),
        _attributes(f"{prefix}attributes"),
    ]
    if locations:
        at_locations = ServiceAtLocation.objects.select_related("location").prefetch_related(
            "schedules", *_location_details("location__")
        )
        lookups.append(Prefetch(f"{prefix}service_at_locations", queryset=at_locations))
    return lookups


def services_full(services: QuerySet[Service] | None = None) -> QuerySet[Service]:
    """Services with everything ``serializers.service_full`` shows."""
    services = Service.objects.all() if services is None else services
    return services.select_related("organization").prefetch_related(*_service_details())


def service_full_get(service_id: UUID) -> Service | None:
    return services_full(Service.objects.filter(pk=service_id)).first()


def organization_full_get(organization_id: UUID, *, full_services: bool) -> Organization | None:
    """An organization with its identifiers, attributes and services (fully nested when
    ``full_services``)."""
    services = services_full() if full_services else Service.objects.all()
    return (
        Organization.objects.filter(pk=organization_id)
        .prefetch_related(
            "identifiers",
            _attributes("attributes"),
            Prefetch("services", queryset=services.order_by("name", "id")),
        )
        .first()
    )


def taxonomy_term_get(term_id: UUID) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(pk=term_id).first()


def taxonomy_full_get(taxonomy_id: UUID) -> Taxonomy | None:
    terms = TaxonomyTerm.objects.order_by("name", "id")
    return (
        Taxonomy.objects.filter(pk=taxonomy_id)
        .prefetch_related(Prefetch("terms", queryset=terms))
        .first()
    )


def service_at_location_full_get(service_at_location_id: UUID) -> ServiceAtLocation | None:
    return (
        ServiceAtLocation.objects.filter(pk=service_at_location_id)
        .select_related("location", "service__organization")
        .prefetch_related(
            "schedules",
            *_location_details("location__"),
            *_service_details("service__", locations=False),
        )
        .first()
    )

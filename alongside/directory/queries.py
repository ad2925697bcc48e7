"""Reading the directory: the searches behind the ORUK API, and what a full record needs
fetched with it. Directory records hold no personal data: nothing here is scoped."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import (
    Coalesce,
    Substr,
)

from . import fulltext, tokens
from .distance import box, distance_km
from .models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from .models.imports import ImportRun
from .models.suggestions import Suggestion, SuggestionStatus

# The days of RFC 5545 (iCalendar), as schedules' ``byday`` holds them.
DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
# Times of day, as (from, until) in 24-hour HH:MM: open at some point in between.
TIMES_OF_DAY = {
    "morning": ("Morning (before 12 noon)", "00:00", "12:00"),
    "afternoon": ("Afternoon (12 noon to 5pm)", "12:00", "17:00"),
    "evening": ("Evening (after 5pm)", "17:00", "24:00"),
}
OPEN_STATUSES = [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED]


def _words(queryset: QuerySet, text: str | None, *fields: str) -> QuerySet:
    """Records with every word of ``text`` in one of ``fields``, ignoring case."""
    for word in (text or "").split():
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


BOX_LISTED = 5000  # at most this many services in a box around a place are named in a query


def services_search(
    *,
    text: str | None = None,
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
    minimum_age: Decimal | None = None,
    maximum_age: Decimal | None = None,
    free: bool = False,
    day: str | None = None,
    time_of_day: str | None = None,
    start_time: str | None = None,
    end_time: str | None = None,
    near: tuple[float, float] | None = None,
    within_km: float | None = None,
    open_only: bool = False,
) -> QuerySet[Service]:
    """Services matching every filter given: by name, or nearest first when ``near`` is
    given. Every filter is done by the database, with its indexes.

    * ``text``: every word in the name, the description or the organization's name, through
      the full-text index (``fulltext.py``): "knit" finds "knitting", "walks" finds "walk".
    * ``taxonomy_term_id``: an attribute with that term or one of its narrower terms;
      ``taxonomy_id``: a term from that taxonomy.
    * ``modified_after``: changed on or after that moment.
    * ``minimum_age`` / ``maximum_age``: the ages someone asks about (one age when both are
      the same) overlap the service's; a service without an age limit matches any age.
    * ``free``: free for at least some people (a cost option of 0), such as "free for under
      18s"; the listing says for whom.
    * ``day`` (MO..SU) and ``time_of_day`` (``TIMES_OF_DAY``): one of its schedules, or of its
      schedules at a location, is on that day, and open at some point in that part of the
      day. Times are compared as given (ORUK's "Z" is not converted).
    * ``start_time`` / ``end_time`` (HH:MM): one of those schedules is open at some point
      between the two (opens before ``end_time`` and closes after ``start_time``; with one
      alone, open at some point after the start or before the end).
    * ``near`` (latitude, longitude): annotated ``distance_km`` to its nearest location and
      ordered by it, services without a location last; with ``within_km``, only those that
      close (a box around the point narrows the search first, so that the latitude and
      longitude index is used).
    * ``open_only``: leave out inactive and defunct services.
    """
    services = Service.objects.all()
    indexed = fulltext.indexed()
    # Words, a category and the map cells around the point, together in the full-text index
    # (``tokens.py``) where there is one; the distance is then worked out only for what it
    # finds. Nothing but a distance: the box is read from the locations' index instead.
    cells = None
    if near is not None and within_km is not None and indexed and (text or taxonomy_term_id):
        cells = tokens.cover(float(near[0]), float(near[1]), within_km)
    categories = shown_as_category(taxonomy_term_id) if taxonomy_term_id and indexed else None
    matching = fulltext.matching(text, categories=categories, cells=cells)
    if matching is not None:
        services = services.filter(matching)
    # Each filter is a list of services worked out once from its own index (the database
    # then goes through the shortest), not a question asked of every service in turn.
    if taxonomy_term_id and not indexed:
        terms = TaxonomyTerm.objects.filter(pk__in=shown_as_category(taxonomy_term_id))
        terms = TaxonomyTerm.objects.filter(
            Q(pk__in=terms.values("pk")) | Q(parent__in=terms.values("pk"))
        )
        services = services.filter(
            pk__in=Attribute.objects.filter(taxonomy_term__in=terms.values("pk")).values("service")
        )
    if taxonomy_id:
        services = services.filter(
            pk__in=Attribute.objects.filter(taxonomy_term__taxonomy=taxonomy_id).values("service")
        )
    if organization_id:
        services = services.filter(organization=organization_id)
    if modified_after:
        services = services.filter(last_modified__gte=modified_after)
    if minimum_age is not None:
        services = services.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=minimum_age))
    if maximum_age is not None:
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=maximum_age))
    if free:
        services = services.filter(
            Exists(CostOption.objects.filter(service=OuterRef("pk"), amount=0))
        )
    if time_of_day:
        _, start_time, end_time = TIMES_OF_DAY[time_of_day]
    if day or start_time or end_time:
        services = services.filter(Exists(_schedules_matching(day, start_time, end_time)))
    if open_only:
        services = services.filter(_open())
    if near is None:
        if matching is not None and connection.vendor == "postgresql":
            # The same order, but not one the name index gives: PostgreSQL would otherwise go
            # through every service in name order to find the first 20 with the words, not
            # seeing that the window count of ``page_of`` needs them all anyway.
            by_name = RawSQL('"directory_service"."name" || \'\'', [])
            return services.order_by(by_name.asc(), "id")
        return services.order_by("name", "id")
    if within_km is not None and cells is None:
        # Always the box before the distance: start from the locations in a box around the
        # point (when the index had no cells to ask for).
        lat, lon = float(near[0]), float(near[1])
        in_the_box = ServiceAtLocation.objects.filter(
            location__in=Location.objects.filter(box(lat, lon, within_km)).values("pk")
        ).values_list("service", flat=True)
        # On PostgreSQL the box's services are read first (from the locations' index) and
        # named in the query, so that it starts from them: asked as a subquery, it may go
        # through every service with the other filters and work out each one's distance.
        # A box holding very many is left as a subquery, as it is on SQLite (which starts
        # from the box either way, and reads a long list of ids slowly).
        listed = list(in_the_box[: BOX_LISTED + 1]) if connection.vendor == "postgresql" else []
        if listed and len(listed) <= BOX_LISTED:  # one array, not thousands of parameters
            ids = RawSQL('"directory_service"."id" = ANY(%s)', [listed], BooleanField())
            services = services.filter(Q(ids))
        else:
            services = services.filter(pk__in=in_the_box)
    services = services.annotate(distance_km=_nearest_km(near, within_km))
    if within_km is not None:
        services = services.filter(distance_km__lte=within_km)
    return services.order_by(F("distance_km").asc(nulls_last=True), "name", "id")


def _open() -> Q:
    """Open services. Nearly every service is open, so the status is checked on the services
    the other filters leave: on SQLite, which has no statistics to know it, unary ``+`` keeps
    it from going through the status index first (all 50,000 of them, for the 2,500 with a
    word)."""
    if connection.vendor == "sqlite":
        placeholders = ", ".join(["%s"] * len(OPEN_STATUSES))
        sql = f'+"directory_service"."status" IN ({placeholders})'
        return Q(RawSQL(sql, [str(s) for s in OPEN_STATUSES], BooleanField()))
    return Q(status__in=OPEN_STATUSES)


def shown_as_category(term_id: UUID) -> list[UUID]:
    """The terms a search by the category ``term_id`` looks for (each with its narrower
    terms): it, and the categories from other directories shown as it or as one of its
    narrower terms (``matching.py``)."""
    shown_as = TaxonomyTerm.objects.filter(
        Q(same_as=term_id) | Q(same_as__parent=term_id)
    ).values_list("pk", flat=True)
    return [term_id, *shown_as]


def page_of(
    queryset: QuerySet, number: int | str | None, size: int, *, rows: QuerySet | None = None
) -> Page:
    """Page ``number`` (from 1; the last page when past it, the first when not a number) of
    ``queryset`` in pages of ``size``, as Django's ``Paginator.get_page`` gives it, in fewer
    queries: the ids on the page and how many rows there are in all come from one query (a
    window count), so that a search's filters and distances are worked out once; then the
    page's rows by id, from ``rows`` (with what it prefetches) when given, so that a search's
    filters are not worked out again for them, otherwise from ``queryset``."""
    if number is None:
        number = 1
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    ids_and_total = queryset.annotate(total_rows=Window(Count("pk"))).values_list(
        "pk", "total_rows"
    )
    found = list(ids_and_total[(number - 1) * size : number * size])
    if found:
        total = found[0][1]
    else:
        total = queryset.count() if number > 1 else 0
        if total:  # past the end: the last page
            number = -(-total // size)
            found = list(ids_and_total[(number - 1) * size : number * size])
    paginator = Paginator(queryset, size)
    paginator.count = total  # known: no COUNT query
    source = queryset if rows is None else rows
    fetched = {row.pk: row for row in source.filter(pk__in=[pk for pk, _ in found])}
    return Page([fetched[pk] for pk, _ in found if pk in fetched], number, paginator)


def _schedules_matching(day: str | None, start: str | None, end: str | None) -> QuerySet[Schedule]:
    """Schedules of the service (or of it at a location) on ``day`` and open at some point
    between ``start`` and ``end`` (HH:MM, either may be left out)."""
    schedules = Schedule.objects.filter(
        Q(service=OuterRef("pk")) | Q(service_at_location__service=OuterRef("pk"))
    )
    if day:
        schedules = schedules.filter(byday__icontains=day)  # "MO,WE", "1MO" (first Monday)
    if start or end:
        schedules = schedules.annotate(
            opens=Substr("opens_at", 1, 5), closes=Substr("closes_at", 1, 5)
        ).filter(opens__gt="")
        if end:
            schedules = schedules.filter(opens__lt=end)
        if start:
            schedules = schedules.filter(Q(closes__gt=start) | Q(closes="", opens__gte=start))
    return schedules


def _nearest_km(near: tuple[float, float], within_km: float | None) -> Subquery:
    """The distance in km from ``near`` to the service's nearest location."""
    lat, lon = float(near[0]), float(near[1])
    locations = Location.objects.filter(
        service_at_locations__service=OuterRef("pk"),
        latitude__isnull=False,
        longitude__isnull=False,
    )
    if within_km is not None:
        locations = locations.filter(box(lat, lon, within_km))
    nearest = locations.annotate(km=distance_km(lat, lon)).order_by("km").values("km")[:1]
    return Subquery(nearest, output_field=FloatField())


def locations_near(near: tuple[float, float], within_km: float) -> QuerySet[Location]:
    """Locations within ``within_km`` of ``near`` (latitude, longitude), with their
    ``distance_km`` (great-circle). A box around the point narrows the search first, so that
    the latitude/longitude index is used."""
    lat, lon = float(near[0]), float(near[1])
    in_the_box = Location.objects.filter(box(lat, lon, within_km))
    return in_the_box.annotate(distance_km=distance_km(lat, lon)).filter(distance_km__lte=within_km)


def places_in_postcodes(prefixes: list[str]) -> QuerySet[ServiceAtLocation]:
    """Where active resources are delivered in these postcode districts or sectors ("LS6",
    "LS6 1"), with a place on the map: for an area's map of community assets."""
    if not prefixes:
        return ServiceAtLocation.objects.none()
    matches = Q()
    for prefix in (p.strip().upper() for p in prefixes):
        start = prefix if " " in prefix else f"{prefix} "  # a sector, or a whole district
        matches |= Q(location__addresses__postal_code__istartswith=start)
    return (
        ServiceAtLocation.objects.filter(
            matches,
            service__status=ServiceStatus.ACTIVE,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .select_related("service", "location")
        .order_by("service__name", "pk")
        .distinct()
    )


# Pages for people: listings, checking, categories ----------------------------------------


def checked_on() -> Coalesce:
    """When a listing was last checked: by a coordinator here, or else by its publisher."""
    return Coalesce("last_checked_on", "assured_date")


def check_every_months(*, public: bool = False) -> int:
    """How long a listing may go unchecked: the council's setting, for its staff's pages or
    for the public's (``DIRECTORY_CHECK_EVERY_MONTHS``, ``..._PUBLIC_...``)."""
    name = "DIRECTORY_PUBLIC_CHECK_EVERY_MONTHS" if public else "DIRECTORY_CHECK_EVERY_MONTHS"
    months: int = getattr(settings, name)
    return months


def check_due(today: date, *, public: bool = False) -> date:
    """A listing last checked before this day needs checking (or, ``public``, is no longer
    shown to the public where the council hides listings not checked)."""
    return today - relativedelta(months=check_every_months(public=public))


def hides_unchecked() -> bool:
    return bool(settings.DIRECTORY_HIDE_UNCHECKED)


def shown_to_public(services: QuerySet[Service], *, today: date) -> QuerySet[Service]:
    """Of ``services``, those the public pages show: open, and, where the council hides
    listings not checked in time (``DIRECTORY_HIDE_UNCHECKED``), checked in time."""
    services = services.filter(status__in=OPEN_STATUSES)
    if not hides_unchecked():
        return services
    return services.alias(shown_checked_on=checked_on()).filter(
        shown_checked_on__gte=check_due(today, public=True)
    )


def listings(services: QuerySet[Service]) -> QuerySet[Service]:
    """``services`` with what a list of them shows: organization, categories, costs, times,
    places, and when they were last checked."""
    at_locations = ServiceAtLocation.objects.select_related("location").prefetch_related(
        "location__addresses", "schedules"
    )
    return (
        services.annotate(checked_on=checked_on())
        .select_related("organization", "last_checked_by")
        .prefetch_related(
            _attributes("attributes"),
            "cost_options",
            "schedules",
            Prefetch("service_at_locations", queryset=at_locations),
        )
    )


def services_needing_check(*, today: date) -> QuerySet[Service]:
    """Open services not checked in the last six months (or never), longest first."""
    return (
        Service.objects.filter(status__in=OPEN_STATUSES)
        .annotate(checked_on=checked_on())
        .filter(Q(checked_on__isnull=True) | Q(checked_on__lt=check_due(today)))
        .select_related("organization", "last_checked_by")
        .order_by(F("checked_on").asc(nulls_first=True), "name", "id")
    )


def categories() -> QuerySet[TaxonomyTerm]:
    """Taxonomy terms given to at least one service, or broader terms of those, each once:
    a category from another directory shown as one of ours (``same_as``) is that one."""
    used = Attribute.objects.filter(service__isnull=False)
    return TaxonomyTerm.objects.filter(
        Q(same_as__isnull=True)
        & (
            Q(Exists(used.filter(taxonomy_term=OuterRef("pk"))))
            | Q(Exists(used.filter(taxonomy_term__same_as=OuterRef("pk"))))
            | Q(Exists(used.filter(taxonomy_term__parent=OuterRef("pk"))))
            | Q(Exists(used.filter(taxonomy_term__parent__same_as=OuterRef("pk"))))
        )
    ).order_by("name", "id")


def one_per_thing(services: QuerySet[Service]) -> QuerySet[Service]:
    """``services`` without those shown as another listing of the same thing."""
    return services.filter(same_as__isnull=True)


def also_listed(service: Service) -> list[Service]:
    """The other directories' listings of the same thing as ``service``."""
    return list(service.also_listed.order_by("source", "name", "id"))


def imported_categories() -> QuerySet[TaxonomyTerm]:
    """Categories from other directories given to a service, waiting for an administrator's
    decision first, then by name."""
    used = Attribute.objects.filter(service__isnull=False, taxonomy_term=OuterRef("pk"))
    return (
        TaxonomyTerm.objects.exclude(source="")
        .filter(Exists(used))
        .select_related("same_as", "mapping_confirmed_by")
        .order_by(F("mapping_confirmed_at").asc(nulls_first=True), "name", "id")
    )


def categories_shown_as_themselves() -> QuerySet[TaxonomyTerm]:
    """The categories another may be shown as: those shown as themselves, ours first (a
    directory made only of imports has none of its own)."""
    return TaxonomyTerm.objects.filter(same_as__isnull=True).order_by(
        F("source").asc(), "name", "id"
    )


def listed_twice() -> QuerySet[Service]:
    """Listings shown as another (and those an administrator kept apart), with the listing
    they are shown as."""
    return (
        Service.objects.filter(Q(same_as__isnull=False) | Q(kept_apart=True))
        .select_related("same_as", "organization", "same_as__organization")
        .order_by("kept_apart", "same_as__name", "source", "name", "id")
    )


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
    return Prefetch(lookup, queryset=Attribute.objects.select_related("taxonomy_term__same_as"))


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


def locations_full(locations: QuerySet[Location]) -> QuerySet[Location]:
    """Locations with everything ``serializers.location(full=True)`` shows, in order."""
    return locations.prefetch_related(*_location_details()).order_by("name", "id")


def services_exist() -> bool:
    """Whether the directory has anything in it yet."""
    return Service.objects.exists()


def service_get(service_id: UUID) -> Service | None:
    return Service.objects.filter(pk=service_id).first()


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


# Imports ---------------------------------------------------------------------------------------


def import_runs_recent(limit: int = 10) -> QuerySet[ImportRun]:
    """The latest imports, newest first, with who started them."""
    return ImportRun.objects.select_related("started_by")[:limit]


def import_run_get(run_id: UUID) -> ImportRun | None:
    return ImportRun.objects.select_related("started_by").filter(pk=run_id).first()


def suggestions_waiting() -> QuerySet[Suggestion]:
    """Suggestions from the public waiting for the team, oldest first."""
    return (
        Suggestion.objects.filter(status=SuggestionStatus.WAITING)
        .select_related("service")
        .order_by("created_at", "id")
    )


def suggestion_get(suggestion_id: int) -> Suggestion | None:
    return (
        Suggestion.objects.select_related("service", "decided_by").filter(pk=suggestion_id).first()
    )

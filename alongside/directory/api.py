"""The Open Referral UK 3.0 API: the directory, open to any other system, read-only.

Every response, errors included, is JSON with ``Access-Control-Allow-Origin: *`` (ORUK's
openness rule), and none needs signing in. Lists are paged from 1 (``page``, ``per_page``
up to 100, 50 by default) in the ORUK page envelope. A parameter that cannot be understood
is answered 400, naming it and saying why; an unknown id or path 404. The parameters
``format``, ``minimal``, ``full`` and ``full_service`` (on lists) are not supported yet and
are ignored: the answer is the default JSON form.

``/services`` (and ``/service_at_locations``) also take the parameters of ORUK 1.0 that a
service finder still sends, and the ORUK validator's Level 2 tests use:

* ``text``: the same as ``search`` (words in the name, the description or the
  organization's name); when both are given, ``search`` is used.
* ``start_time`` and ``end_time``: times of day, ``HH:MM`` in 24 hours (``09:30``,
  ``17:00``; seconds and a final ``Z`` are allowed and ignored; ``end_time`` may be
  ``24:00``). A service matches when one of its schedules, or of its schedules at a
  location, is open at some point in that window: it opens before ``end_time`` and closes
  after ``start_time`` (a schedule without a closing time: opens at or after
  ``start_time``). With ``start_time`` alone, open at some point after it; with ``end_time``
  alone, opening before it. Schedules without an opening time never match. Times are
  compared as the schedules give them (no time zone conversion). ``start_time`` must be
  before ``end_time``.
* ``day``: ``MO`` to ``SU``: one of those schedules is on that day (with the times, the
  same schedule).
"""

import functools
import re
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from uuid import UUID

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from alongside.validation import normalise_postcode

from . import postcodes, queries, serializers
from .serializers import STANDARD

VERSION = "HSDS-UK-3.0"  # what the ORUK validator reads from `GET /` to pick the 3.0 tests
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
ALLOWED = "GET, HEAD, OPTIONS"

NOT_A_WHOLE_NUMBER = "{name} must be a whole number from {low} to {high}, not {value!r}."
NOT_A_UUID = (
    "{name} must be an id (a UUID such as 3f7b145d-84af-42d7-8fae-eaca714b02b2), not {value!r}."
)
NOT_A_DATE = (
    "{name} must be a date or a date and time in ISO 8601 form (2024-03-01 or "
    "2024-03-01T09:30:00Z), not {value!r}."
)
NOT_AN_AGE = "{name} must be an age in years (a number from 0), not {value!r}."
AGES_REVERSED = "minimum_age ({low}) must not be more than maximum_age ({high})."
NOT_TRUE_OR_FALSE = "{name} must be true or false, not {value!r}."
NOT_A_POSTCODE = "postcode must be a UK postcode, like LS6 1AB, not {value!r}."
UNKNOWN_POSTCODE = "postcode {value} is not one this directory knows the position of."
NOT_A_TIME = (
    "{name} must be a time of day as HH:MM in 24 hours (such as 09:30 or 17:00), not {value!r}."
)
TIMES_REVERSED = "end_time ({end}) must be after start_time ({start})."
NOT_A_DAY = "day must be a day of the week as MO, TU, WE, TH, FR, SA or SU, not {value!r}."
PROXIMITY_WITHOUT_POSTCODE = "proximity needs a postcode to measure the distance from."
MAX_PROXIMITY = 1_000_000  # metres
NOT_FOUND = "There is no {kind} with the id {id!r}."
NO_SUCH_PATH = "There is nothing at {path}. See {openapi} for what this API offers."
READ_ONLY = "{method} is not allowed: this API is read-only ({allowed})."


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFound(Exception):
    pass


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status: int, message: str, **extra) -> JsonResponse:
    return _json({"status": status, "message": message, **extra}, status=status)


def oruk(view):
    """Open (no sign-in), read-only, JSON errors, and the CORS header on every response."""

    @login_not_required
    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            message = READ_ONLY.format(method=request.method, allowed=ALLOWED)
            response = _error(405, message)
        else:
            try:
                response = view(request, *args, **kwargs)
            except BadParameter as error:
                response = _error(400, error.message, parameter=error.parameter)
            except NotFound as error:
                response = _error(404, str(error))
        if response.status_code in (204, 405):
            response["Allow"] = ALLOWED
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


# Parameters -----------------------------------------------------------------------------


def _text(request, name: str) -> str | None:
    return request.GET.get(name, "").strip() or None


def _whole(request, name: str, *, default: int, low: int, high: int) -> int:
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    if not re.fullmatch(r"\d{1,9}", value) or not low <= int(value) <= high:
        raise BadParameter(
            name, NOT_A_WHOLE_NUMBER.format(name=name, low=low, high=high, value=value)
        )
    return int(value)


def _uuid(request, name: str) -> UUID | None:
    value = _text(request, name)
    if value is None:
        return None
    try:
        return UUID(value)
    except ValueError:
        raise BadParameter(name, NOT_A_UUID.format(name=name, value=value)) from None


def _moment(request, name: str) -> datetime | None:
    value = _text(request, name)
    if value is None:
        return None
    # A "+01:00" offset arrives as " 01:00" when the client did not encode the "+".
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", value)
    try:
        moment = parse_datetime(text)
        day = None if moment else parse_date(text)
    except ValueError:
        moment = day = None
    if day:
        moment = datetime.combine(day, time.min)
    if moment is None:
        raise BadParameter(name, NOT_A_DATE.format(name=name, value=value))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _time(request, name: str) -> str | None:
    """A time of day as HH:MM (seconds and a "Z" dropped)."""
    value = _text(request, name)
    if value is None:
        return None
    found = re.fullmatch(r"(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?Z?", value, flags=re.IGNORECASE)
    hours, minutes = (int(found[1]), int(found[2])) if found else (-1, -1)
    if not (0 <= hours <= 23 and 0 <= minutes <= 59) and (hours, minutes) != (24, 0):
        raise BadParameter(name, NOT_A_TIME.format(name=name, value=value))
    return f"{hours:02}:{minutes:02}"


def _day(request) -> str | None:
    value = _text(request, "day")
    if value is None:
        return None
    if value.upper() not in queries.DAYS:
        raise BadParameter("day", NOT_A_DAY.format(value=value))
    return value.upper()


def _age(request, name: str) -> Decimal | None:
    value = _text(request, name)
    if value is None:
        return None
    try:
        age = Decimal(value)
    except InvalidOperation:
        age = None
    if age is None or not age.is_finite() or age < 0 or age > 999:
        raise BadParameter(name, NOT_AN_AGE.format(name=name, value=value))
    return age


def _flag(request, name: str) -> bool:
    value = (_text(request, name) or "false").lower()
    if value not in ("true", "false"):
        raise BadParameter(name, NOT_TRUE_OR_FALSE.format(name=name, value=value))
    return value == "true"


def _id(kind: str, value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise NotFound(NOT_FOUND.format(kind=kind, id=value)) from None


def _found(kind: str, value: str, record):
    if record is None:
        raise NotFound(NOT_FOUND.format(kind=kind, id=value))
    return record


def _page(request, queryset, serialize, rows=None) -> JsonResponse:
    page = _whole(request, "page", default=1, low=1, high=10**9)
    per_page = _whole(request, "per_page", default=DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    found = queries.page_of(queryset, page, per_page, rows=rows)
    # A page past the end is empty (ORUK), not the last page.
    rows = found.object_list if found.number == page else []
    contents = [serialize(row) for row in rows]
    return _json(
        serializers.page(contents, total=found.paginator.count, page_number=page, per_page=per_page)
    )


def _services(request):
    """The services the filters of ``/services`` (and ``/service_at_locations``) ask for."""
    near, within_km = _near(request)
    minimum_age, maximum_age = _age(request, "minimum_age"), _age(request, "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise BadParameter("minimum_age", AGES_REVERSED.format(low=minimum_age, high=maximum_age))
    start_time, end_time = _time(request, "start_time"), _time(request, "end_time")
    if start_time and end_time and start_time >= end_time:
        raise BadParameter("end_time", TIMES_REVERSED.format(start=start_time, end=end_time))
    return queries.services_search(
        text=_text(request, "search") or _text(request, "text"),
        taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
        taxonomy_id=_uuid(request, "taxonomy_id"),
        organization_id=_uuid(request, "organization_id"),
        modified_after=_moment(request, "modified_after"),
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        day=_day(request),
        start_time=start_time,
        end_time=end_time,
        near=near,
        within_km=within_km,
    )


def _near(request) -> tuple[tuple[float, float] | None, float | None]:
    """The point of ``postcode`` and the distance of ``proximity`` (metres) in km. With a
    postcode, services come nearest first; with a proximity too, only those that close.
    (ORUK's other use of postcode, "does the service area cover it", needs service areas
    as shapes, which are not kept.)"""
    postcode = _text(request, "postcode")
    if postcode is None:
        if _text(request, "proximity"):
            raise BadParameter("proximity", PROXIMITY_WITHOUT_POSTCODE)
        return None, None
    try:
        near = postcodes.locate(postcode)
    except ValidationError as error:
        if error.code == "postcode_unknown":
            message = UNKNOWN_POSTCODE.format(value=normalise_postcode(postcode))
        else:
            message = NOT_A_POSTCODE.format(value=postcode)
        raise BadParameter("postcode", message) from None
    metres = _text(request, "proximity") and _whole(
        request, "proximity", default=0, low=1, high=MAX_PROXIMITY
    )
    return near, (metres / 1000 if metres else None)


# Endpoints ------------------------------------------------------------------------------


@oruk
def api_details(request):
    openapi_url = request.build_absolute_uri(reverse("oruk:openapi"))
    return _json({"version": VERSION, "profile": PROFILE, "openapi_url": openapi_url})


@oruk
def openapi(request):
    """The ORUK 3.0 OpenAPI document this API implements, as published."""
    content = (STANDARD / "openapi.json").read_bytes()
    return HttpResponse(content, content_type="application/json")


@oruk
def services(request):
    # The page's services by id, without the filters worked out again.
    rows = queries.services_search().select_related("organization")
    return _page(request, _services(request), serializers.service, rows)


@oruk
def service(request, id):
    found = _found("service", id, queries.service_full_get(_id("service", id)))
    return _json(serializers.service_full(found))


@oruk
def taxonomies(request):
    found = queries.taxonomies_search(text=_text(request, "search"))
    return _page(request, found, serializers.taxonomy)


@oruk
def taxonomy(request, id):
    found = _found("taxonomy", id, queries.taxonomy_full_get(_id("taxonomy", id)))
    return _json(serializers.taxonomy(found, terms=True))


@oruk
def taxonomy_terms(request):
    terms = queries.taxonomy_terms_search(
        text=_text(request, "search"),
        taxonomy_id=_uuid(request, "taxonomy_id"),
        parent_id=_uuid(request, "parent_id"),
        top_only=_flag(request, "top_only"),
    )
    return _page(request, terms, serializers.taxonomy_term)


@oruk
def taxonomy_term(request, id):
    term = queries.taxonomy_term_get(_id("taxonomy term", id))
    return _json(serializers.taxonomy_term(_found("taxonomy term", id, term)))


@oruk
def organizations(request):
    found = queries.organizations_search(text=_text(request, "search"))
    return _page(request, found, serializers.organization)


@oruk
def organization(request, id):
    full_services = _flag(request, "full_service")
    org = _found(
        "organization",
        id,
        queries.organization_full_get(_id("organization", id), full_services=full_services),
    )
    serialize = serializers.service_full if full_services else serializers.service
    listed = [serialize(s, organization_included=False) for s in org.services.all()]
    return _json(serializers.organization(org, full=True, services=listed))


@oruk
def service_at_locations(request):
    found = queries.service_at_locations_search(_services(request))
    return _page(request, found, serializers.service_at_location)


@oruk
def service_at_location(request, id):
    kind = "service at location"
    found = _found(kind, id, queries.service_at_location_full_get(_id(kind, id)))
    return _json(serializers.service_at_location(found, full=True))


@oruk
def not_found(request, *args, **kwargs):
    openapi_url = request.build_absolute_uri(reverse("oruk:openapi"))
    raise NotFound(NO_SUCH_PATH.format(path=request.path, openapi=openapi_url))

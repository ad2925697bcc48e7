"""Record quality: what each service of a directory gives someone looking for help, checked on
its ORUK 3.0 JSON (the full form, ``GET /services/{id}``), each check passed or failed with a
message, and a score from 0 to 100: the share of checks passed.

The checks, by the names the pages use:

* **Valid id**: the service's id is a UUID, as ORUK 3.0 requires (the validator's uniqueness
  and format rules).
* **Matches the schema**: the record keeps to the ORUK 3.0 service schema (the validator's
  "extended checks": required properties, types, formats, enumerations).
* **Required fields filled**: no field the standard requires is an empty string (an
  organization's description, an address's ``state_province``): the schema lets "" through,
  but it tells a reader nothing.
* **Valid web and email addresses**: every web address (``url``, ``website``, ``logo``,
  ``uri``, ``schedule_link``...) is http(s) with a host, every email address (``email``,
  ``assurer_email``) is one.
* **Has a contact**: a phone number or an email address, of the service, of a contact, of its
  organization or of a place it is at.
* **Address with coordinates**: at least one place it is at has an address and a latitude and
  longitude, so that distance searches find it.
* **Last checked**: ``assured_date`` (ORUK 3.0's "date the service was last assured") is
  given.
* **Has a description**: the service says what it is.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from ..serializers import required
from . import schemas

VALID_ID = "Valid id"
SCHEMA = "Matches the schema"
FILLED = "Required fields filled"
ADDRESSES = "Valid web and email addresses"
CONTACT = "Has a contact"
PLACE = "Address with coordinates"
CHECKED = "Last checked"
DESCRIBED = "Has a description"
CHECKS = [VALID_ID, SCHEMA, FILLED, ADDRESSES, CONTACT, PLACE, CHECKED, DESCRIBED]

URL_KEYS = {"url", "website", "logo", "uri", "schedule_link", "term_uri"}
EMAIL_KEYS = {"email", "assurer_email"}
# The schema each nested field's records keep to (for the fields they must fill).
KINDS = {
    "organization": "organization",
    "organization_identifiers": "organization_identifier",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "phones": "phone",
    "languages": "language",
    "contacts": "contact",
    "schedules": "schedule",
    "service_areas": "service_area",
    "cost_options": "cost_option",
    "funding": "funding",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
}
_url = URLValidator(schemes=["http", "https"])


@dataclass
class Finding:
    name: str
    passed: bool
    message: str = ""


@dataclass
class RecordResult:
    id: str
    name: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def score(self) -> int:
        if not self.findings:
            return 0
        return round(100 * sum(f.passed for f in self.findings) / len(self.findings))

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if not f.passed]

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "failed": [{"name": f.name, "message": f.message} for f in self.failed],
        }


def _walk(value, kind: str = "service", where: str = ""):
    """Every record in ``value`` (a service), with its kind and where it sits."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, kind, f"{where}[{i}]")
        return
    if not isinstance(value, dict):
        return
    yield kind, where, value
    for key, inner in value.items():
        if key in KINDS:
            yield from _walk(inner, KINDS[key], f"{where}.{key}" if where else key)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _number(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if value is not None and number.is_finite() else None


def _empty_required(service: dict) -> list[str]:
    return [
        f"{where}.{key}" if where else key
        for kind, where, record in _walk(service)
        for key in sorted(required(kind))
        if isinstance(record.get(key), str) and not record[key].strip()
    ]


def _bad_addresses(service: dict) -> list[str]:
    bad = []
    for _, where, record in _walk(service):
        for key, value in record.items():
            if not isinstance(value, str) or not value:
                continue
            check = _url if key in URL_KEYS else validate_email if key in EMAIL_KEYS else None
            if check is None:
                continue
            try:
                check(value)
            except ValidationError:
                bad.append(f"{where}.{key} {value!r}" if where else f"{key} {value!r}")
    return bad


def _has_contact(service: dict) -> bool:
    for kind, _, record in _walk(service):
        if kind in ("service", "contact", "organization", "location") and record.get("email"):
            return True
        if kind == "phone" and record.get("number"):
            return True
    return False


def _place(service: dict) -> Finding:
    locations = [
        at["location"]
        for at in service.get("service_at_locations") or []
        if isinstance(at, dict) and isinstance(at.get("location"), dict)
    ]
    if not locations:
        return Finding(PLACE, False, "It is at no location, so no distance search finds it.")
    for location in locations:
        lat, lon = _number(location.get("latitude")), _number(location.get("longitude"))
        placed = lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180
        if placed and location.get("addresses"):
            return Finding(PLACE, True)
    if any(loc.get("addresses") for loc in locations):
        return Finding(PLACE, False, "No location with an address has a latitude and longitude.")
    return Finding(PLACE, False, "Its locations have no address.")


def _checked(service: dict) -> Finding:
    value = service.get("assured_date")
    if not value:
        return Finding(CHECKED, False, "No assured_date: nobody says when it was last checked.")
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return Finding(CHECKED, False, f"assured_date {value!r} is not a date.")
    return Finding(CHECKED, True, f"assured_date {day.isoformat()}.")


def record_check(service) -> RecordResult:
    """The record checks of one service's full ORUK 3.0 JSON."""
    if not isinstance(service, dict):
        result = RecordResult("", "")
        result.findings = [Finding(name, False, "Not a record.") for name in CHECKS]
        return result
    result = RecordResult(str(service.get("id") or ""), str(service.get("name") or ""))
    add = result.findings.append
    sid = service.get("id")
    add(Finding(VALID_ID, _is_uuid(sid), "" if _is_uuid(sid) else f"{sid!r} is not a UUID."))
    found = schemas.problems(service, "service")
    add(Finding(SCHEMA, not found, schemas.summary(found)))
    empty = _empty_required(service)
    add(Finding(FILLED, not empty, f"Empty: {', '.join(empty)}." if empty else ""))
    bad = _bad_addresses(service)
    add(Finding(ADDRESSES, not bad, f"Not valid: {', '.join(bad)}." if bad else ""))
    contact = _has_contact(service)
    add(Finding(CONTACT, contact, "" if contact else "No phone number or email address."))
    add(_place(service))
    add(_checked(service))
    described = bool(str(service.get("description") or "").strip())
    add(Finding(DESCRIBED, described, "" if described else "No description."))
    return result


@dataclass
class Quality:
    """What the record checks found across a directory."""

    checked: int = 0
    total_score: int = 0
    passed: dict = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    worst: list[RecordResult] = field(default_factory=list)
    keep: int = 100

    def add(self, result: RecordResult) -> None:
        self.checked += 1
        self.total_score += result.score
        for finding in result.findings:
            self.passed[finding.name] += finding.passed
        if result.failed:
            self.worst.append(result)
            if len(self.worst) > 2 * self.keep:  # bounded, whatever the size of the feed
                self._trim()

    def _trim(self) -> None:
        self.worst.sort(key=lambda r: (r.score, r.name, r.id))
        del self.worst[self.keep :]

    @property
    def score(self) -> int | None:
        return round(self.total_score / self.checked) if self.checked else None

    def summary(self) -> list[dict]:
        return [{"name": n, "passed": self.passed[n], "total": self.checked} for n in CHECKS]

    def records(self) -> list[dict]:
        self._trim()
        return [r.as_json() for r in self.worst]

"""Checking each record before anything is saved.

A record is rejected, with the reason, when:

* it or anything nested in it has no id, or an id that is not id-like (up to 255 characters,
  no spaces): records are matched by these ids at the next import;
* a service, organization, taxonomy or taxonomy term has no name;
* an email address or a web address is not one;
* a nested list or record is not a list of records or a record;
* its id is used by another record of the same kind in the source (every record with that id
  is rejected: which one is right cannot be told);
* something nested in it (a contact, phone, schedule…) has the id of a different record
  elsewhere in the source, under another owner. An exact copy of a record listed earlier in
  the same source (as HSDS repeats a service's phone under its contact and its location) is
  not a different record: it is imported once, where it first appears, and the report says
  how many copies were skipped.

A value the directory's own form would refuse (``directory.rules``: an age that is not one,
a youngest age above the oldest, a time of day that is not one, coordinates out of range) is
not a reason to lose the record: the value is dropped, the record kept, and the report says
which value of which record was dropped and why. A service with no status is taken as
active, and the report says so.

Fields the directory does not read (HSDS 3.0's ``alternate_name`` or ``metadata``, the newer
fields of HSDS 3.1, a publisher's own) are no reason to refuse a record either: they are left
out, and the report lists each, by the kind of record it was on (``service.alternate_name``).

What passes is saved by ``writer.oruk_*_save``, whose own checks (dates, numbers, choices,
lengths) can still reject a record; nothing else is left to chance.
"""

import json
import re
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from alongside.directory import rules

from .records import DUPLICATE_ID, Batch, Candidate, repeated

ID_LIKE = re.compile(r"\S{1,255}")
NO_ID = "{what} has no id."
BAD_ID = "{what} has the id {id!r}, which is not an id (up to 255 characters, no spaces)."
NO_NAME = "{what} has no name."
BAD_EMAIL = "{what} has the email address {value!r}, which is not an email address."
BAD_URL = "{what} has the {field} {value!r}, which is not a web address."
NOT_A_LIST = "{what} has a '{key}' that is not a list of records."
NOT_AN_OBJECT = "{what} has a '{key}' that is not a record."
CLASHING_ID = (
    "{what} has the id {id!r}, which the source also uses for a different {kind} ({where})."
)
COPIES_SKIPPED = (
    "{count} {copies} of contacts, phones, schedules or other details repeated elsewhere in "
    "the same records {were} skipped: each is imported once, where it first appears."
)

# What each kind of record nests, under which key: (kind, is a list).
NESTED = {
    "service": {
        "organization": ("organization", False),
        "schedules": ("schedule", True),
        "service_areas": ("service_area", True),
        "languages": ("language", True),
        "funding": ("funding", True),
        "cost_options": ("cost_option", True),
        "contacts": ("contact", True),
        "phones": ("phone", True),
        "attributes": ("attribute", True),
        "service_at_locations": ("service_at_location", True),
    },
    "organization": {
        "organization_identifiers": ("organization_identifier", True),
        "attributes": ("attribute", True),
    },
    "contact": {"phones": ("phone", True)},
    "phone": {"languages": ("language", True)},
    "attribute": {"taxonomy_term": ("taxonomy_term", False)},
    "service_at_location": {"location": ("location", False), "schedules": ("schedule", True)},
    "location": {
        "addresses": ("address", True),
        "accessibility": ("accessibility", True),
        "phones": ("phone", True),
        "attributes": ("attribute", True),
    },
    "taxonomy": {"taxonomy_terms": ("taxonomy_term", True)},
}
NAMED = {"service", "organization", "taxonomy", "taxonomy_term"}
EMAILS = {"service": ["email", "assurer_email"], "organization": ["email"], "contact": ["email"]}
URLS = {
    "service": ["url"],
    "organization": ["website", "logo", "uri"],
    "accessibility": ["url"],
    "schedule": ["schedule_link"],
    "taxonomy_term": ["term_uri"],
    "taxonomy": ["uri"],
}
KEPT = "Dropped; the rest of the record was kept."
NOT_AN_AGE = "{what}: {field} {value!r} is not an age from {low} to {high}. " + KEPT
AGES_REVERSED = (
    "{what}: minimum_age {low} above its maximum_age {high}: which is wrong cannot be told. " + KEPT
)
NOT_A_TIME = "{what}: {field} {value!r} is not a time of day. " + KEPT
OUT_OF_RANGE = (
    "{what}: {field} {value} is out of range (-{limit} to {limit} degrees). Its latitude and "
    "longitude were dropped (one without the other places nothing); the rest was kept."
)
NO_STATUS = "{what} has no status: taken as active."
UNREAD_FIELDS = "Fields the directory does not read were left out: {fields}."

# The fields read from each kind of record (besides what it nests, in NESTED): what the
# writer saves, the references to the record it sits in, and HSDS's names beside ORUK's.
READ = {
    "service": (
        "id organization_id name description url email status fees fees_description "
        "accreditations minimum_age maximum_age assured_date assurer_email alert last_modified"
    ),
    "organization": "id name description email website logo uri parent_organization_id services",
    "location": (
        "id location_type name description latitude longitude external_identifier "
        "external_identifier_type"
    ),
    "service_at_location": "id service_id location_id",
    "schedule": (
        "id service_id service_at_location_id valid_from valid_to dtstart freq interval byday "
        "bymonthday description opens_at closes_at schedule_link attending_type notes"
    ),
    "service_area": "id service_id name extent extent_type uri service_area",
    "language": "id service_id phone_id name code note",
    "funding": "id service_id source",
    "cost_option": "id service_id valid_from valid_to option amount currency amount_description",
    "contact": "id service_id name title email",
    "phone": "id contact_id service_id location_id number description",
    "attribute": "id link_id link_entity link_type taxonomy_term_id value",
    "address": (
        "id location_id attention address_1 address_2 city region state_province postal_code "
        "country address_type"
    ),
    "accessibility": "id location_id description details url accessibility",
    "organization_identifier": "id organization_id identifier_scheme identifier_type identifier",
    "taxonomy": "id name description uri version",
    "taxonomy_term": (
        "id name description term code parent_id taxonomy taxonomy_id term_uri taxonomy_detail"
    ),
}
KNOWN = {kind: set(fields.split()) | set(NESTED.get(kind, {})) for kind, fields in READ.items()}


def _tidied(kind: str, data: dict, what: str) -> tuple[dict, list[str]]:
    """``data`` with the values the form would refuse taken out (a copy, if any is), and a
    note for each."""
    notes: list[str] = []
    dropped: dict = {}
    if kind == "service":
        ages = {}
        for field in ("minimum_age", "maximum_age"):
            value = data.get(field)
            if value in (None, ""):
                continue
            ages[field] = rules.age(value)
            if ages[field] is None:
                dropped[field] = None
                notes.append(
                    NOT_AN_AGE.format(
                        what=what, field=field, value=value, low=rules.YOUNGEST, high=rules.OLDEST
                    )
                )
        low, high = ages.get("minimum_age"), ages.get("maximum_age")
        if not rules.ages_in_order(low, high):
            dropped |= {"minimum_age": None, "maximum_age": None}
            notes.append(AGES_REVERSED.format(what=what, low=low, high=high))
        if data.get("status") in (None, ""):
            notes.append(NO_STATUS.format(what=what))
    if kind == "schedule":
        for field in ("opens_at", "closes_at"):
            value = data.get(field)
            if value not in (None, "") and rules.time_of_day(value) is None:
                dropped[field] = None
                notes.append(NOT_A_TIME.format(what=what, field=field, value=value))
    if kind == "location":
        for field, limit in (("latitude", 90), ("longitude", 180)):
            value = data.get(field)
            if value not in (None, "") and rules.coordinate(value, limit) is None:
                dropped |= {"latitude": None, "longitude": None}  # one without the other: none
                notes.append(OUT_OF_RANGE.format(what=what, field=field, value=value, limit=limit))
    return (data | dropped if dropped else data), notes


# Records that several others may share: the same id in many places is the same record.
SHARED = {"service", "organization", "location", "taxonomy", "taxonomy_term"}
_email, _url = EmailValidator(), URLValidator()


def _label(kind: str) -> str:
    return kind.replace("_", " ")


def _valid(validator, value) -> bool:
    try:
        validator(str(value))
    except ValidationError:
        return False
    return True


class _Checker:
    """Walks one record, collecting problems; drops exact copies of owned records seen
    before (from a copy of the record: what it was given stays as it was); notes the owned
    records it holds (``seen``)."""

    def __init__(self, known: dict):
        self.known = known  # (kind, id) -> (owner, content, where) from accepted records
        self.seen: dict = {}
        self.problems: list[str] = []
        self.notes: list[str] = []  # values dropped, the record kept
        self.copies = 0
        self.unread: set[str] = set()  # kind.field of fields with a value the writer leaves

    def walk(self, kind: str, data: dict, where: str, owner=None) -> dict:
        """``data``, or a copy of it without the copies of records listed before."""
        what = f"The {_label(kind)} at {where}" if where else f"This {_label(kind)}"
        value = data.get("id")
        named = f"{_label(kind).capitalize()} {value}" + (f" (at {where})" if where else "")
        data, notes = _tidied(kind, data, named)
        self.notes += notes
        if value in (None, ""):
            self.problems.append(NO_ID.format(what=what))
        elif not isinstance(value, str | int) or not ID_LIKE.fullmatch(str(value)):
            self.problems.append(BAD_ID.format(what=what, id=value))
        if kind in NAMED and not str(data.get("name") or "").strip():
            self.problems.append(NO_NAME.format(what=what))
        for field in EMAILS.get(kind, []):
            if data.get(field) and not _valid(_email, data[field]):
                self.problems.append(BAD_EMAIL.format(what=what, value=data[field]))
        for field in URLS.get(kind, []):
            if data.get(field) and not _valid(_url, data[field]):
                self.problems.append(BAD_URL.format(what=what, field=field, value=data[field]))
        self.unread |= {
            f"{kind}.{key}"
            for key, v in data.items()
            if kind in KNOWN and key not in KNOWN[kind] and v not in (None, "", [], {})
        }
        this = (kind, str(value))
        changes: dict[str, dict | list[dict]] = {}
        for key, (child_kind, is_list) in NESTED.get(kind, {}).items():
            child = data.get(key)
            if child in (None, "", []):
                continue
            place = f"{where}.{key}" if where else key
            if not is_list:
                if not isinstance(child, dict):
                    self.problems.append(NOT_AN_OBJECT.format(what=what, key=key))
                elif (walked := self.walk(child_kind, child, place, this)) is not child:
                    changes[key] = walked
                continue
            if not isinstance(child, list) or not all(isinstance(c, dict) for c in child):
                self.problems.append(NOT_A_LIST.format(what=what, key=key))
                continue
            walked_items = [
                self.owned(child_kind, item, f"{place}[{i}]", this) for i, item in enumerate(child)
            ]
            if any(new is not old for new, old in zip(walked_items, child, strict=True)):
                changes[key] = [item for item in walked_items if item is not None]
        return data | changes if changes else data

    def owned(self, kind: str, data: dict, where: str, owner) -> dict | None:
        """``data`` after walking it; None for an exact copy of a record listed before."""
        if kind in SHARED or data.get("id") in (None, ""):
            return self.walk(kind, data, where, owner)
        key = (kind, str(data["id"]))
        content = json.dumps(data, sort_keys=True, default=str)
        earlier = self.seen.get(key) or self.known.get(key)
        if earlier is not None:
            same_owner, same_content = earlier[0] == owner, earlier[1] == content
            if same_content and not same_owner:
                self.copies += 1  # a copy under another owner: imported where it came first
                return None
            if not same_content:
                what = f"The {_label(kind)} at {where}"
                self.problems.append(
                    CLASHING_ID.format(
                        what=what, id=data["id"], kind=_label(kind), where=earlier[2]
                    )
                )
                return data
            # The same record under the same owner: a shared location's address, say.
        self.seen[key] = (owner, content, where)
        return self.walk(kind, data, where, owner)


def check_batch(batch: Batch) -> Batch:
    """The records of ``batch`` that pass, the rest rejected with every reason found."""
    checked = Batch(
        rejected=list(batch.rejected), left_out=list(batch.left_out), listed=batch.listed
    )
    twice = repeated((c.kind, c.record_id) for c in batch.records if c.record_id)
    counts = Counter((c.kind, c.record_id) for c in batch.records)
    known: dict = {}
    copies = 0
    unread: set[str] = set()
    reported = set()
    for candidate in batch.records:
        key = (candidate.kind, candidate.record_id)
        if key in twice:
            if key not in reported:  # listed once, however many times it comes
                reported.add(key)
                checked.reject(
                    candidate.data, DUPLICATE_ID.format(id=candidate.record_id, count=counts[key])
                )
            continue
        checker = _Checker(known)
        data = checker.walk(candidate.kind, candidate.data, "")
        if checker.problems:
            checked.reject(data, " ".join(dict.fromkeys(checker.problems)))
            continue
        for owned_key, (owner, content, where) in checker.seen.items():
            label = f"{where} of {_label(candidate.kind)} {candidate.record_id}"
            known[owned_key] = (owner, content, label)
        copies += checker.copies
        unread |= checker.unread
        checked.left_out += checker.notes
        checked.records.append(Candidate(candidate.kind, candidate.record_id, candidate.name, data))
    if unread:
        checked.left_out.append(UNREAD_FIELDS.format(fields=", ".join(sorted(unread))))
    if copies:
        checked.left_out.append(
            COPIES_SKIPPED.format(
                count=copies,
                copies="copy" if copies == 1 else "copies",
                were="was" if copies == 1 else "were",
            )
        )
    return checked

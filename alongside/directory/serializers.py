"""Directory records as Open Referral UK 3.0 JSON.

The forms follow the standard's schemas and examples (``standards/oruk-3.0``): a list shows
a record's one-to-one fields (a service with its organization), a single record comes fully
nested. Optional fields that are empty (None, "", []) are left out; the fields a schema
requires are always there. Nested records leave out the id of the record they sit in, as the
examples do. Fields HSDS 3.0 has and the UK profile leaves out (a contact's phones, a
language's name and code, a cost's currency, an address's second line) are published when
they have a value: the schemas allow them.

A required field with nothing in it is served as "" (an address's county, an organization's
description), except where a sound value stands in (an address's region for its county); the
feed checker (``checking/``) reports each one left empty.
"""

import json
import math
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

STANDARD = Path(__file__).resolve().parent / "standards" / "oruk-3.0"


@cache
def required(kind: str) -> frozenset[str]:
    """The fields the ORUK 3.0 schema of ``kind`` requires."""
    schema = json.loads((STANDARD / "schema" / f"{kind}.json").read_text())
    return frozenset(schema.get("required", []))


def _clean(kind: str, data: dict) -> dict:
    must = required(kind)
    return {k: v for k, v in data.items() if k in must or v not in (None, "", [])}


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def json_datetime(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with milliseconds, as ORUK asks: 2023-03-15T10:30:45.123Z."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _str(value) -> str | None:
    return None if value is None else str(value)


# Taxonomies -----------------------------------------------------------------------------


def taxonomy_term(term) -> dict:
    return _clean(
        "taxonomy_term",
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": _str(term.parent_id),
            "taxonomy": term.taxonomy_name,
            "taxonomy_id": _str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "term": term.term,
        },
    )


def taxonomy(tax, *, terms: bool = False) -> dict:
    data = {
        "id": str(tax.id),
        "name": tax.name,
        "description": tax.description,
        "uri": tax.uri,
        "version": tax.version,
    }
    if terms:
        data["taxonomy_terms"] = [taxonomy_term(t) for t in tax.terms.all()]
    return _clean("taxonomy", data)


def attribute(attr) -> dict:
    return _clean(
        "attribute",
        {
            "id": str(attr.id),
            "link_id": str(attr.link_id),
            "link_entity": attr.link_entity,
            "link_type": attr.link_type,
            "taxonomy_term_id": str(attr.taxonomy_term_id),
            "value": attr.value,
            "taxonomy_term": taxonomy_term(attr.taxonomy_term),
        },
    )


def _attributes(record) -> list[dict]:
    return [attribute(a) for a in record.attributes.all()]


# Organizations --------------------------------------------------------------------------


def organization(org, *, full: bool = False, services: list[dict] | None = None) -> dict:
    """The organization's own fields; ``full`` adds its identifiers and attributes, and
    ``services`` the services given (already serialized)."""
    data = {
        "id": str(org.id),
        "name": org.name,
        "description": org.description,
        "email": org.email,
        "website": org.website,
        "logo": org.logo,
        "uri": org.uri,
        "parent_organization_id": _str(org.parent_id),
    }
    if full:
        data["organization_identifiers"] = [
            _clean(
                "organization_identifier",
                {
                    "id": str(i.id),
                    "identifier_scheme": i.identifier_scheme,
                    "identifier_type": i.identifier_type,
                    "identifier": i.identifier,
                },
            )
            for i in org.identifiers.all()
        ]
        data["attributes"] = _attributes(org)
    if services is not None:
        data["services"] = services
    return _clean("organization", data)


# Locations ------------------------------------------------------------------------------


def _language(lang) -> dict:
    return _clean(
        "language", {"id": str(lang.id), "name": lang.name, "code": lang.code, "note": lang.note}
    )


def _phone(phone) -> dict:
    return _clean(
        "phone",
        {
            "id": str(phone.id),
            "number": phone.number,
            "description": phone.description,
            "languages": [_language(lang) for lang in phone.languages.all()],
        },
    )


def _address(a) -> dict:
    return _clean(
        "address",
        {
            "id": str(a.id),
            "attention": a.attention,
            "address_1": a.address_1,
            "address_2": a.address_2,
            "city": a.city,
            "region": a.region,
            # Required by the standard: a UK address often has no county recorded, and its
            # region is the nearest true answer; with neither it stays "" (the feed checker
            # reports it).
            "state_province": a.state_province or a.region,
            "postal_code": a.postal_code,
            "country": a.country,
            "address_type": a.address_type,
        },
    )


def _accessibility(a) -> dict:
    return _clean(
        "accessibility",
        {
            "id": str(a.id),
            "description": a.description,
            "details": a.details,
            "url": a.url,
            "accessibility": a.accessibility,
        },
    )


def location(loc, *, full: bool = False) -> dict:
    data = {
        "id": str(loc.id),
        "location_type": loc.location_type,
        "name": loc.name,
        "description": loc.description,
        "latitude": json_number(loc.latitude),
        "longitude": json_number(loc.longitude),
        "external_identifier": loc.external_identifier,
        "external_identifier_type": loc.external_identifier_type,
    }
    if full:
        data["addresses"] = [_address(a) for a in loc.addresses.all()]
        data["accessibility"] = [_accessibility(a) for a in loc.accessibility.all()]
        data["phones"] = [_phone(p) for p in loc.phones.all()]
        data["attributes"] = _attributes(loc)
    return _clean("location", data)


# Services -------------------------------------------------------------------------------


def _schedule(s) -> dict:
    return _clean(
        "schedule",
        {
            "id": str(s.id),
            "valid_from": _date(s.valid_from),
            "valid_to": _date(s.valid_to),
            "dtstart": _date(s.dtstart),
            "freq": s.freq,
            "interval": s.interval,
            "byday": s.byday,
            "bymonthday": s.bymonthday,
            "description": s.description,
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "schedule_link": s.schedule_link,
            "attending_type": s.attending_type,
            "notes": s.notes,
        },
    )


def _service_area(a) -> dict:
    return _clean(
        "service_area",
        {
            "id": str(a.id),
            "name": a.name,
            "extent": a.extent,
            "extent_type": a.extent_type,
            "uri": a.uri,
            "service_area": a.service_area,
        },
    )


def _cost_option(c) -> dict:
    return _clean(
        "cost_option",
        {
            "id": str(c.id),
            "valid_from": _date(c.valid_from),
            "valid_to": _date(c.valid_to),
            "option": c.option,
            "amount": json_number(c.amount),
            "currency": c.currency,
            "amount_description": c.amount_description,
        },
    )


def _contact(c) -> dict:
    return _clean(
        "contact",
        {
            "id": str(c.id),
            "name": c.name,
            "title": c.title,
            "email": c.email,
            "phones": [_phone(p) for p in c.phones.all()],
        },
    )


def last_checked(s) -> date | None:
    """When the listing was last checked: by a coordinator here or by its publisher, the
    later (HSDS's ``assured_date``, so that a directory reading ours knows it was checked)."""
    dates = [d for d in (s.last_checked_on, s.assured_date) if d]
    return max(dates, default=None)


def service(s, *, organization_included: bool = True) -> dict:
    """A service's one-to-one fields and its organization's (the list form)."""
    data = {
        "id": str(s.id),
        "organization_id": str(s.organization_id),
        "name": s.name,
        "description": s.description,
        "url": s.url,
        "email": s.email,
        "status": s.status,
        "fees": s.fees,
        "fees_description": s.fees_description,
        "accreditations": s.accreditations,
        "minimum_age": json_number(s.minimum_age),
        "maximum_age": json_number(s.maximum_age),
        "assured_date": _date(last_checked(s)),
        "assurer_email": s.assurer_email,
        "alert": s.alert,
        "last_modified": json_datetime(s.last_modified),
    }
    if organization_included:
        data["organization"] = organization(s.organization)
    return _clean("service", data)


def service_full(s, *, locations: bool = True, organization_included: bool = True) -> dict:
    """A service with everything about it (``GET /services/{id}``); ``locations=False`` for
    the service inside a service at location, which has its location beside it."""
    data = service(s, organization_included=False)
    data["schedules"] = [_schedule(x) for x in s.schedules.all()]
    data["service_areas"] = [_service_area(x) for x in s.service_areas.all()]
    if locations:
        data["service_at_locations"] = [
            service_at_location(x, nested=True) for x in s.service_at_locations.all()
        ]
    data["languages"] = [_language(x) for x in s.languages.all()]
    if organization_included:
        data["organization"] = organization(s.organization, full=True)
    data["funding"] = [
        _clean("funding", {"id": str(f.id), "source": f.funded_by}) for f in s.funding.all()
    ]
    data["cost_options"] = [_cost_option(x) for x in s.cost_options.all()]
    data["contacts"] = [_contact(x) for x in s.contacts.all()]
    data["phones"] = [_phone(x) for x in s.phones.all()]
    data["attributes"] = _attributes(s)
    return _clean("service", data)


# Services at locations ------------------------------------------------------------------


def service_at_location(sal, *, full: bool = False, nested: bool = False) -> dict:
    """The list form has the location's and the service's one-to-one fields; ``full`` nests
    both completely; ``nested`` is the form inside a service: the full location alone."""
    if nested:
        data = {"id": str(sal.id), "location": location(sal.location, full=True)}
    else:
        data = {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "location": location(sal.location, full=full),
            "service": service_full(sal.service, locations=False) if full else service(sal.service),
        }
    if full or nested:
        data["schedules"] = [_schedule(x) for x in sal.schedules.all()]
    return _clean("service_at_location", data)


# Pages ----------------------------------------------------------------------------------


def page(contents: list[dict], *, total: int, page_number: int, per_page: int) -> dict:
    """The ORUK page envelope around one page of ``contents`` (pages count from 1)."""
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }

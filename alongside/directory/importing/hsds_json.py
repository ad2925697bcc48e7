"""Reading an HSDS 3.0 (or ORUK 3.0) JSON file: one service in full, a list of them (what
``directory_export --format json`` writes), a page of them (``{"contents": [...]}``), an
organization in full with its services nested (as the HSDS examples have it); and the other
documents the standard defines, alone, in a list or on a page: a service at a location in
full (its service and location saved, linked), a taxonomy (with its terms), a taxonomy term
(with its taxonomy where it brings it) and a location.

HSDS and ORUK 3.0 differ in small ways that matter here: HSDS calls a taxonomy term's code
``code`` where ORUK says ``term``. Fields the directory does not keep (``alternate_name``,
``programs``…) are ignored.
"""

import json
from decimal import Decimal

from .records import Batch, Candidate, ImportAborted, Rejected, record_id, record_name

BROKEN_JSON = "{name} is not valid JSON ({error}). Nothing was imported."
NOT_SERVICES = (
    "{name} holds neither a service, nor a list or page of services, nor an organization "
    "with its services. Nothing was imported."
)
NOT_A_RECORD = "Item {number} of the file is not a record."


def read_hsds_json(content: bytes, *, name: str) -> Batch:
    try:
        data = json.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportAborted(BROKEN_JSON.format(name=name, error=error)) from None
    if isinstance(data, dict) and "contents" in data:
        data = data["contents"]
    items = data if isinstance(data, list) else [data]
    if not isinstance(data, list | dict) or not items:
        raise ImportAborted(NOT_SERVICES.format(name=name))
    batch = Batch()
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            batch.rejected.append(_not_a_record(number))
            continue
        _oruk_names(item)
        kind = _document(item)
        if kind == "service_at_location":
            service = dict(item["service"])
            here = {k: v for k, v in item.items() if k != "service"}
            batch.records.append(_candidate("service", service | {"service_at_locations": [here]}))
            continue
        if kind in ("taxonomy", "taxonomy_term", "location"):
            batch.records.append(_candidate(kind, item))
            continue
        if _is_organization(item):
            services = item.get("services") or []
            organization = {k: v for k, v in item.items() if k != "services"}
            if not isinstance(services, list) or not services:
                batch.records.append(_candidate("organization", organization))
                continue
            for service in services:
                if isinstance(service, dict):
                    service = {k: v for k, v in service.items() if k != "organization_id"}
                    batch.records.append(
                        _candidate("service", service | {"organization": organization})
                    )
                else:
                    batch.rejected.append(_not_a_record(number))
        else:
            batch.records.append(_candidate("service", item))
    return batch


def _candidate(kind: str, data: dict) -> Candidate:
    return Candidate(kind, record_id(data), record_name(data), data)


def _not_a_record(number: int) -> Rejected:
    return Rejected("", "", NOT_A_RECORD.format(number=number))


TAXONOMY_FIELDS = {"id", "name", "description", "uri", "version", "taxonomy_terms"}
TERM_SIGNS = {"term", "code", "parent_id", "taxonomy_detail", "taxonomy_id", "term_uri"}


def _document(item: dict) -> str:
    """What kind of document ``item`` is, by the fields only that kind has."""
    if isinstance(item.get("service"), dict) and isinstance(item.get("location"), dict):
        return "service_at_location"
    if SERVICE_SIGNS & set(item) or _is_organization(item):
        return "service"
    if "location_type" in item or {"latitude", "longitude", "addresses"} & set(item):
        return "location"
    if TERM_SIGNS & set(item):
        return "taxonomy_term"
    if set(item) <= TAXONOMY_FIELDS and ("version" in item or "taxonomy_terms" in item):
        return "taxonomy"
    return "service"


# Fields only an organization has (a service has a url, not a website).
ORGANIZATION_SIGNS = {
    "services",
    "website",
    "logo",
    "parent_organization_id",
    "organization_identifiers",
    "legal_status",
    "tax_status",
    "tax_id",
    "year_incorporated",
}
SERVICE_SIGNS = {"organization", "organization_id", "status", "service_at_locations"}


def _is_organization(item: dict) -> bool:
    """An organization, with its services or with none (as the export writes one that has
    none): by the fields only an organization has."""
    return bool(ORGANIZATION_SIGNS & set(item)) and not (SERVICE_SIGNS & set(item))


def _oruk_names(value) -> None:
    """HSDS names to ORUK names, in place: a taxonomy term's ``code`` is its ``term``."""
    if isinstance(value, list):
        for v in value:
            _oruk_names(v)
    elif isinstance(value, dict):
        for key, v in value.items():
            if key in ("taxonomy_term", "taxonomy_terms"):
                for term in v if isinstance(v, list) else [v]:
                    if isinstance(term, dict) and term.get("code") and not term.get("term"):
                        term["term"] = term["code"]
            _oruk_names(v)

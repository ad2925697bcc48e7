"""Open Referral UK 1.0 (the LGA's 2019 profile of HSDS 1.x) to ORUK 3.0.

A 1.0 service in full (``GET /services/{id}``) nests its organization, contacts (with
phones), cost options, eligibilitys, fundings, languages, regular and holiday schedules,
reviews, service areas, services at locations (with the location, its physical addresses and
accessibility for disabilities) and service taxonomys (with the taxonomy term). They become:

==========================================  ===========================================
1.0                                         3.0
==========================================  ===========================================
organization.url                            organization.website
regular_schedules                           schedules (``freq`` in capitals; ``weekday``
                                            as ``byday`` when there is no ``byday``)
eligibilitys[].minimum_age / maximum_age    the service's minimum_age / maximum_age
                                            (the lowest and the highest)
fundings                                    funding
languages[].language                        languages[].name
contacts[].phones[].language                that phone's languages[].name
service_areas[].service_area                service_areas[].name (and service_area)
location.physical_addresses                 location.addresses (physical)
location.accessibility_for_disabilities     location.accessibility (description)
service_taxonomys[].taxonomy                attributes[].taxonomy_term (vocabulary as
                                            ``taxonomy``, the 1.0 id as ``term``)
==========================================  ===========================================

A 1.0 record has no id for a phone's language: it gets ``<phone id>-language``, the same at
every import. What 3.0 has no place for (deliverable_type, attending_type, attending_access,
the words of an eligibility, holiday schedules, reviews) is left out and said so in the
import's report, once for the whole feed.
"""

from collections import Counter

from .records import RecordError

DAYS = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}
COUNTRIES = {"united kingdom", "uk", "great britain", "england", "scotland", "wales"}
NOT_A_LIST = "Its '{key}' is not a list of records."
NOT_AN_OBJECT = "Its '{key}' is not a record."
LEFT_OUT = (
    "ORUK 1.0 {field} of {count} {services}: ORUK 3.0 has no place for it, so it is left out."
)
UNMAPPED = {
    "deliverable_type": "'deliverable_type'",
    "attending_type": "'attending_type'",
    "attending_access": "'attending_access'",
    "eligibility": "eligibility words (such as 'adult')",
    "holiday_schedules": "holiday schedules",
    "reviews": "reviews",
}


class LeftOut(Counter):
    """How many services had each field that is left out."""

    def notes(self) -> list[str]:
        return [
            LEFT_OUT.format(
                field=UNMAPPED[key],
                count=count,
                services="service" if count == 1 else "services",
            )
            for key, count in sorted(self.items())
        ]


def _records(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RecordError(NOT_A_LIST.format(key=key))
    return value


def _record(data: dict, key: str) -> dict | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, dict):
        raise RecordError(NOT_AN_OBJECT.format(key=key))
    return value


def _pick(data: dict, names: str) -> dict:
    return {name: data[name] for name in names.split() if data.get(name) not in (None, "")}


def service(data: dict, left_out: LeftOut) -> dict:
    """The ORUK 3.0 form of a 1.0 service in full."""
    result = _pick(data, "id name description url email status fees accreditations assured_date")
    organization = _record(data, "organization")
    if organization is not None:
        result["organization"] = _organization(organization)
    minimum, maximum = _ages(_records(data, "eligibilitys"))
    if minimum is not None:
        result["minimum_age"] = minimum
    if maximum is not None:
        result["maximum_age"] = maximum
    result["schedules"] = [_schedule(s) for s in _records(data, "regular_schedules")]
    result["service_areas"] = [
        _pick(a, "id extent uri service_area")
        | ({"name": a["service_area"]} if a.get("service_area") else {})
        for a in _records(data, "service_areas")
    ]
    result["languages"] = [
        _pick(lang, "id") | ({"name": lang["language"]} if lang.get("language") else {})
        for lang in _records(data, "languages")
    ]
    result["funding"] = [_pick(f, "id source") for f in _records(data, "fundings")]
    result["cost_options"] = [
        _pick(c, "id valid_from valid_to option amount amount_description")
        for c in _records(data, "cost_options")
    ]
    result["contacts"] = [
        _pick(c, "id name title email") | {"phones": [_phone(p) for p in _records(c, "phones")]}
        for c in _records(data, "contacts")
    ]
    result["service_at_locations"] = [
        _service_at_location(s) for s in _records(data, "service_at_locations")
    ]
    result["attributes"] = [_attribute(t) for t in _records(data, "service_taxonomys")]
    for key in UNMAPPED:
        if key == "eligibility":
            if any(e.get("eligibility") for e in _records(data, "eligibilitys")):
                left_out[key] += 1
        elif data.get(key):
            left_out[key] += 1
    return result


def _organization(data: dict) -> dict:
    return _pick(data, "id name description email logo uri") | (
        {"website": data["url"]} if data.get("url") else {}
    )


def organization(data: dict) -> dict:
    """The ORUK 3.0 form of a 1.0 organization (from ``/organizations``)."""
    return _organization(data)


def taxonomy_term(data: dict) -> dict:
    """The ORUK 3.0 form of a 1.0 taxonomy (a term, from ``/taxonomies``)."""
    return _term(data)


def _ages(eligibilities: list[dict]):
    minima = [e["minimum_age"] for e in eligibilities if e.get("minimum_age") not in (None, "")]
    maxima = [e["maximum_age"] for e in eligibilities if e.get("maximum_age") not in (None, "")]
    try:
        return (
            min(minima, key=float) if minima else None,
            max(maxima, key=float) if maxima else None,
        )
    except (TypeError, ValueError):
        raise RecordError("Its eligibility ages are not numbers.") from None


def _schedule(data: dict) -> dict:
    result = _pick(
        data,
        "id opens_at closes_at valid_from valid_to dtstart interval byday bymonthday description",
    )
    if data.get("freq"):
        result["freq"] = str(data["freq"]).upper()
    weekday = str(data.get("weekday") or "").strip()
    if weekday and not result.get("byday"):
        result["byday"] = DAYS.get(weekday.lower(), weekday.upper()[:2])
    return result


def _phone(data: dict) -> dict:
    result = _pick(data, "id number")
    if data.get("language"):
        language_id = f"{data.get('id')}-language"
        result["languages"] = [{"id": language_id, "name": data["language"]}]
    return result


def _service_at_location(data: dict) -> dict:
    result = _pick(data, "id")
    location = _record(data, "location")
    if location is not None:
        result["location"] = _pick(location, "id name description latitude longitude") | {
            "location_type": "physical",
            "addresses": [_address(a) for a in _records(location, "physical_addresses")],
            "accessibility": [
                _pick(a, "id accessibility")
                | ({"description": a["accessibility"]} if a.get("accessibility") else {})
                for a in _records(location, "accessibility_for_disabilities")
            ],
        }
    elif data.get("location_id"):
        result["location_id"] = data["location_id"]
    result["schedules"] = [_schedule(s) for s in _records(data, "regular_schedules")]
    return result


def _address(data: dict) -> dict:
    result = _pick(data, "id attention address_1 address_2 city region state_province postal_code")
    country = str(data.get("country") or "").strip()
    result["country"] = "GB" if not country or country.lower() in COUNTRIES else country
    result["address_type"] = "physical"
    return result


def _attribute(data: dict) -> dict:
    result = _pick(data, "id")
    term = _record(data, "taxonomy")
    if term is not None:
        result["taxonomy_term"] = _term(term)
    return result


def _term(term: dict) -> dict:
    parent = term.get("parent_id") or term.get("parent")
    if isinstance(parent, dict):
        parent = parent.get("id")
    return _pick(term, "id name") | {
        "description": "",
        **({"taxonomy": term["vocabulary"]} if term.get("vocabulary") else {}),
        **({"term": str(term["id"])} if term.get("id") not in (None, "") else {}),
        **({"parent_id": parent} if parent else {}),
    }

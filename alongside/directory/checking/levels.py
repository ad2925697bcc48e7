"""The ORUK validator's tests of an API, by its names and rules (its published validation
rules and its HSDS-UK-3.0 test profile):

**Level 1 Compliance - Basic checks** (required: the feed fails if any fails)

* *API meta info - API & schema validation*: ``GET /`` answers the API's details.
* *Services list - API & schema validation*: ``GET /services`` answers a page of services in
  the ``service_list`` schema.
* *Services list - pagination*: the page envelope is there and adds up (``total_pages`` is
  what ``total_items`` and the page size make, ``size`` is the number on the page), page 2
  works, and the pages read (at most the first ``MAX_PAGES``, as the validator reads) hold
  as many services as the feed says.
* *Service by id - API & schema validation*: each service read from the pages (up to
  ``MAX_RECORDS``) is answered in full at ``/services/{id}``, with its own id, in the
  ``service`` schema.

**Level 2 Compliance** (warnings: the feed passes without them)

* The optional endpoints, each list and one record by id: taxonomies, taxonomy terms,
  organizations, services at locations.
* The search parameters a service finder uses, each tried with the data of a service that
  has it, looking for that service among the results (the validator's way): *Text Test*
  (ORUK 1.0's ``text``), *Search Test* (3.0's ``search``), *Taxonomy Test*
  (``taxonomy_term_id``), *Postcode Search* (``postcode`` and ``proximity=1000``), *Time
  Search Test* (``start_time``, ``end_time``, ``day``), *Age Test* (``minimum_age``,
  ``maximum_age``), *Paging* (``page`` and ``per_page``). A test no service has the data
  for is not done (``passed`` is None), as the validator reports.
"""

import math
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import schemas
from .reading import Answer, Reader

MAX_PAGES = 10  # pages of /services read, as the validator samples them
MAX_RECORDS = 1000  # services fetched in full
PER_PAGE = 100
SEARCH_PAGES = 3  # pages of a search's results looked through for the expected service
ENVELOPE = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}
OPTIONAL = [
    ("Taxonomies", "/taxonomies", "taxonomy_list", "Taxonomy", "taxonomy"),
    ("Taxonomy terms", "/taxonomy_terms", "taxonomy_term_list", "Taxonomy term", "taxonomy_term"),
    ("Organizations", "/organizations", "organization_list", "Organization", "organization"),
    (
        "Service at location",
        "/service_at_locations",
        "service_at_location_list",
        "Service at location",
        "service_at_location",
    ),
]


@dataclass
class Test:
    name: str
    passed: bool | None
    message: str

    def as_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "message": self.message}


@dataclass
class Read:
    """What Level 1 read, for Level 2 and the record checks."""

    listed: list[dict] = field(default_factory=list)  # the services on the pages read
    full: list = field(default_factory=list)  # each read in full, as answered
    total: int = 0


def _n(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _fail(name: str, answer: Answer) -> Test:
    return Test(name, False, answer.why_not())


def _envelope_problems(data) -> list[str]:
    if not isinstance(data, dict):
        return ["the answer is not a page (a JSON object)"]
    found = []
    for key, kind in ENVELOPE.items():
        value = data.get(key)
        if key not in data:
            found.append(f"no {key}")
        elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            found.append(f"{key} is {value!r}, not {'a list' if kind is list else kind.__name__}")
    return found


def meta_info(reader: Reader) -> Test:
    name = "API meta info - API & schema validation"
    answer = reader.get("/")
    if not answer.ok:
        return _fail(name, answer)
    found = schemas.problems(answer.data, "api_details")
    if found:
        return Test(name, False, f"The API's details break the schema: {schemas.summary(found)}")
    version = answer.data.get("version")
    if not str(version).startswith("HSDS-UK-3.0"):
        note = f"version is {version!r}: the validator picks its 3.0 tests by HSDS-UK-3.0."
        return Test(name, True, note)
    return Test(name, True, f"version {version}.")


def services_list(reader: Reader, read: Read) -> list[Test]:
    """The list test and the pagination test, reading up to ``MAX_PAGES`` pages."""
    list_name, paging_name = "Services list - API & schema validation", "Services list - pagination"
    first = reader.get("/services", {"page": 1, "per_page": PER_PAGE})
    if not first.ok:
        return [_fail(list_name, first), Test(paging_name, False, "No first page to read.")]
    found = schemas.problems(first.data, "service_list")
    listing = (
        Test(list_name, False, f"Page 1 breaks the schema: {schemas.summary(found)}")
        if found
        else Test(list_name, True, "Page 1 keeps to the service_list schema.")
    )
    envelope = _envelope_problems(first.data)
    if envelope:
        return [listing, Test(paging_name, False, f"Page 1: {', '.join(envelope)}.")]
    return [listing, _pagination(reader, first.data, read)]


def _pagination(reader: Reader, data: dict, read: Read) -> Test:
    name = "Services list - pagination"
    total, pages, size = data["total_items"], data["total_pages"], len(data["contents"])
    read.total = total
    problems = []
    if data["size"] != size:
        problems.append(f"page 1 says its size is {data['size']} but holds {size}")
    if data["page_number"] != 1 or not data["first_page"]:
        problems.append(f"asked for page 1, it says page_number {data['page_number']}")
    per_page = size if pages > 1 else max(size, 1)
    expected = math.ceil(total / per_page) if total and size else (0 if not total else None)
    if total and not size:
        problems.append(f"page 1 is empty though the feed has {_n(total, 'service')}")
    elif expected is not None and pages != expected and not (total == 0 and pages in (0, 1)):
        problems.append(
            f"{_n(total, 'service')} with {size} on page 1 make {_n(expected, 'page')}, "
            f"not the {pages} it says"
        )
    read.listed = [item for item in data["contents"] if isinstance(item, dict)]
    for number in range(2, min(pages, MAX_PAGES) + 1):
        answer = reader.get("/services", {"page": number, "per_page": PER_PAGE})
        if not answer.ok:
            problems.append(f"page {number}: {answer.why_not()}")
            break
        envelope = _envelope_problems(answer.data)
        if envelope:
            problems.append(f"page {number}: {', '.join(envelope)}")
            break
        page = answer.data
        if (page["total_items"], page["total_pages"]) != (total, pages):
            problems.append(
                f"page {number} says {page['total_items']} on {page['total_pages']} pages, "
                f"page 1 said {total} on {pages}"
            )
        if page["page_number"] != number:
            problems.append(f"asked for page {number}, it says page {page['page_number']}")
        if not page["contents"]:
            problems.append(f"page {number} of {pages} is empty")
        read.listed += [item for item in page["contents"] if isinstance(item, dict)]
    read_all = pages <= MAX_PAGES
    if read_all and not problems and len(read.listed) != total:
        problems.append(f"the feed says it has {total} services, its pages hold {len(read.listed)}")
    if pages <= 1 and not problems:
        beyond = reader.get("/services", {"page": 2, "per_page": PER_PAGE})
        if beyond.status >= 500 or beyond.problem:
            problems.append(f"page 2 (past the end): {beyond.why_not()}")
    if problems:
        return Test(name, False, "; ".join(problems).capitalize() + ".")
    pages_read = min(pages, MAX_PAGES)
    sample = "" if read_all else f" (the first {MAX_PAGES} read)"
    return Test(
        name,
        True,
        f"{_n(total, 'service')} on {_n(pages, 'page')}{sample}: the pages add up "
        f"({_n(pages_read, 'page')} read).",
    )


def services_by_id(reader: Reader, read: Read) -> Test:
    name = "Service by id - API & schema validation"
    ids = [item.get("id") for item in read.listed if item.get("id")][:MAX_RECORDS]
    if not ids:
        return (
            Test(name, False, "No service listed to fetch.")
            if read.total
            else Test(name, None, "The feed lists no services.")
        )
    bad = []
    for sid in ids:
        answer = reader.get(f"/services/{urllib.parse.quote(str(sid), safe='')}")
        if not answer.ok:
            bad.append(f"{sid}: {answer.why_not()}")
            continue
        read.full.append(answer.data)
        if not isinstance(answer.data, dict) or answer.data.get("id") != sid:
            other = answer.data.get("id") if isinstance(answer.data, dict) else None
            bad.append(f"{sid}: answered with the id {other!r}")
            continue
        found = schemas.problems(answer.data, "service")
        if found:
            bad.append(f"{sid}: {schemas.summary(found)}")
    if bad:
        return Test(
            name,
            False,
            f"{len(bad)} of {_n(len(ids), 'service')} fail: {schemas.summary(bad)}",
        )
    return Test(name, True, f"{_n(len(ids), 'service')} fetched in full, each in the schema.")


def level_1(reader: Reader) -> tuple[list[Test], Read]:
    read = Read()
    tests = [meta_info(reader), *services_list(reader, read)]
    tests.append(services_by_id(reader, read))
    return tests, read


# Level 2 --------------------------------------------------------------------------------


def optional_endpoints(reader: Reader) -> Iterator[Test]:
    for plural, path, list_schema, singular, schema in OPTIONAL:
        list_name = f"{plural} list - API & schema validation"
        by_id_name = f"{singular} by id - API & schema validation"
        answer = reader.get(path)
        if not answer.ok:
            yield _fail(list_name, answer)
            yield Test(by_id_name, None, f"Not done: {path} gave nothing to fetch.")
            continue
        found = schemas.problems(answer.data, list_schema)
        yield (
            Test(list_name, False, f"{path} breaks the schema: {schemas.summary(found)}")
            if found
            else Test(list_name, True, f"{path} keeps to the {list_schema} schema.")
        )
        contents = answer.data.get("contents") if isinstance(answer.data, dict) else None
        first = next((c for c in contents or [] if isinstance(c, dict) and c.get("id")), None)
        if first is None:
            yield Test(by_id_name, None, f"Not done: {path} lists nothing.")
            continue
        one = reader.get(f"{path}/{urllib.parse.quote(str(first['id']), safe='')}")
        if not one.ok:
            yield _fail(by_id_name, one)
            continue
        found = schemas.problems(one.data, schema)
        yield (
            Test(by_id_name, False, f"{one.url} breaks the schema: {schemas.summary(found)}")
            if found
            else Test(by_id_name, True, f"{one.url} keeps to the {schema} schema.")
        )


def _search(reader: Reader, name: str, params: dict, wanted: dict) -> Test:
    """Look for the service ``wanted`` in the results of ``/services`` with ``params``."""
    asked = urllib.parse.urlencode(params)
    total = 0
    for page in range(1, SEARCH_PAGES + 1):
        answer = reader.get("/services", {**params, "page": page, "per_page": PER_PAGE})
        if not answer.ok:
            return Test(name, False, f"/services?{asked}: {answer.why_not()}")
        data = answer.data if isinstance(answer.data, dict) else {}
        listed = data.get("contents")
        contents: list = listed if isinstance(listed, list) else []
        total = data.get("total_items", len(contents))
        if any(isinstance(c, dict) and c.get("id") == wanted["id"] for c in contents):
            return Test(name, True, f"/services?{asked} found {wanted.get('name')!r}.")
        if data.get("last_page", True) or not contents:
            break
    return Test(
        name,
        False,
        f"/services?{asked} did not find {wanted.get('name')!r} (it has that data) among "
        f"its {total} results.",
    )


def _locations(service: dict) -> list[dict]:
    return [
        at["location"]
        for at in service.get("service_at_locations") or []
        if isinstance(at, dict) and isinstance(at.get("location"), dict)
    ]


def _schedules(service: dict) -> list[dict]:
    found = list(service.get("schedules") or [])
    for at in service.get("service_at_locations") or []:
        if isinstance(at, dict):
            found += at.get("schedules") or []
    return [s for s in found if isinstance(s, dict)]


def _name_params(key: str) -> Callable[[dict], dict | None]:
    def params(s: dict) -> dict | None:
        return {key: s["name"]} if str(s.get("name") or "").strip() else None

    return params


def _taxonomy_params(s: dict) -> dict | None:
    for attribute in s.get("attributes") or []:
        if not isinstance(attribute, dict):
            continue
        term = attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get("id")
        if term:
            return {"taxonomy_term_id": term}
    return None


def _postcode_params(s: dict) -> dict | None:
    for location in _locations(s):
        if location.get("latitude") is None or location.get("longitude") is None:
            continue
        for address in location.get("addresses") or []:
            if isinstance(address, dict) and address.get("postal_code"):
                return {"postcode": address["postal_code"], "proximity": 1000}
    return None


def _time_params(s: dict) -> dict | None:
    for schedule in _schedules(s):
        opens, closes = str(schedule.get("opens_at") or ""), str(schedule.get("closes_at") or "")
        if len(opens) >= 5 and len(closes) >= 5 and opens[:5] < closes[:5]:
            params = {"start_time": opens[:5], "end_time": closes[:5]}
            day = str(schedule.get("byday") or "").split(",")[0].strip()[-2:]
            return params | ({"day": day} if day else {})
    return None


def _age_params(s: dict) -> dict | None:
    low, high = s.get("minimum_age"), s.get("maximum_age")
    if low is None or high is None:
        return None
    return {"minimum_age": low, "maximum_age": high}


SEARCHES: list[tuple[str, str, Callable[[dict], dict | None]]] = [
    ("Text Test", "a name", _name_params("text")),
    ("Search Test", "a name", _name_params("search")),
    ("Taxonomy Test", "a taxonomy term", _taxonomy_params),
    ("Postcode Search", "a location with a postcode and coordinates", _postcode_params),
    ("Time Search Test", "a schedule with opening and closing times", _time_params),
    ("Age Test", "a minimum and a maximum age", _age_params),
]


def searches(reader: Reader, read: Read) -> Iterator[Test]:
    services = [s for s in read.full if isinstance(s, dict) and s.get("id")]
    for name, needs, params_of in SEARCHES:
        chosen = next(((s, p) for s in services if (p := params_of(s))), None)
        if chosen is None:
            yield Test(name, None, f"Not done: no service read has {needs}.")
            continue
        service, params = chosen
        yield _search(reader, name, params, service)
    yield paging(reader, read)


def paging(reader: Reader, read: Read) -> Test:
    name = "Paging (page, per_page)"
    if read.total < 2:
        return Test(name, None, "Not done: it needs at least 2 services.")
    one = reader.get("/services", {"page": 1, "per_page": 1})
    two = reader.get("/services", {"page": 2, "per_page": 1})
    for answer in (one, two):
        if not answer.ok:
            return _fail(name, answer)
    pages = [a.data.get("contents") if isinstance(a.data, dict) else None for a in (one, two)]
    if not all(isinstance(p, list) and len(p) == 1 for p in pages):
        sizes = [len(p) if isinstance(p, list) else None for p in pages]
        return Test(name, False, f"per_page=1 gave pages of {sizes[0]} and {sizes[1]} services.")
    first, second = (
        p[0].get("id") if isinstance(p, list) and isinstance(p[0], dict) else None for p in pages
    )
    if first == second:
        return Test(name, False, "page=2&per_page=1 gave the same service as page=1.")
    if two.data.get("page_number") != 2:
        return Test(name, False, f"page=2 says it is page {two.data.get('page_number')}.")
    return Test(name, True, "per_page=1 gives one service a page; page=2 the next.")


def level_2(reader: Reader, read: Read) -> list[Test]:
    return [*optional_endpoints(reader), *searches(reader, read)]

"""Reading an Open Referral UK feed over HTTP: the pages of ``/services``, then each service in
full from ``/services/{id}`` (ORUK 3.0, or 1.0 turned into 3.0 by ``oruk1``); then the pages of
``/taxonomies``, ``/taxonomy_terms`` and ``/organizations``, so that taxonomies, parent terms
and organizations no service brings are kept too (an organization no service brings is
fetched in full from ``/organizations/{id}``, for its identifiers and attributes). Those three
are optional: a feed that answers 404 for one is read without it, and the report says so.

Every request has a timeout (``DIRECTORY_IMPORT_TIMEOUT`` seconds, 20 unless set) and the
number of pages a limit (``DIRECTORY_IMPORT_MAX_PAGES``, 1000). The pages must add up: the
same totals on every page, the page asked for, as many pages as the totals and the size of
the first page make, and as many services as the feed says it has. Anything else means the
feed cannot be trusted to be complete, and the import stops with nothing changed.
"""

import ipaddress
import json
import math
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from http.client import HTTPException

from django.conf import settings

from . import oruk1
from .records import (
    DUPLICATE_ID,
    Batch,
    Candidate,
    ImportAborted,
    Progress,
    RecordError,
    Rejected,
    record_id,
    record_name,
    repeated,
)

DEFAULT_TIMEOUT = 20
DEFAULT_MAX_PAGES = 1000
PER_PAGE = 100
MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "Alongside directory import"

NOT_HTTP = "The feed's address must start with http:// or https://, not {url!r}."
TIMED_OUT = "{url} did not answer within {seconds:g} seconds. Nothing was imported."
UNREACHABLE = "{url} could not be reached ({reason}). Nothing was imported."
HTTP_ERROR = "{url} answered {status}. Nothing was imported."
TOO_BIG = "{url} sent more than {limit} MB. Nothing was imported."
BROKEN_JSON = "{url} did not send valid JSON ({error}). Nothing was imported."
PRIVATE_ADDRESS = (
    "{url} is on this server or a private network ({address}), which a directory feed never "
    "is. Nothing was imported."
)
NOT_A_PAGE = (
    "{url} is not a page of an ORUK {version} feed: it has no {missing}. Check the feed's "
    "address and version. Nothing was imported."
)
TOO_MANY_PAGES = "The feed has {pages} pages, more than the limit of {limit}. Nothing was imported."
WRONG_PAGE_COUNT = (
    "The feed's page counts do not add up: it says {total} on {pages}, but with {size} on its "
    "first page that makes {expected}. Nothing was imported."
)
TOTALS_CHANGED = (
    "The feed's totals changed while it was being read (page 1 said {before}, page {page} "
    "said {after}). Try again later. Nothing was imported."
)
WRONG_PAGE = "Asked for page {page}, {url} answered with page {number}. Nothing was imported."
EMPTY_PAGE = (
    "Page {page} of {pages} of the feed is empty, though the feed says it has {total}. "
    "Nothing was imported."
)
COUNT_MISMATCH = "The feed says it has {total}, but its {pages} held {found}. Nothing was imported."
NOT_SERVED = "The feed has no /{path} ({url} answered {status}): {consequence}"
# What a feed without one of the optional lists loses, and what a 1.0 feed's lists hold.
OPTIONAL = {
    "3": [
        ("taxonomies", "taxonomy", "its taxonomies were not read (terms keep their id)."),
        ("taxonomy_terms", "taxonomy term", "only the terms its services use were read."),
        ("organizations", "organization", "only the organizations of its services were read."),
    ],
    # ORUK 1.0's /taxonomies lists terms (with their vocabulary); it has no taxonomies.
    "1": [
        ("taxonomies", "taxonomy term", "only the terms its services use were read."),
        ("organizations", "organization", "only the organizations of its services were read."),
    ],
}
NOT_AN_OBJECT = "The feed lists something that is not a record (on page {page})."
NO_ID = "The feed lists a service without an id."
DETAIL_MISSING = "The feed lists this service, but {url} answered {status}."
DETAIL_OTHER = "The feed lists this service, but {url} gave a record with the id {other!r}."


def feed_settings(timeout: float | None, max_pages: int | None) -> tuple[float, int]:
    default_timeout: float = getattr(settings, "DIRECTORY_IMPORT_TIMEOUT", DEFAULT_TIMEOUT)
    default_max_pages: int = getattr(settings, "DIRECTORY_IMPORT_MAX_PAGES", DEFAULT_MAX_PAGES)
    return timeout or default_timeout, max_pages or default_max_pages


def base_url(url: str) -> str:
    """The feed's base address, from what an administrator may paste: with or without a
    trailing slash or ``/services``."""
    url = url.strip()
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ImportAborted(NOT_HTTP.format(url=url))
    url = url.split("?")[0].rstrip("/")
    return url.removesuffix("/services")


def public_address(url: str) -> None:
    """Refuse (``ImportAborted``) an address whose host is this server, a private network,
    link-local (cloud metadata) or otherwise not on the internet, so that an import can
    never be used to reach what the server can and the administrator cannot. Every address
    the name resolves to is checked, and again for each redirect. ``DIRECTORY_IMPORT_PRIVATE``
    allows them (a council's own feed on its network; the tests' feed on 127.0.0.1)."""
    if getattr(settings, "DIRECTORY_IMPORT_PRIVATE", False):
        return
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImportAborted(NOT_HTTP.format(url=url))
    try:
        found = socket.getaddrinfo(parts.hostname or "", parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise ImportAborted(UNREACHABLE.format(url=url, reason=error)) from None
    for *_, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise ImportAborted(PRIVATE_ADDRESS.format(url=url, address=ip))


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address ``public_address`` allows."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        public_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirects)


def fetch_json(url: str, *, timeout: float):
    """(status, data): data is None unless the status is 200. Not being able to talk to the
    server, or a body that is not JSON, stops the import."""
    public_address(url)
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise ImportAborted(TIMED_OUT.format(url=url, seconds=timeout)) from None
        raise ImportAborted(UNREACHABLE.format(url=url, reason=error.reason)) from None
    except TimeoutError:
        raise ImportAborted(TIMED_OUT.format(url=url, seconds=timeout)) from None
    except (HTTPException, OSError) as error:
        raise ImportAborted(UNREACHABLE.format(url=url, reason=error)) from None
    if len(body) > MAX_BYTES:
        raise ImportAborted(TOO_BIG.format(url=url, limit=MAX_BYTES // 2**20))
    try:
        return 200, json.loads(body.decode("utf-8-sig"), parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportAborted(BROKEN_JSON.format(url=url, error=error)) from None


@dataclass
class _Envelope:
    total: int
    pages: int
    number: int | None
    contents: list


# ORUK 3.0: total_items, total_pages, page_number, contents.
# ORUK 1.0 (Spring-style): totalElements, totalPages, number, content.
_ENVELOPES = {
    "3": ("total_items", "total_pages", "page_number", "contents"),
    "1": ("totalElements", "totalPages", "number", "content"),
}


def _envelope(data, version: str, url: str) -> _Envelope:
    total, pages, number, contents = _ENVELOPES[version]
    if not isinstance(data, dict):
        raise ImportAborted(NOT_A_PAGE.format(url=url, version=f"{version}.0", missing=total))
    for key, kind in [(contents, list), (total, int), (pages, int)]:
        value = data.get(key)
        if (
            not isinstance(value, kind)
            or isinstance(value, bool)
            or (isinstance(value, int) and value < 0)
        ):
            missing = f"'{key}' list" if kind is list else f"'{key}' count"
            raise ImportAborted(NOT_A_PAGE.format(url=url, version=f"{version}.0", missing=missing))
    page_number = data.get(number)
    return _Envelope(
        total=data[total],
        pages=data[pages],
        number=page_number if isinstance(page_number, int) else None,
        contents=data[contents],
    )


def _listed(
    base: str,
    version: str,
    timeout: float,
    max_pages: int,
    progress: Progress,
    path: str = "services",
    word: str = "service",
):
    """Every item of every page of ``/{path}``, after checking that the pages add up. For a
    list other than ``/services``, None when the feed answers its first page with 404 (the
    feed does not have it)."""
    items, page, first, offset = [], 1, None, 0
    where = "the feed" if path == "services" else f"the feed's /{path}"
    while True:
        url = f"{base}/{path}?page={page}&per_page={PER_PAGE}"
        progress(page - 1, first.pages if first else 1, f"Reading page {page} of {where}")
        status, data = fetch_json(url, timeout=timeout)
        if status == 404 and first is None and path != "services":
            return None
        if status != 200:
            raise ImportAborted(HTTP_ERROR.format(url=url, status=status))
        envelope = _envelope(data, version, url)
        if first is None:
            first = envelope
            _check_first_page(envelope, max_pages, word)
            # Pages are asked for from 1, but some 1.0 feeds number the pages they give from 0.
            offset = 1 if envelope.number == 0 else 0
        elif (envelope.total, envelope.pages) != (first.total, first.pages):
            before = f"{_n(first.total, word)} on {_n(first.pages, 'page')}"
            after = f"{envelope.total} on {envelope.pages}"
            raise ImportAborted(TOTALS_CHANGED.format(before=before, after=after, page=page))
        if envelope.number is not None and envelope.number + offset != page:
            raise ImportAborted(WRONG_PAGE.format(page=page, url=url, number=envelope.number))
        if not envelope.contents and first.total:
            total = _n(first.total, word)
            raise ImportAborted(EMPTY_PAGE.format(page=page, pages=first.pages, total=total))
        items += [(page, item) for item in envelope.contents]
        if page >= first.pages:
            break
        page += 1
    if len(items) != first.total:
        total, pages = _n(first.total, word), _n(first.pages, "page")
        raise ImportAborted(COUNT_MISMATCH.format(total=total, pages=pages, found=len(items)))
    progress(first.pages, first.pages, f"Read the pages of {where}")
    return items


def _n(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def _check_first_page(envelope: _Envelope, max_pages: int, word: str = "service") -> None:
    """The page count is what the total and the size of the first page make."""
    if envelope.pages > max_pages:
        raise ImportAborted(TOO_MANY_PAGES.format(pages=envelope.pages, limit=max_pages))
    size, total = len(envelope.contents), envelope.total
    if total and not size:
        raise ImportAborted(EMPTY_PAGE.format(page=1, pages=envelope.pages, total=_n(total, word)))
    if total == 0:
        expected = envelope.pages if envelope.pages in (0, 1) else 1
    elif envelope.pages == 1 and size >= total:
        expected = 1
    else:
        expected = math.ceil(total / size)
    if expected != envelope.pages:
        raise ImportAborted(
            WRONG_PAGE_COUNT.format(
                total=_n(total, word),
                pages=_n(envelope.pages, "page"),
                size=size,
                expected=_n(expected, "page"),
            )
        )


def read_oruk_feed(
    url: str,
    *,
    version: str = "3",
    progress: Progress,
    timeout: float | None = None,
    max_pages: int | None = None,
) -> Batch:
    """Phase 1 for a feed: every service it lists, in full, as ORUK 3.0 JSON."""
    timeout, max_pages = feed_settings(timeout, max_pages)
    base = base_url(url)
    batch = Batch()
    listed = _listed(base, version, timeout, max_pages, progress)
    ids = [record_id(item) for _, item in listed if isinstance(item, dict)]
    batch.listed = {i for i in ids if i}  # the whole feed was read: every page, counted
    twice = repeated(i for i in ids if i)
    wanted, reported = [], set()
    for page, item in listed:
        if not isinstance(item, dict):
            batch.rejected.append(Rejected("", "", NOT_AN_OBJECT.format(page=page)))
        elif not record_id(item):
            batch.reject(item, NO_ID)
        elif record_id(item) in twice:
            if record_id(item) not in reported:  # listed once, however many times it comes
                reported.add(record_id(item))
                batch.reject(
                    item, DUPLICATE_ID.format(id=record_id(item), count=ids.count(item["id"]))
                )
        else:
            wanted.append(item)
    left_out = oruk1.LeftOut()
    for done, item in enumerate(wanted, 1):
        progress(done - 1, len(wanted), f"Fetching service {done} of {len(wanted)}")
        service_id = record_id(item)
        detail_url = f"{base}/services/{urllib.parse.quote(service_id, safe='')}"
        status, data = fetch_json(detail_url, timeout=timeout)
        if status >= 500:
            raise ImportAborted(HTTP_ERROR.format(url=detail_url, status=status))
        if status != 200:
            batch.reject(item, DETAIL_MISSING.format(url=detail_url, status=status))
            continue
        if not isinstance(data, dict) or record_id(data) != service_id:
            other = record_id(data) if isinstance(data, dict) else type(data).__name__
            batch.reject(item, DETAIL_OTHER.format(url=detail_url, other=other))
            continue
        try:
            service = oruk1.service(data, left_out) if version == "1" else data
        except RecordError as error:
            batch.reject(data, str(error))
            continue
        batch.records.append(
            Candidate("service", service_id, str(service.get("name") or ""), service)
        )
    progress(len(wanted), len(wanted), "Fetched every service")
    services = list(batch.records)
    batch.records = []
    for path, word, consequence in OPTIONAL[version]:
        items = _listed(base, version, timeout, max_pages, progress, path=path, word=word)
        if items is None:
            url = f"{base}/{path}?page=1&per_page={PER_PAGE}"
            batch.left_out.append(
                NOT_SERVED.format(path=path, url=url, status=404, consequence=consequence)
            )
            continue
        if path == "organizations":
            _organizations(batch, items, services, base, version, timeout, left_out, progress)
        else:
            _listed_records(batch, items, word.replace(" ", "_"), version)
    # What services refer to (taxonomies, terms, organizations) is saved before them.
    batch.records += services
    batch.left_out += left_out.notes()
    return batch


def _listed_records(batch: Batch, items: list, kind: str, version: str) -> None:
    """The taxonomies or taxonomy terms of a list, each a record of its own."""
    for page, item in items:
        if not isinstance(item, dict):
            batch.rejected.append(Rejected("", "", NOT_AN_OBJECT.format(page=page)))
            continue
        try:
            data = oruk1.taxonomy_term(item) if version == "1" else item
        except RecordError as error:
            batch.reject(item, str(error))
            continue
        batch.records.append(Candidate(kind, record_id(data), record_name(data), data))


def _organizations(batch, items, services, base, version, timeout, left_out, progress) -> None:
    """The organizations no service brings, each fetched in full (its identifiers and
    attributes are not on the list), without the services nested in it: those come from
    ``/services``."""
    brought = set()
    for candidate in services:
        organization = candidate.data.get("organization")
        brought.add(
            record_id(organization)
            if isinstance(organization, dict)
            else str(candidate.data.get("organization_id") or "")
        )
    alone = [
        (page, item)
        for page, item in items
        if not isinstance(item, dict) or record_id(item) not in brought
    ]
    for done, (page, item) in enumerate(alone, 1):
        progress(done - 1, len(alone), f"Fetching organization {done} of {len(alone)}")
        if not isinstance(item, dict):
            batch.rejected.append(Rejected("", "", NOT_AN_OBJECT.format(page=page)))
            continue
        data = item
        if record_id(item):
            url = f"{base}/organizations/{urllib.parse.quote(record_id(item), safe='')}"
            status, full = fetch_json(url, timeout=timeout)
            if status >= 500:
                raise ImportAborted(HTTP_ERROR.format(url=url, status=status))
            if status == 200 and isinstance(full, dict) and record_id(full) == record_id(item):
                data = full
        data = {k: v for k, v in data.items() if k != "services"}
        try:
            data = oruk1.organization(data) if version == "1" else data
        except RecordError as error:
            batch.reject(item, str(error))
            continue
        batch.records.append(Candidate("organization", record_id(data), record_name(data), data))

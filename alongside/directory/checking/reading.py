"""How the checker reads a directory's ORUK 3.0 API: another directory's feed over HTTP
(with the importer's client, its timeouts and its size limit), or Alongside's own ``/oruk``
through Django's request handling, so that what is checked is what the API really answers.

A reader answers ``get(path, params)`` with an ``Answer``: the status and the JSON, or why
there is none (unreachable, timed out, not JSON). It never raises for what the other side
does."""

import json
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.test import Client
from django.urls import reverse

from ..importing.feed import base_url, feed_settings, fetch_json
from ..importing.records import ImportAborted

NOTHING_IMPORTED = " Nothing was imported."  # the importer's words, not the checker's
NOT_JSON = "{url} did not send JSON ({error})."


@dataclass
class Answer:
    url: str
    status: int  # 0 when there was no answer
    data: Any = None  # the JSON of a 200
    problem: str = ""  # why there is no answer, or no JSON

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.problem

    def why_not(self) -> str:
        """What was wrong, in a sentence."""
        if self.problem:
            return self.problem
        return f"{self.url} answered {self.status}."


class Reader(Protocol):
    where: str  # the base address, for messages

    def get(self, path: str, params: dict | None = None) -> Answer: ...


def _address(base: str, path: str, params: dict | None) -> str:
    url = base + path
    return f"{url}?{urllib.parse.urlencode(params)}" if params else url


class FeedReader:
    """Another directory's feed, at ``url`` (as pasted: with or without ``/services``)."""

    def __init__(self, url: str, *, timeout: float | None = None):
        self.where = base_url(url)
        self.timeout, _ = feed_settings(timeout, None)

    def get(self, path: str, params: dict | None = None) -> Answer:
        url = _address(self.where, path, params)
        try:
            status, data = fetch_json(url, timeout=self.timeout)
        except ImportAborted as error:
            return Answer(url, 0, problem=str(error).removesuffix(NOTHING_IMPORTED))
        return Answer(url, status, data)


def _host() -> str:
    """A host name the site answers to (``ALLOWED_HOSTS``), for requests made to itself."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


class OwnReader:
    """Alongside's own ``/oruk``, asked through the whole of Django's request handling
    (middleware, URLs, views) without a network: the same answers a service finder gets."""

    def __init__(self):
        self.client = Client(HTTP_HOST=_host())
        self.where = reverse("oruk:api_details").rstrip("/")

    def get(self, path: str, params: dict | None = None) -> Answer:
        url = _address(self.where, path or "/", params)
        response = self.client.get(self.where + (path or "/"), params or {}, secure=True)
        if response.status_code != 200:
            return Answer(url, response.status_code)
        try:
            return Answer(url, 200, json.loads(response.content, parse_float=Decimal))
        except ValueError as error:
            return Answer(url, 200, problem=NOT_JSON.format(url=url, error=error))

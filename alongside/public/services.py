"""What the public pages write: introductions (through the people app), and the record of
submissions that keeps any one address to a few an hour."""

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from alongside.accounts.models import Area
from alongside.people.models import (
    Agreement,
    Channel,
    IntroducerKind,
    Introduction,
    introducer_email,
)
from alongside.people.services import introduction_record

from .models import Submission

PER_HOUR = 5  # submissions from one address in an hour; the next is refused (429)
KEPT = timedelta(days=1)


def client_address(request: HttpRequest) -> str:
    """Where the request came from: ``REMOTE_ADDR``, or behind a reverse proxy the last
    address in the header it names (``CLIENT_ADDRESS_HEADER``, such as X-Forwarded-For):
    the one the proxy itself saw, which the client cannot forge."""
    header = settings.CLIENT_ADDRESS_HEADER
    if header:
        meta = "HTTP_" + header.upper().replace("-", "_")
        forwarded = [a.strip() for a in str(request.META.get(meta, "")).split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


def _address(request: HttpRequest) -> str:
    """A keyed hash of where the request came from (the address itself is never kept)."""
    where = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), where.encode(), hashlib.sha256).hexdigest()


def submissions_exceeded(request: HttpRequest) -> bool:
    """Whether this address has already sent ``PER_HOUR`` forms in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    return Submission.objects.filter(address=_address(request), at__gte=since).count() >= PER_HOUR


def submission_record(request: HttpRequest) -> None:
    Submission.objects.filter(at__lt=timezone.now() - KEPT).delete()
    Submission.objects.create(address=_address(request))


def public_introduction_make(*, area: Area, data: dict[str, Any]) -> Introduction:
    """The introduction a public form describes (someone's own, their family's or friend's,
    or a partner organisation's), in ``area``'s inbox."""
    myself = data.get("who") == "myself"
    how = (data.get("how_to_contact") or "").strip()
    organisation = (data.get("organisation") or "").strip()
    if myself:
        kind, contact, name = IntroducerKind.SELF, how, ""
    else:
        kind = data["relationship"]
        name = data["introducer_name"]
        contact = "; ".join(p for p in (data.get("introducer_contact", ""), how) if p)
    email = data.get("email", "")
    return introduction_record(
        user=None,  # someone on the public pages
        person_data={
            "full_name": data["full_name"],
            "phone": data.get("phone", ""),
            "email": email,
            "postcode": data["postcode"],
            "area": area,
        },
        introduction_data={
            "channel": Channel.ONLINE,
            "introducer_kind": kind,
            "introducer_name": name,
            "introducer_organisation": organisation,
            "introducer_contact": contact[:200],
            "whats_going_on": data["whats_going_on"],
            "what_matters": data.get("what_matters", ""),
            "agreement": Agreement.AGREES,
        },
        acknowledge=bool(introducer_email(contact, kind, email)),  # when there is an address
    )

"""The link under the "we have been in touch" email that asks whoever made an introduction
two questions about it. The link carries, signed, only what the answer is counted by (the
area and who made the introduction) and a one-time part; the answer is kept with none of
the introduction or the person (``IntroducerFeedback``)."""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alongside.accounts.models import Area

from .models import IntroducerKind, Introduction

SALT = "alongside.introducer-feedback"
GOOD_FOR_DAYS = 180


@dataclass(frozen=True)
class Invitation:
    area: Area
    introducer_kind: str
    token: str  # the digest of the one-time part, kept with the answer


def feedback_link(introduction: Introduction) -> str:
    """The address of the questions, to put in an email to the introducer."""
    signed = signing.dumps(
        {
            "a": introduction.area_id,
            "k": introduction.introducer_kind,
            "n": secrets.token_urlsafe(12),
        },
        salt=SALT,
        compress=True,
    )
    return settings.PUBLIC_URL.rstrip("/") + reverse("public:feedback", args=[signed])


def invitation(signed: str) -> Invitation | None:
    """What a link says, or None when it is not one of ours or is older than
    ``GOOD_FOR_DAYS``."""
    try:
        values = signing.loads(signed, salt=SALT, max_age=GOOD_FOR_DAYS * 24 * 3600)
        area = Area.objects.get(pk=int(values["a"]))
        kind = str(values["k"])
        once = str(values["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, Area.DoesNotExist):
        return None
    if kind not in IntroducerKind.values:
        return None
    return Invitation(area, kind, hashlib.sha256(once.encode()).hexdigest())

"""Reading the feed checks for the pages: the directories there are to check, each with its
latest check and the next one scheduled, in a fixed number of queries."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import DateTimeField, Max, OuterRef, Subquery, Value

from ..models import Service
from ..models.checks import OWN, OWN_NAME, CheckStatus, FeedCheck
from ..models.imports import FEEDS, ImportRun


@dataclass
class CheckSource:
    source: str  # blank: our own /oruk
    name: str
    url: str  # the feed read; blank: the records held (imported from files)
    last_import: datetime | None
    latest: FeedCheck | None
    next_due: datetime | None
    form_id: uuid.UUID = field(default_factory=uuid.uuid4)  # the id a check started here gets

    @property
    def reads_feed(self) -> bool:
        return bool(self.url)


def _latest(source) -> Subquery:
    done = FeedCheck.objects.filter(source=source).exclude(status=CheckStatus.SCHEDULED)
    return Subquery(done.order_by("-started_at").values("pk")[:1])


def _due(source) -> Subquery:
    scheduled = FeedCheck.objects.filter(source=source, status=CheckStatus.SCHEDULED)
    return Subquery(scheduled.values("due_at")[:1])


def check_sources() -> list[CheckSource]:
    """Our own /oruk first, then every imported source (the distinct ``ImportRun.source``
    values, and the sources of records held) by name, with the feed a check reads (the
    latest feed import's address)."""
    feeds = (
        ImportRun.objects.filter(source=OuterRef("source"), kind__in=FEEDS)
        .exclude(location="")
        .order_by("-started_at")
        .values("location")[:1]
    )
    rows = list(
        ImportRun.objects.order_by()
        .values("source")
        .annotate(
            last_import=Max("started_at"),
            feed=Subquery(feeds),
            latest=_latest(OuterRef("source")),
            due=_due(OuterRef("source")),
        )
        .order_by("source")
    )
    own_latest = (
        FeedCheck.objects.filter(source="", url=OWN)
        .exclude(status=CheckStatus.SCHEDULED)
        .order_by("-started_at")
        .values_list("pk", flat=True)
        .first()
    )
    own_due = (
        FeedCheck.objects.filter(source="", status=CheckStatus.SCHEDULED)
        .values_list("due_at", flat=True)
        .first()
    )
    # Records held from a source with no import recorded (the demo's, or runs deleted).
    imported = {row["source"] for row in rows}
    held = (
        Service.objects.exclude(source="")
        .order_by()
        .values("source")
        .annotate(
            last_import=Value(None, DateTimeField()),
            feed=Value(""),
            latest=_latest(OuterRef("source")),
            due=_due(OuterRef("source")),
        )
        .distinct()
    )
    rows += [row for row in held if row["source"] not in imported]
    rows.sort(key=lambda row: row["source"])
    ids = [own_latest, *(row["latest"] for row in rows)]
    checks = FeedCheck.objects.in_bulk([i for i in ids if i])
    return [
        CheckSource("", OWN_NAME, OWN, None, checks.get(own_latest), own_due),
        *(
            CheckSource(
                row["source"],
                row["source"],
                row["feed"] or "",
                row["last_import"],
                checks.get(row["latest"]),
                row["due"],
            )
            for row in rows
        ),
    ]


def feed_check_get(check_id: uuid.UUID) -> FeedCheck | None:
    return FeedCheck.objects.select_related("started_by").filter(pk=check_id).first()

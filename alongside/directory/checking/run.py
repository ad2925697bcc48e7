"""Running a check and keeping what it found (``FeedCheck``); the schedule that runs it again.

* Alongside's own ``/oruk`` (``source`` blank) and an imported feed (the address of the
  source's latest feed import) get Level 1, Level 2 and the record checks of every service
  read in full.
* A source imported from files has no feed to read: its check looks at the records held
  here, as ``/oruk`` serves them (record checks only, no Level 1 or 2).

The schedule: ``DIRECTORY_CHECK_EVERY_HOURS`` (24 unless set; 0 turns it off). Checks are
queued for the worker, and the schedule kept, in ``directory/tasks.py``: this module never
imports it, so that the tasks can run what is here.
"""

import logging

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .. import queries, serializers
from ..models import Service
from ..models.checks import OWN, RECORDS_KEPT, CheckStatus, FeedCheck
from ..models.imports import FEEDS, ImportRun
from .levels import level_1, level_2
from .quality import Quality, record_check
from .reading import FeedReader, OwnReader, Reader

logger = logging.getLogger(__name__)

DEFAULT_EVERY_HOURS = 24
NO_SUCH_SOURCE = "No directory has been imported as {source!r}."
CANNOT_DEFER = (
    "The task backend ({backend}) cannot run a task later, so the schedule cannot continue: "
    "use django_tasks_db.DatabaseBackend and run manage.py db_worker."
)
SCHEDULE_OFF = "DIRECTORY_CHECK_EVERY_HOURS is 0: checks are not scheduled."


class UnknownSource(Exception):
    pass


def every_hours() -> float:
    return float(getattr(settings, "DIRECTORY_CHECK_EVERY_HOURS", DEFAULT_EVERY_HOURS))


def feed_location(source: str) -> str:
    """The address of the source's latest feed import, or "" when it came from files."""
    run = (
        ImportRun.objects.filter(source=source, kind__in=FEEDS)
        .exclude(location="")
        .order_by("-started_at")
        .first()
    )
    return run.location if run else ""


def imported_sources() -> list[str]:
    """Every source imported (the runs' ``source``), and any records are held from."""
    runs = ImportRun.objects.order_by().values_list("source", flat=True).distinct()
    held = Service.objects.exclude(source="").order_by().values_list("source", flat=True)
    return sorted(set(runs) | set(held.distinct()))


def check_target(source: str) -> str:
    """What a check of ``source`` reads: "/oruk" for our own (blank), the feed's address, or
    "" for the records held. Refuses a source nothing was imported as."""
    if not source:
        return OWN
    known = ImportRun.objects.filter(source=source).exists()
    if not known and not Service.objects.filter(source=source).exists():
        raise UnknownSource(NO_SUCH_SOURCE.format(source=source))
    return feed_location(source)


def feed_check_start(*, source: str, user=None, url: str | None = None) -> FeedCheck:
    """A check, recorded as running, of ``source`` (blank: our own) or of ``url``."""
    target = url if url is not None else check_target(source)
    return FeedCheck.objects.create(source=source, url=target, started_by=user)


def _reader(check: FeedCheck) -> Reader | None:
    if not check.url:
        return None
    return OwnReader() if check.is_own else FeedReader(check.url)


def _held(source: str) -> QuerySet[Service]:
    return queries.services_full(Service.objects.filter(source=source)).order_by("name", "id")


def _records_held(source: str, quality: Quality) -> None:
    for service in _held(source).iterator(chunk_size=200):
        quality.add(record_check(serializers.service_full(service)))


def feed_check_execute(check: FeedCheck) -> FeedCheck:
    """Run the check and save what it found. A failure of the checker itself (not of the
    feed, which its tests report) is kept on the check as its error."""
    quality = Quality(keep=RECORDS_KEPT)
    try:
        reader = _reader(check)
        if reader is None:
            _records_held(check.source, quality)
        else:
            tests, read = level_1(reader)
            check.level_1 = [t.as_json() for t in tests]
            check.level_1_passed = all(t.passed for t in tests if t.passed is not None)
            check.level_2 = [t.as_json() for t in level_2(reader, read)]
            for service in read.full:
                quality.add(record_check(service))
    except Exception as error:  # reported on the check's page, never lost in a log
        logger.exception("Feed check %s failed", check.pk)
        check.status = CheckStatus.FAILED
        check.error = f"The check stopped: {error}"
    else:
        check.status = CheckStatus.FINISHED
    check.records_checked = quality.checked
    check.records = quality.records()
    check.record_summary = quality.summary() if quality.checked else []
    check.score = quality.score
    check.finished_at = timezone.now()
    check.save()
    return check


def feed_check(*, source: str = "", url: str | None = None, user=None) -> FeedCheck:
    """Start and run a check at once (the command line)."""
    return feed_check_execute(feed_check_start(source=source, url=url, user=user))


# The schedule (its queueing is in ``tasks.py``, beside the tasks) ---------------------------


def scheduled_check_claim_and_run(check_id: str) -> tuple[FeedCheck | None, bool]:
    """Run a scheduled check (in the worker): the check, and whether the schedule goes on
    (not for a source no longer there). A check no longer in the schedule (run already, or
    replaced) is left alone: (None, False)."""
    claimed = FeedCheck.objects.filter(pk=check_id, status=CheckStatus.SCHEDULED).update(
        status=CheckStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None, False
    check = FeedCheck.objects.get(pk=check_id)
    try:
        check.url = check_target(check.source)
    except UnknownSource as error:
        check.status, check.error = CheckStatus.FAILED, str(error)
        check.finished_at = timezone.now()
        check.save()
        return check, False  # nothing to check any more: the chain ends
    return feed_check_execute(check), True

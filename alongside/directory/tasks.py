"""Background work of the directory, run by the task worker (``manage.py db_worker``), and
how it is queued: imports started on the import page, feed checks started on the checks page,
and the schedule that checks every directory again each ``DIRECTORY_CHECK_EVERY_HOURS``.

The schedule: a scheduled check is a ``FeedCheck`` with the status ``scheduled`` and the time
it is due, handed to the worker (with django-tasks' ``run_after``); when it has run, it
schedules the next. A database constraint keeps at most one scheduled check per source, so
starting the schedule twice, or two workers finishing at once, never doubles it.
"""

import io
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .checking.run import (
    CANNOT_DEFER,
    SCHEDULE_OFF,
    check_target,
    every_hours,
    feed_check_execute,
    imported_sources,
    scheduled_check_claim_and_run,
)
from .importing import import_run_execute
from .models.checks import CheckStatus, FeedCheck
from .models.imports import ABANDONED_AFTER, ImportRun


@task()
def run_import(run_id: str, url: str | None = None) -> str:
    """Run an import started on the import page: the feed at ``url``, or the file kept on
    the run (deleted once read). The run records its progress and its outcome."""
    run = ImportRun.objects.get(pk=run_id)
    file = None
    if run.upload is not None:
        file = io.BytesIO(bytes(run.upload))
        file.name = run.location
    run = import_run_execute(run, url=url, file=file)
    ImportRun.objects.filter(pk=run_id).update(upload=None)
    return run.status


@task()
def run_feed_check(check_id: str) -> str:
    """Run a check started on the feed checks page."""
    check = FeedCheck.objects.get(pk=check_id)
    return feed_check_execute(check).status


@task()
def run_scheduled_check(check_id: str) -> str:
    """Run a check from the schedule, then schedule the next."""
    check = scheduled_check_run(check_id)
    return check.status if check else "not scheduled"


# Checks of directory feeds: queued from the page, and the schedule -----------------------


@dataclass
class Scheduled:
    check: FeedCheck | None
    message: str
    new: bool = False


def _scheduled(source: str) -> FeedCheck | None:
    return FeedCheck.objects.filter(source=source, status=CheckStatus.SCHEDULED).first()


def feed_check_schedule(*, source: str, due_at: datetime | None = None) -> Scheduled:
    """Put the next check of ``source`` in the schedule: due at ``due_at`` (now if not given),
    unless one is already there. Due now, it is handed to the worker at once; later, with
    ``run_after`` (which the backend must support)."""
    found = _scheduled(source)
    if found is not None:
        overdue = found.due_at and timezone.now() - found.due_at > ABANDONED_AFTER
        if not overdue:
            return Scheduled(found, f"Already scheduled for {found.due_at:%d %b %Y %H:%M}.")
        found.delete()  # its task was lost (the queue was cleared): schedule afresh
    task = run_scheduled_check
    if due_at is not None:
        backend = run_scheduled_check.get_backend()
        if not backend.supports_defer:
            return Scheduled(None, CANNOT_DEFER.format(backend=type(backend).__name__))
        task = run_scheduled_check.using(run_after=due_at)
    now = timezone.now()
    try:
        with transaction.atomic():
            check = FeedCheck.objects.create(
                source=source,
                status=CheckStatus.SCHEDULED,
                scheduled=True,
                due_at=due_at or now,
                started_at=due_at or now,
            )
    except IntegrityError:  # scheduled by someone else at the same moment
        other = _scheduled(source)
        return Scheduled(other, "Already scheduled.")
    task.enqueue(str(check.pk))
    when = "now" if due_at is None else f"for {due_at:%d %b %Y %H:%M}"
    return Scheduled(check, f"Scheduled {when}.", new=True)


def scheduled_check_run(check_id: str) -> FeedCheck | None:
    """Run a scheduled check (in the worker), then schedule the next one. A check no longer
    in the schedule (run already, or replaced) is left alone."""
    check, again = scheduled_check_claim_and_run(check_id)
    hours = every_hours()
    if check is not None and again and hours > 0:
        feed_check_schedule(source=check.source, due_at=timezone.now() + timedelta(hours=hours))
    return check


def feed_check_schedule_all() -> list[tuple[str, Scheduled]]:
    """Start the schedule for our own /oruk and every imported source: each checked now,
    and then every ``DIRECTORY_CHECK_EVERY_HOURS``."""
    if every_hours() <= 0:
        return [("", Scheduled(None, SCHEDULE_OFF))]
    sources = ["", *imported_sources()]
    return [(source, feed_check_schedule(source=source)) for source in sources]


def feed_check_queue(*, user, check_id: uuid.UUID, source: str) -> FeedCheck:
    """Start a check of ``source`` (blank: our own) from the page and hand it to the worker
    (``tasks.run_feed_check``). ``check_id`` is the id the page made for it: the same form
    sent twice starts one check; so does asking while a check of the source is running."""
    found = FeedCheck.objects.filter(pk=check_id).first()
    if found is not None:
        return found
    target = check_target(source)
    running = FeedCheck.objects.filter(
        source=source,
        url=target,
        status=CheckStatus.RUNNING,
        started_at__gt=timezone.now() - ABANDONED_AFTER,
    ).first()
    if running is not None:
        return running
    try:
        with transaction.atomic():
            check = FeedCheck.objects.create(
                pk=check_id, source=source, url=target, started_by=user
            )
    except IntegrityError:  # sent twice at once: the other request started it
        return FeedCheck.objects.get(pk=check_id)
    run_feed_check.enqueue(str(check.pk))
    return check

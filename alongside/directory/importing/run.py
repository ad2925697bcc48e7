"""Phase 2 — saving what passed, all at once — and the record of each run (``ImportRun``)."""

import gc
import logging
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..matching import listings_match
from ..models import Service, ServiceStatus
from ..models.imports import ImportKind, ImportRun, ImportStatus
from .checks import check_batch
from .feed import read_oruk_feed
from .hsds_csv import read_hsds_csv
from .hsds_json import read_hsds_json
from .records import Batch, ImportAborted, ImportReport, Progress, Rejected, no_progress
from .writer import OrukDataError, OrukWriter, refresh_statistics

logger = logging.getLogger(__name__)

# A record that the writer refuses is rejected, and nothing of it is saved; the other records
# are saved. Any other error stops the import and undoes everything.
UNEXPECTED = "The import stopped because of an unexpected error ({error}). Nothing was imported."
# What the progress says, in order, once everything has been read. The page that polls it
# sees STARTING until the results are there: other requests cannot see into the transaction.
CHECKING = "Checking {total} {records}"
STARTING = "Saving {total} {records}"
SAVING = "Saving {done} of {total} records"
WRITING = "Writing {total} {records} to the database"
PROGRESS_EVERY = 0.5  # seconds between writes of a run's progress


def save_batch(
    batch: Batch, *, source: str, dry_run: bool = False, progress: Progress = no_progress
) -> ImportReport:
    """Save every record of ``batch`` in one transaction (undone at the end of a dry run).
    Counts each record as created, updated (it, or anything in it, changed) or unchanged."""
    report = ImportReport(
        rejected=list(batch.rejected), left_out=list(batch.left_out), dry_run=dry_run
    )
    total = len(batch.records)
    progress(0, total, STARTING.format(total=total, records=_records(total)))
    with transaction.atomic():
        listed_before = dict(
            Service.objects.filter(source=source, status__in=LISTED).values_list(
                "source_id", "name"
            )
        )
        with OrukWriter(source) as writer:
            for done, record in enumerate(batch.records, 1):
                try:
                    outcome = writer.save(record.kind, record.data)
                except OrukDataError as error:
                    report.rejected.append(Rejected(record.record_id, record.name, str(error)))
                else:
                    setattr(report, outcome, getattr(report, outcome) + 1)
                progress(done, total, SAVING.format(done=done, total=total))
            progress(total, total, WRITING.format(total=total, records=_records(total)))
        report.left_out += _withdrawn(source, batch.listed, listed_before)
        if dry_run:
            transaction.set_rollback(True)
        else:
            listings_match()  # one listing per thing, each category once
            if report.created:
                refresh_statistics()
    return report


def directory_import(
    *,
    source: str,
    kind: str,
    url: str | None = None,
    file=None,
    name: str = "",
    dry_run: bool = False,
    progress: Progress = no_progress,
    timeout: float | None = None,
    max_pages: int | None = None,
) -> ImportReport:
    """Import a directory: read and check everything (phase 1), then save what passed in one
    transaction (phase 2). ``url`` for a feed; ``file`` (a path, or an open binary file) for
    HSDS JSON or CSV. Raises ``ImportAborted`` for a problem with the source as a whole."""
    name = name or (Path(file).name if isinstance(file, str | Path) else "The file")
    if kind in (ImportKind.ORUK3, ImportKind.ORUK1):
        version = "1" if kind == ImportKind.ORUK1 else "3"
        if url is None:
            raise ValueError("An import from a feed needs the feed's address (url)")
        batch = read_oruk_feed(
            url, version=version, progress=progress, timeout=timeout, max_pages=max_pages
        )
    elif kind == ImportKind.HSDS_JSON:
        content = Path(file).read_bytes() if isinstance(file, str | Path) else file.read()
        batch = read_hsds_json(content, name=name)
    elif kind == ImportKind.HSDS_CSV:
        batch = read_hsds_csv(file, name=name)
    else:
        raise ValueError(f"Unknown kind of import: {kind}")
    with _collecting_later():
        total = len(batch.records)
        progress(0, total, CHECKING.format(total=total, records=_records(total)))
        batch = check_batch(batch)
        return save_batch(batch, source=source, dry_run=dry_run, progress=progress)


LISTED = [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
GONE = (
    "{name} ({id}) is no longer in the source: withdrawn here (kept with its history, no "
    "longer listed)."
)
CLOSED = "{name} ({id}) is no longer active there ({status}): no longer listed here."


def _withdrawn(source: str, listed: set[str] | None, before: dict[str, str]) -> list[str]:
    """Withdraw this source's services it no longer lists (when the whole source was read),
    and say so, with those that were listed here and are now no longer active there."""
    notes, gone_ids = [], set()
    if listed is not None:
        gone = Service.objects.filter(source=source, status__in=LISTED).exclude(
            source_id__in=listed
        )
        for source_id, name in gone.order_by("name").values_list("source_id", "name"):
            notes.append(GONE.format(name=name, id=source_id))
            gone_ids.add(source_id)
        gone.update(status=ServiceStatus.INACTIVE, updated_at=timezone.now())
    closed = (
        Service.objects.filter(source=source, source_id__in=list(set(before) - gone_ids))
        .exclude(status__in=LISTED)
        .order_by("name")
    )
    for source_id, name, status in closed.values_list("source_id", "name", "status"):
        notes.append(CLOSED.format(name=name, id=source_id, status=status))
    return notes


def _records(count: int) -> str:
    return "record" if count == 1 else "records"


@contextmanager
def _collecting_later():
    """Python's cycle collector, paused while checking and saving: they make hundreds of
    thousands of objects that live to the end, and looking through them again and again for
    garbage took a third of the time (bench/directory.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The record of a run ----------------------------------------------------------------------


def import_run_start(
    *,
    source: str,
    kind: str,
    location: str,
    dry_run: bool = False,
    user=None,
    run_id=None,
    upload: bytes | None = None,
) -> ImportRun:
    values = {
        "source": source,
        "kind": kind,
        "location": location[:500],
        "dry_run": dry_run,
        "upload": upload,
    }
    if run_id is not None:
        values["id"] = run_id
    return ImportRun.objects.create(started_by=user, **values)


def import_run_execute(
    run: ImportRun,
    *,
    url: str | None = None,
    file=None,
    progress: Progress = no_progress,
    timeout: float | None = None,
    max_pages: int | None = None,
) -> ImportRun:
    """Run the import ``run`` describes, keeping its progress (for the page that polls it)
    and then its outcome on the record. Never raises for a failed import: the run says why."""
    last = 0.0

    def record(done: int, total: int, message: str) -> None:
        nonlocal last
        progress(done, total, message)
        now = time.monotonic()
        if done == 0 or done >= total or now - last >= PROGRESS_EVERY:
            last = now
            ImportRun.objects.filter(pk=run.pk).update(
                progress_done=done, progress_total=total, progress_message=message[:255]
            )

    outcome: dict[str, Any] = {}
    try:
        report = directory_import(
            source=run.source,
            kind=run.kind,
            url=url,
            file=file,
            name=run.location,
            dry_run=run.dry_run,
            progress=record,
            timeout=timeout,
            max_pages=max_pages,
        )
    except ImportAborted as error:
        outcome = {"status": ImportStatus.FAILED, "error": error.message}
    except Exception as error:
        logger.exception("Import %s from %s failed", run.pk, run.location)
        message = UNEXPECTED.format(error=f"{type(error).__name__}: {error}")
        outcome = {"status": ImportStatus.FAILED, "error": message}
    else:
        outcome = {
            "status": ImportStatus.SUCCEEDED,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.rejected),
            "rejections": [r.as_dict() for r in report.rejected],
            "left_out": report.left_out,
        }
    outcome["finished_at"] = timezone.now()
    for field, value in outcome.items():
        setattr(run, field, value)
    run.save(update_fields=list(outcome))
    run.refresh_from_db()
    return run

"""Background work of the directory, run by the task worker (``manage.py db_worker``)."""

import io

from django_tasks import task

from .checking import feed_check_execute, scheduled_check_run
from .importing import import_run_execute
from .models.checks import FeedCheck
from .models.imports import ImportRun


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
    """Run a check started on the feed checks page (``checking``)."""
    check = FeedCheck.objects.get(pk=check_id)
    return feed_check_execute(check).status


@task()
def run_scheduled_check(check_id: str) -> str:
    """Run a check from the schedule, then schedule the next (``checking.run``)."""
    check = scheduled_check_run(check_id)
    return check.status if check else "not scheduled"

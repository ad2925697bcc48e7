"""Background work of the directory, run by the task worker (``manage.py db_worker``)."""

import io

from django_tasks import task

from .importing import import_run_execute
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

"""Background work of the impact app, run by the task worker (``manage.py db_worker``)."""

from django_tasks import task

from .services import report_make


@task()
def make_report(report_id: str) -> None:
    """Make a report someone asked for on the dashboard (``services.report_ask``)."""
    report_make(report_id=report_id)

"""Writes of the impact app: reports made in the background, and the record of each
download."""

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from alongside.accounts.models import Role, User

from . import extract, report
from .figures import Scope
from .forms import DashboardForm
from .models import Download, Format, Report, ReportStatus

log = logging.getLogger(__name__)

REPORTS = {  # what each background report is called, its file name's stem and its type
    Format.PDF: ("PDF report", "report", "application/pdf"),
    Format.XLSX: (
        "Every figure",
        "figures",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    Format.EXTRACT: ("Evaluator's extract", "extract", "application/zip"),
}
FAILED = (
    "Something went wrong while making it. Ask for it again; if it goes wrong again, tell "
    "your administrator."
)


def may_ask(user: User, format: str) -> bool:
    """Everyone who sees figures may ask for the PDF and the workbook; only managers for the
    evaluator's extract (pseudonymised records are still personal data)."""
    return format in REPORTS and (format != Format.EXTRACT or user.role == Role.MANAGER)


def file_name(scope: Scope, what: str) -> str:
    return f"alongside-{what}-{scope.start:%Y-%m-%d}-to-{scope.end:%Y-%m-%d}"


def download_record(
    *,
    user: User,
    what: str,
    format: str,
    areas: str,
    start: date,
    end: date,
    hidden: bool,
) -> Download:
    """Keep that ``user`` downloaded ``what`` for these areas and period."""
    return Download.objects.create(
        user=user,
        user_name=user.get_full_name() or user.email,
        what=what[:200],
        format=format,
        areas=areas,
        start=start,
        end=end,
        small_numbers_hidden=hidden,
    )


def area_names(scope: Scope) -> str:
    return ", ".join(scope.areas.order_by("name").values_list("name", flat=True))


def figure_downloaded(*, user: User, what: str, format: str, scope: Scope) -> Download:
    return download_record(
        user=user,
        what=what,
        format=format,
        areas=area_names(scope),
        start=scope.start,
        end=scope.end,
        hidden=scope.suppress,
    )


def report_downloaded(*, user: User, made: Report) -> Download:
    assert made.start and made.end, "only a report that is made is downloaded"
    return download_record(
        user=user,
        what=REPORTS[Format(made.format)][0],
        format=made.format,
        areas=made.areas,
        start=made.start,
        end=made.end,
        hidden=bool(made.small_numbers_hidden),
    )


def content_type(made: Report) -> str:
    return REPORTS[Format(made.format)][2]


def reports_clear(*, now: datetime | None = None) -> int:
    """Delete every report kept past its time; how many there were."""
    deleted, _ = Report.objects.filter(kept_until__lte=now or timezone.now()).delete()
    return deleted


def report_ask(*, user: User, format: str, choices: dict[str, Any]) -> Report:
    """Keep that ``user`` asks for a report of ``format`` for what was chosen on the
    dashboard (its form's data, the period already settled), for the background worker to
    make (``tasks.make_report``)."""
    reports_clear()
    made = Report.objects.create(
        user=user,
        format=format,
        choices=choices,
        kept_until=timezone.now() + timedelta(hours=settings.ALONGSIDE_REPORTS_KEPT_HOURS),
        progress_message="Waiting for its turn",
    )
    return made


def _progress(made: Report, total: int) -> Callable[[str], None]:
    def step(message: str) -> None:
        Report.objects.filter(pk=made.pk).update(
            progress_done=F("progress_done") + 1, progress_message=message[:200]
        )

    Report.objects.filter(pk=made.pk).update(
        status=ReportStatus.MAKING, progress_total=total, progress_done=0
    )
    return step


def _finish(made: Report, **fields: Any) -> None:
    Report.objects.filter(pk=made.pk).update(finished_at=timezone.now(), **fields)


def report_make(*, report_id: str) -> None:
    """Make the report: the figures counted again, as the dashboard counts them for whoever
    asked, with what they may see today."""
    made = Report.objects.select_related("user").filter(pk=report_id).first()
    if made is None or made.status != ReportStatus.WAITING:
        return  # deleted, or already made
    user = made.user
    format = Format(made.format)
    if not user.is_active or not may_ask(user, format):
        _finish(made, status=ReportStatus.FAILED, failure="You can no longer ask for this.")
        return
    form = DashboardForm(made.choices, user=user, today=timezone.localdate(made.asked_at))
    if not form.is_valid():
        problems = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        _finish(made, status=ReportStatus.FAILED, failure=f"What was chosen: {problems}.")
        return
    scope = form.scope()
    if format == Format.PDF:
        scope = replace(scope, suppress=True)  # its readers may not see the people
    try:
        content = _content(made, format, user, scope)
    except Exception:
        log.exception("Report %s could not be made", made.pk)
        _finish(made, status=ReportStatus.FAILED, failure=FAILED)
        return
    _finish(
        made,
        status=ReportStatus.READY,
        content=content,
        file_name=f"{file_name(scope, REPORTS[format][1])}.{format.value}",
        areas=area_names(scope),
        start=scope.start,
        end=scope.end,
        small_numbers_hidden=scope.suppress,
        progress_message="Ready",
        progress_done=F("progress_total"),
    )


def _content(made: Report, format: Format, user: User, scope: Scope) -> bytes:
    if format == Format.EXTRACT:
        step = _progress(made, len(extract.FILES))
        return extract.extract_zip(user=user, scope=scope, progress=step)
    step = _progress(made, report.STEPS + 1)
    found = report.tables_of(scope, step)
    if format == Format.XLSX:
        step("Writing the workbook")
        return report.workbook_of(scope, found)
    step("Laying out the pages")
    return bytes(report.pdf_of(scope, found).write_pdf())

"""Everything the dashboard, its downloads and the PDF report show for a scope, worked out
once: the figures in their sections, networks and wellbeing, cost avoidance and social
value, with their charts drawn."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from alongside.pdf import pdf_document
from alongside.spreadsheets import xlsx_bytes

from . import charts, costs, figures, social_value, statistics
from .suppression import HOW_HIDDEN

if TYPE_CHECKING:
    import weasyprint


@dataclass(frozen=True)
class Tables:
    sections: list[tuple[str, list[figures.Figure]]]
    networks: statistics.Statistics
    wellbeing: statistics.Statistics
    costs: costs.CostAvoidance
    value: social_value.SocialValue

    def all(self) -> list:
        """Every table, in the dashboard's order, each with ``key``, ``title``, ``how`` and
        ``spreadsheet_rows()``."""
        return [
            *(f for _, found in self.sections for f in found),
            self.networks,
            self.wellbeing,
            self.costs,
            self.value,
        ]


Progress = Callable[[str], None]  # told, before each step, what is being counted next


def quiet(message: str) -> None:
    """Progress told to nobody."""


STEPS = len(figures.SECTIONS) + 4  # the steps ``tables_of`` tells its progress of


def tables_of(scope: figures.Scope, progress: Progress = quiet) -> Tables:
    sections = []
    for title, build in figures.SECTIONS:
        progress(f"Counting {title.lower()}")
        sections.append((title, build(scope)))
    progress("Counting network change")
    networks = statistics.networks(scope)
    progress("Counting wellbeing change")
    wellbeing = statistics.wellbeing(scope)
    progress("Working out cost avoidance")
    cost = costs.cost_avoidance(scope)
    progress("Working out social value")
    value = social_value.social_value(scope)
    return Tables(sections, networks, wellbeing, cost, value)


def workbook_of(scope: figures.Scope, found: Tables) -> bytes:
    """Every figure, a sheet each, after a sheet of what they count and how."""
    tables = found.all()
    about = [
        ["Alongside: impact figures"],
        ["Areas", ", ".join(scope.areas.order_by("name").values_list("name", flat=True))],
        ["From", scope.start.isoformat()],
        ["To", scope.end.isoformat()],
        ["Money in the prices of", scope.prices],
        ["Small numbers", HOW_HIDDEN if scope.suppress else "Not hidden: for a manager only."],
        *([t.title, t.how] for t in tables),
    ]
    return xlsx_bytes(
        [("About these figures", about), *((t.title, t.spreadsheet_rows()) for t in tables)]
    )


def _svg(markup: str) -> SafeString:
    """A chart from ``charts``, whose every word is escaped there."""
    return mark_safe(markup)  # noqa: S308 - charts escape every text they draw


def report_of(scope: figures.Scope, found: Tables | None = None) -> dict:
    """What the dashboard's and the PDF's templates show for ``scope`` (its tables, if they
    are already counted)."""
    found = found or tables_of(scope)
    cost, value = found.costs, found.value
    return {
        "scope": scope,
        "area_names": list(scope.areas.order_by("name").values_list("name", flat=True)),
        "how_hidden": HOW_HIDDEN if scope.suppress else "",
        "sections": [
            (title, [(f, _svg(charts.bars(f)), charts.bars_measure(f)) for f in figures_])
            for title, figures_ in found.sections
        ],
        "costs": cost,
        "costs_chart": _svg(
            charts.labelled_bars(
                f"{cost.title}, by confidence",
                [*cost.levels, "Confirmed by a service"],
                [*cost.by_level, cost.confirmed],
                words=costs.pounds,
            )
        ),
        "value": value,
        "value_chart": _svg(
            charts.labelled_bars(
                "Present value of each outcome",
                [line.name for line in value.lines],
                [line.present for line in value.lines],
                words=social_value.money,
            )
        ),
        "statistics": [(s, _svg(charts.pairs(s))) for s in (found.networks, found.wellbeing)],
    }


def pdf_context(scope: figures.Scope, found: Tables | None = None) -> dict:
    return {**report_of(scope, found), "pdf": True, "today": timezone.localdate()}


def pdf_of(scope: figures.Scope, found: Tables | None = None) -> "weasyprint.Document":
    return pdf_document("impact/report_pdf.html", pdf_context(scope, found))

"""The dashboard's bar charts, drawn as SVG on the server: they print, need no JavaScript,
and always sit beside a table of the same numbers (the table is what screen readers read;
the chart is a picture of it). A hidden count has no bar, and says so."""

from html import escape

from .figures import Figure
from .statistics import Statistics
from .suppression import HIDDEN_IN_TABLES

WIDTH = 360
LABEL_H, BAR_H, GAP = 16, 14, 10
ROW_H = LABEL_H + BAR_H + GAP
BAR = "#1d70b8"  # GOV.UK blue
TEXT = "#0b0c0c"
MUTED = "#505a5f"
VALUE_W = 64  # room for the number after the longest bar


def bars(figure: Figure) -> str:
    """A bar for each row of ``figure``: its total when the table adds up across, otherwise
    its first column (what the chart says it shows)."""
    t = figure.table
    values = [
        (t.shown_row_total(r) if t.across and len(figure.columns) > 1 else t.shown(r, 0))
        for r in range(len(figure.rows))
    ]
    return labelled_bars(f"{figure.title}: {bars_measure(figure)}", figure.rows, values)


def labelled_bars(
    title: str, labels: list[str], values: list, words=lambda value: f"{value:,}"
) -> str:
    """A bar for each label, as long as its value (None: hidden, no bar), with the value
    in ``words`` after it."""
    largest = max((v for v in values if v), default=0)
    room = max(VALUE_W, 8 * max((len(words(v)) for v in values if v is not None), default=0))
    height = ROW_H * len(labels) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="app-chart" role="img" aria-label="{escape(title)}" '
        'font-family="Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        top = i * ROW_H
        parts.append(f'<text x="0" y="{top + 12}" fill="{TEXT}">{escape(_short(label))}</text>')
        bar_top = top + LABEL_H
        if value is None:
            parts.append(f'<text x="0" y="{bar_top + 11}" fill="{MUTED}">{HIDDEN_IN_TABLES}</text>')
            continue
        width = float((WIDTH - room) * value / largest) if largest else 0.0
        if value:
            parts.append(
                f'<rect x="0" y="{bar_top}" width="{max(width, 2):.1f}" height="{BAR_H}" '
                f'fill="{BAR}"/>'
            )
        parts.append(
            f'<text x="{width + 6:.1f}" y="{bar_top + 11}" fill="{TEXT}">'
            f"{escape(words(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_measure(figure: Figure) -> str:
    """What the bars show, in words."""
    if figure.table.across and len(figure.columns) > 1:
        return f"all {figure.unit}, by {figure.row_heading.lower()}"
    return f"{figure.columns[0].lower()}, by {figure.row_heading.lower()}"


def _short(label: str, most: int = 48) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


FIRST = "#b1b4b6"  # GOV.UK mid grey: the first value, the blue one the latest


def pairs(statistics: Statistics) -> str:
    """For each row, a grey bar (first) and a blue one (latest) for each pair of values: a
    network's median size then and now, a measure's mean score at baseline and latest."""
    scale = [
        max((max(pair) for row in statistics.rows if (pair := row.pairs[j])), default=0)
        for j in range(len(statistics.pair_names))
    ]
    per_pair = 14 + 2 * (BAR_H - 2 + 4)
    row_h = LABEL_H + per_pair * len(statistics.pair_names) + GAP
    height = 24 + row_h * len(statistics.rows)
    title = f"{statistics.title}: first (grey) and latest (blue)"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="app-chart" role="img" aria-label="{escape(title)}" '
        'font-family="Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="4" width="12" height="12" fill="{FIRST}"/>'
        f'<text x="18" y="14" fill="{TEXT}">first</text>'
        f'<rect x="70" y="4" width="12" height="12" fill="{BAR}"/>'
        f'<text x="88" y="14" fill="{TEXT}">latest</text>',
    ]
    for i, row in enumerate(statistics.rows):
        top = 24 + i * row_h
        parts.append(f'<text x="0" y="{top + 12}" fill="{TEXT}">{escape(_short(row.label))}</text>')
        y = top + LABEL_H
        for j, name in enumerate(statistics.pair_names):
            pair = row.pairs[j]
            parts.append(
                f'<text x="0" y="{y + 11}" fill="{MUTED}" font-size="11">{escape(name)}</text>'
            )
            if pair is None:
                parts.append(
                    f'<text x="120" y="{y + 11}" fill="{MUTED}" font-size="11">'
                    f"{'fewer than 5 people' if row.people else 'nobody'}</text>"
                )
            else:
                for k, (value, colour) in enumerate(zip(pair, (FIRST, BAR), strict=True)):
                    bar_y = y + 14 + k * (BAR_H + 2)
                    width = (WIDTH - VALUE_W) * value / scale[j] if scale[j] else 0
                    parts.append(
                        f'<rect x="0" y="{bar_y}" width="{max(width, 2):.1f}" '
                        f'height="{BAR_H - 2}" fill="{colour}"/>'
                        f'<text x="{width + 6:.1f}" y="{bar_y + 10}" fill="{TEXT}" '
                        f'font-size="11">{value:g}</text>'
                    )
            y += per_pair
    parts.append("</svg>")
    return "".join(parts)

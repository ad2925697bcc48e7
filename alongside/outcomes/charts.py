"""Small line charts drawn as SVG on the server: they print, need no JavaScript, and always sit
next to a table of the same numbers."""

from datetime import date
from html import escape

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 14, 30
LINE = "#1d70b8"  # GOV.UK blue: strong contrast on white


def line_chart(points: list[tuple[date, float]], *, low: float, high: float, title: str) -> str:
    """A chart of values between ``low`` and ``high`` over time, oldest on the left."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    if len(points) > 1:
        first, last = points[0][0].toordinal(), points[-1][0].toordinal()
        span = max(last - first, 1)
        xs = [LEFT + plot_w * (d.toordinal() - first) / span for d, _ in points]
    else:
        xs = [LEFT + plot_w / 2 for _ in points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" font-family="Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    for value in (low, (low + high) / 2, high):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#505a5f">'
            f"{value:g}</text>"
        )
    coords = [(x, y(v)) for x, (_, v) in zip(xs, points, strict=True)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for (x, yy), (d, v) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="5" fill="{LINE}" stroke="#fff" '
            f'stroke-width="2"><title>{d:%-d %b %Y}: {v:g}</title></circle>'
        )
    if points:
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 8}" fill="#505a5f">{points[0][0]:%b %Y}</text>'
        )
        if len(points) > 1:
            parts.append(
                f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end" fill="#505a5f">'
                f"{points[-1][0]:%b %Y}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)

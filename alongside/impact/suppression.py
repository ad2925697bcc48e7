"""Small numbers: the one place that decides what a figure shows to someone who may not see
the people behind it. A count from 1 to 4 could pick someone out, so it is hidden."""

SUPPRESS_BELOW = 5
HIDDEN = "fewer than 5"


def shown_count(n: int) -> int | None:
    """``n``, or None when it is 1 to 4."""
    return n if n == 0 or n >= SUPPRESS_BELOW else None


def count_words(n: int) -> str:
    """``n`` as the page shows it: "fewer than 5" for 1 to 4."""
    shown = shown_count(n)
    return HIDDEN if shown is None else str(shown)

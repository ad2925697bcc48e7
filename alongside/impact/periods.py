"""Periods the figures are counted over: financial years (1 April to 31 March) and the last
12 months."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def first_year_of(day: date) -> int:
    """The calendar year the financial year of ``day`` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(day: date) -> str:
    """The financial year ``day`` is in, as "2026/27"."""
    first = first_year_of(day)
    return f"{first}/{(first + 1) % 100:02d}"


def financial_year(today: date, *, back: int = 0) -> tuple[date, date]:
    """The financial year ``today`` is in (or ``back`` years before), to today at most."""
    first = first_year_of(today) - back
    return date(first, 4, 1), min(date(first + 1, 3, 31), today)


def last_12_months(today: date) -> tuple[date, date]:
    """From the day after this day a year ago (28 February for 29 February) to today."""
    return today - relativedelta(years=1) + timedelta(days=1), today

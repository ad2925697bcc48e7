"""What makes a directory value possible, in one place: the resource form and every import
check against these, so that nothing comes in by a feed that the form would refuse."""

import re
from decimal import Decimal, InvalidOperation

YOUNGEST, OLDEST = 0, 120  # ages in years
# A time zone after the time, as ORUK 3.0 asks for: Z for UTC, or an offset (-05:00).
_TIME = re.compile(
    r"^([01]?\d|2[0-3])[:.]?([0-5]\d)(?::([0-5]\d))?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$"
)


def time_of_day(value: object) -> str | None:
    """``value`` as "HH:MM" when it is a time of day (09:30, 9.30, 0930, 09:30:00, and with
    ORUK's time zone: 09:30Z, 09:30-05:00); None when it is not one (25:99, "noon")."""
    match = _TIME.match(str(value).strip())
    if not match:
        return None
    return f"{int(match.group(1)):02}:{match.group(2)}"


def age(value: object) -> int | None:
    """``value`` as an age in whole years from YOUNGEST to OLDEST; None when it is not one."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if number != number.to_integral_value() or not YOUNGEST <= number <= OLDEST:
        return None
    return int(number)


def ages_in_order(youngest: int | None, oldest: int | None) -> bool:
    return youngest is None or oldest is None or youngest <= oldest


def coordinate(value: object, limit: int) -> Decimal | None:
    """``value`` as a latitude (``limit`` 90) or longitude (180) in degrees; None when it is
    not a number or out of range."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() and -limit <= number <= limit else None

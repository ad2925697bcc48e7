"""Checks and tidying for what coordinators type: UK postcodes and phone numbers.

Messages are constants so that tests assert the very words a coordinator sees.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError

POSTCODE_INVALID = "Enter a real UK postcode, like LS6 1AB"
PHONE_INVALID = "Enter a UK phone number, like 0113 496 0000 or 07700 900 982"
DATE_IN_FUTURE = "The date cannot be in the future"
DATE_OF_BIRTH_IN_FUTURE = "Date of birth must be in the past"
DATE_INVALID = "Enter a real date, like 27 3 2007"
NAME_REQUIRED = "Enter the person's name"
STALE_VERSION = (
    "Someone else saved a change to this while you were editing it. Nothing you typed has been "
    "lost, and nothing has been overwritten: check their change below, then save again."
)


def too_long(label: str, limit: int) -> str:
    return f"{label} must be {limit:,} characters or fewer"


_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]"
    r"(?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Return the postcode in its standard form (``LS6 1AB``) or raise ValidationError."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not _POSTCODE.match(compact):
        raise ValidationError(POSTCODE_INVALID, code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_phone(value: str) -> str:
    """Return a UK phone number in national format (``07700 900982``) or raise ValidationError."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_INVALID, code="phone") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise ValidationError(PHONE_INVALID, code="phone")
    if number.country_code != 44:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# Parts of postcodes an area covers: districts (LS6), sectors (LS6 1) and full postcodes.
_DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_SECTOR = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d$")
_UNIT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")
NOT_A_POSTCODE_PART = (
    "{value!r} is not a postcode district (LS6), sector (LS6 1) or full postcode (LS6 1AB)"
)


def _tidy_part(value: str) -> str:
    compact = "".join(value.split()).upper()
    if len(compact) >= 5 and compact[-3].isdigit() and compact[-2:].isalpha():
        return f"{compact[:-3]} {compact[-3:]}"
    if len(compact) >= 3 and compact[-1].isdigit() and _DISTRICT.match(compact[:-1]):
        return f"{compact[:-1]} {compact[-1]}"
    return compact


def postcode_parts(text: str) -> list[str]:
    """The postcode districts, sectors and full postcodes listed in ``text`` (commas,
    semicolons or lines between them), tidied (``LS6 1``), each once; ``ValueError`` naming
    the first that is none of those."""
    found: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        if not part.strip():
            continue
        value = _tidy_part(part)
        if not (_DISTRICT.match(value) or _SECTOR.match(value) or _UNIT.match(value)):
            raise ValueError(NOT_A_POSTCODE_PART.format(value=part.strip()))
        if value not in found:
            found.append(value)
    return found


def postcode_keys(postcode: str) -> list[str]:
    """What a full postcode may be listed as, most exact first: LS6 1AB, LS6 1, LS6."""
    unit = _tidy_part(postcode)
    outward, _, inward = unit.partition(" ")
    return [unit, f"{outward} {inward[:1]}", outward] if inward else [unit]


# Record ids in addresses -------------------------------------------------------------------

_ID = re.compile(r"[0-9]{1,19}")
LARGEST_ID = 2**63 - 1  # the largest a database's bigint (and Django's BigAutoField) holds


def record_id(value: object) -> int | None:
    """The record id a query string or form sent (``?area=3``), or None for anything that
    is not one: blank, words, other scripts' digits (``²``), signs, or too large for the
    database. Pages treat None as "none chosen" or "not found", never as a crash."""
    text = str(value or "").strip()
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_ID else None

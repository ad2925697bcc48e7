"""What the two phases of an import hand each other: the records read from a source, the
records rejected and why, and notes of what the directory does not keep."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

DUPLICATE_ID = "The id {id!r} is used by {count} records in the source; none of them was imported."

# progress(done, total, message)
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    pass


class ImportAborted(Exception):
    """A problem with the source as a whole (unreachable, timed out, broken JSON or CSV, page
    counts that do not add up): the import stops and nothing is changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RecordError(ValueError):
    """A problem with one record: that record is rejected, with this message as the reason."""


@dataclass(frozen=True)
class Rejected:
    record_id: str
    name: str
    reason: str

    def as_dict(self) -> dict:
        return {"id": self.record_id, "name": self.name, "reason": self.reason}


@dataclass
class Candidate:
    """One record read from the source, in ORUK 3.0 JSON: a service (the usual case), or an
    organization or taxonomy that no service brings with it."""

    kind: str  # "service", "organization" or "taxonomy"
    record_id: str
    name: str
    data: dict


@dataclass
class Batch:
    records: list[Candidate] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    # The id of every service the source lists, when the whole source was read (a feed):
    # what it no longer lists is withdrawn here.
    listed: set[str] | None = None

    def reject(self, data, reason: str) -> None:
        self.rejected.append(Rejected(record_id(data), record_name(data), reason))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    dry_run: bool = False


def record_id(data) -> str:
    value = data.get("id") if isinstance(data, dict) else None
    return "" if value is None else str(value)[:255]


def record_name(data) -> str:
    value = data.get("name") if isinstance(data, dict) else None
    return "" if value is None else str(value)[:255]


def repeated(values) -> set:
    """The values that occur more than once."""
    return {value for value, n in Counter(values).items() if n > 1}

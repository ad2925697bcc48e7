"""Wellbeing and loneliness measures, as data, and their scoring as published.

This module is pure Python: no database and no Django. It defines the questions people are
asked (``MEASURES``) and works out scores from their answers (``score``). A score is always
computed from the answers the person gave. Nobody types a score in.

Measures (codes are the keys of ``MEASURES``):

- ``ons4``: ONS4 personal wellbeing. Four questions, each answered 0-10. The item codes are
  the measure codes in ``data/ons4_thresholds.csv``: ``life_satisfaction``, ``worthwhile``,
  ``happiness`` and ``anxiety``. Each answer is reported on its own, with the band from that
  CSV. The four are never added up. Anxiety bands run the other way (high is worse). The bands
  come from the CSV, not from this code.
- ``swemwbs``: Short Warwick-Edinburgh Mental Wellbeing Scale. Seven items, answered 1-5. The
  raw score is the sum (7-35). It is converted to the metric score with
  ``data/swemwbs_raw_to_metric.csv`` (Rasch conversion, Stewart-Brown et al. 2009). The metric
  score is the ``value``; the raw score is given in the ``note``. The scale needs the
  organisation's registration with the University of Warwick (``needs_registration``). Its
  copyright line must be shown with the items.
- ``ucla3``: UCLA 3-item loneliness scale (Hughes et al. 2004). Answered 1-3, totalled 3-9.
  A total of ``UCLA_LONELY_FROM`` (6) or more is banded "lonely"; anything lower is banded
  "not lonely".
- ``ons_lonely``: the ONS direct question "How often do you feel lonely?". The answers are
  coded Often/always = 1, Some of the time = 2, Occasionally = 3, Hardly ever = 4, Never = 5.
  A lower number means lonelier, which is the opposite direction to UCLA. The score's
  ``value`` is that code and its ``note`` is the exact answer label. "Often/always" is banded
  "chronic loneliness"; the other answers have no band.

Partly answered measures:

- SWEMWBS and UCLA 3-item are *scales*: one score from all the items together. If any item is
  missing (absent or ``None``), the result is ``complete=False`` with no scores at all, and
  ``reason`` says why. A partial score is never given.
- ONS4 is four separate single-question measures that are reported separately. Each answered
  question is still scored and banded, but the result is marked ``complete=False``. Its
  ``reason`` names the questions that were not answered. If no question was answered, there
  are no scores.
- The direct question has a single item. If it is unanswered, there is no score.

Invalid input is a programming or form error, not an incomplete answer. ``score`` raises
``ValueError`` for an unknown measure, an unknown item code, or an answer that is not one of
the item's options (for example 6 on SWEMWBS, 11 on ONS4, 0 on UCLA, or a bool or string).

The two CSV tables are read and checked when this module is imported. If either is missing or
broken, ``MeasureDataError`` is raised with the file, the line and what is wrong.
"""

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

DATA_DIR = Path(__file__).resolve().parent / "data"
ONS4_THRESHOLDS_CSV = DATA_DIR / "ons4_thresholds.csv"
SWEMWBS_TABLE_CSV = DATA_DIR / "swemwbs_raw_to_metric.csv"

#: UCLA 3-item totals from this value up (to 9) are banded "lonely". Six is the commonly used
#: cut-off. It is configurable: an organisation that reports a different cut-off can change
#: this constant. ``score`` reads it each time it is called.
UCLA_LONELY_FROM = 6

#: Smallest change in SWEMWBS *metric* score that counts as a meaningful individual change.
#: It is about 3 points: 2.77 x SEM of 1.03 (Shah et al. 2018).
SWEMWBS_MEANINGFUL_CHANGE = 3

SWEMWBS_RAW_MIN = 7
SWEMWBS_RAW_MAX = 35
ONS4_MIN = 0
ONS4_MAX = 10

CHRONIC_LONELINESS = "chronic loneliness"
LONELY = "lonely"
NOT_LONELY = "not lonely"

BETTER = "better"
WORSE = "worse"
NO_MEANINGFUL_CHANGE = "no meaningful change"


class MeasureDataError(RuntimeError):
    """A measure data file that ships with the app is missing or broken."""


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    intro: str
    items: tuple[Item, ...]
    copyright: str = ""
    needs_registration: bool = False


@dataclass(frozen=True)
class Score:
    label: str
    value: float | int | None
    band: str = ""
    note: str = ""


@dataclass(frozen=True)
class Result:
    measure: str
    complete: bool
    scores: tuple[Score, ...]
    reason: str = ""


@dataclass(frozen=True)
class Band:
    """One band of an ONS4 question: answers from ``min`` to ``max`` inclusive."""

    name: str
    min: int
    max: int


@dataclass(frozen=True)
class Ons4Question:
    """One ONS4 question as given in ``ons4_thresholds.csv``."""

    code: str
    question: str
    anchor_0: str
    anchor_10: str
    bands: tuple[Band, ...]

    def band_for(self, value: int) -> str:
        for band in self.bands:
            if band.min <= value <= band.max:
                return band.name
        raise ValueError(f"{value!r} is outside 0-10 for ONS4 {self.code!r}")


# ---------------------------------------------------------------------------------------------
# Loading and checking the data files


ONS4_CODES = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
_ONS4_HEADER = ["measure", "question", "scale_anchor_0", "scale_anchor_10", "band", "min", "max"]
_SWEMWBS_HEADER = ["raw_score", "metric_score"]


def _read_rows(path: Path, header: list[str]) -> list[tuple[int, list[str]]]:
    """The data rows of a CSV file with the given header, each with its line number."""
    try:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise MeasureDataError(f"{path}: cannot read the measure data file ({e}).") from e
    if not rows or rows[0] != header:
        found = rows[0] if rows else "nothing"
        raise MeasureDataError(f"{path}: the header must be {','.join(header)}; found {found}.")
    numbered = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise MeasureDataError(
                f"{path}, line {number}: expected {len(header)} columns, found {len(row)}."
            )
        numbered.append((number, row))
    return numbered


def load_swemwbs_table(path: Path = SWEMWBS_TABLE_CSV) -> Mapping[int, float]:
    """Read the SWEMWBS raw-to-metric table. Every raw score from 7 to 35 must appear exactly
    once, and the metric scores must rise with the raw score."""
    table: dict[int, float] = {}
    for number, (raw_text, metric_text) in _read_rows(path, _SWEMWBS_HEADER):
        try:
            raw = int(raw_text)
            metric_decimal = Decimal(metric_text.strip())
            if not metric_decimal.is_finite():
                raise ValueError(metric_text)
            metric = float(metric_decimal)
        except (ValueError, ArithmeticError) as e:
            raise MeasureDataError(
                f"{path}, line {number}: {raw_text!r}, {metric_text!r} is not a raw score "
                f"and a metric score."
            ) from e
        if not SWEMWBS_RAW_MIN <= raw <= SWEMWBS_RAW_MAX:
            raise MeasureDataError(
                f"{path}, line {number}: raw score {raw} is outside "
                f"{SWEMWBS_RAW_MIN}-{SWEMWBS_RAW_MAX}."
            )
        if raw in table:
            raise MeasureDataError(f"{path}, line {number}: raw score {raw} appears twice.")
        table[raw] = metric
    missing = [r for r in range(SWEMWBS_RAW_MIN, SWEMWBS_RAW_MAX + 1) if r not in table]
    if missing:
        raise MeasureDataError(
            f"{path}: raw scores {', '.join(map(str, missing))} are missing; the table must "
            f"cover every raw score from {SWEMWBS_RAW_MIN} to {SWEMWBS_RAW_MAX}."
        )
    for raw in range(SWEMWBS_RAW_MIN + 1, SWEMWBS_RAW_MAX + 1):
        if table[raw] <= table[raw - 1]:
            raise MeasureDataError(
                f"{path}: the metric score for raw {raw} ({table[raw]}) is not above the one "
                f"for raw {raw - 1} ({table[raw - 1]})."
            )
    return MappingProxyType(dict(sorted(table.items())))


def load_ons4_table(path: Path = ONS4_THRESHOLDS_CSV) -> Mapping[str, Ons4Question]:
    """Read the ONS4 questions, anchors and bands. Each of the four measures must have its
    question and both anchors on its first row. Its bands must run from 0 to 10 in order,
    with no gap and no overlap."""
    found: dict[str, dict] = {}
    for number, row in _read_rows(path, _ONS4_HEADER):
        code, question, anchor_0, anchor_10, band, low_text, high_text = (c.strip() for c in row)
        if code not in ONS4_CODES:
            raise MeasureDataError(
                f"{path}, line {number}: unknown measure {code!r}; expected one of "
                f"{', '.join(ONS4_CODES)}."
            )
        entry = found.get(code)
        if entry is None:
            if not (question and anchor_0 and anchor_10):
                raise MeasureDataError(
                    f"{path}, line {number}: the first row for {code!r} must give the "
                    f"question and both scale anchors."
                )
            entry = found[code] = {
                "question": question,
                "anchor_0": anchor_0,
                "anchor_10": anchor_10,
                "bands": [],
            }
        else:
            for column, value in (
                ("question", question),
                ("anchor_0", anchor_0),
                ("anchor_10", anchor_10),
            ):
                if value and value != entry[column]:
                    raise MeasureDataError(
                        f"{path}, line {number}: {code!r} has a different {column} from its "
                        f"first row."
                    )
        try:
            low, high = int(low_text), int(high_text)
        except ValueError as e:
            raise MeasureDataError(
                f"{path}, line {number}: band min and max must be whole numbers; found "
                f"{low_text!r} and {high_text!r}."
            ) from e
        if not band:
            raise MeasureDataError(f"{path}, line {number}: the band has no name.")
        if low > high:
            raise MeasureDataError(
                f"{path}, line {number}: band {band!r} runs from {low} down to {high}."
            )
        entry["bands"].append((number, Band(band, low, high)))

    missing = [code for code in ONS4_CODES if code not in found]
    if missing:
        raise MeasureDataError(f"{path}: no rows for {', '.join(missing)}.")

    table: dict[str, Ons4Question] = {}
    for code in ONS4_CODES:
        entry = found[code]
        expected_min = ONS4_MIN
        names: set[str] = set()
        for number, band in entry["bands"]:
            if band.min != expected_min and expected_min == ONS4_MIN:
                raise MeasureDataError(
                    f"{path}, line {number}: the first band of {code!r} must start at "
                    f"{ONS4_MIN}, not {band.min}."
                )
            if band.min != expected_min:
                what = "a gap" if band.min > expected_min else "an overlap"
                raise MeasureDataError(
                    f"{path}, line {number}: band {band.name!r} of {code!r} starts at "
                    f"{band.min}, but the band before ends at {expected_min - 1} "
                    f"({what}); bands must cover {ONS4_MIN}-{ONS4_MAX} in order."
                )
            if band.name in names:
                raise MeasureDataError(
                    f"{path}, line {number}: {code!r} has band {band.name!r} twice."
                )
            names.add(band.name)
            expected_min = band.max + 1
        if expected_min != ONS4_MAX + 1:
            raise MeasureDataError(
                f"{path}: the bands of {code!r} end at {expected_min - 1}; they must reach "
                f"{ONS4_MAX}."
            )
        table[code] = Ons4Question(
            code=code,
            question=entry["question"],
            anchor_0=entry["anchor_0"],
            anchor_10=entry["anchor_10"],
            bands=tuple(band for _, band in entry["bands"]),
        )
    return MappingProxyType(table)


#: SWEMWBS raw score (7-35) -> metric score, from ``data/swemwbs_raw_to_metric.csv``.
SWEMWBS_RAW_TO_METRIC: Mapping[int, float] = load_swemwbs_table()

#: ONS4 question code -> question, anchors and bands, from ``data/ons4_thresholds.csv``.
ONS4_TABLE: Mapping[str, Ons4Question] = load_ons4_table()


# ---------------------------------------------------------------------------------------------
# The measures

#: The ONS4 questions as worded in the ONS harmonised standard. The CSV gives the anxiety
#: question in short form ("Overall, how anxious did you feel yesterday?"). People see the
#: full wording, which says that the scale runs the other way.
_ONS4_WORDING = {
    "life_satisfaction": "Overall, how satisfied are you with your life nowadays?",
    "worthwhile": (
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?"
    ),
    "happiness": "Overall, how happy did you feel yesterday?",
    "anxiety": (
        'On a scale where nought is "not at all anxious" and 10 is "completely anxious", '
        "overall, how anxious did you feel yesterday?"
    ),
}

#: Short names for the ONS4 scores (the ``label`` of each ``Score``).
ONS4_LABELS = {
    "life_satisfaction": "Life satisfaction",
    "worthwhile": "Worthwhile",
    "happiness": "Happiness",
    "anxiety": "Anxiety",
}


def _ons4_item(question: Ons4Question) -> Item:
    options = (
        Option(ONS4_MIN, question.anchor_0),
        *(Option(v, str(v)) for v in range(ONS4_MIN + 1, ONS4_MAX)),
        Option(ONS4_MAX, question.anchor_10),
    )
    return Item(question.code, _ONS4_WORDING[question.code], options)


SWEMWBS_OPTIONS = (
    Option(1, "None of the time"),
    Option(2, "Rarely"),
    Option(3, "Some of the time"),
    Option(4, "Often"),
    Option(5, "All of the time"),
)

UCLA_OPTIONS = (
    Option(1, "Hardly ever or never"),
    Option(2, "Some of the time"),
    Option(3, "Often"),
)

ONS_LONELY_OPTIONS = (
    Option(1, "Often/always"),
    Option(2, "Some of the time"),
    Option(3, "Occasionally"),
    Option(4, "Hardly ever"),
    Option(5, "Never"),
)

MEASURES: dict[str, Measure] = {
    "ons4": Measure(
        code="ons4",
        name="ONS4 personal wellbeing",
        intro=(
            'Please answer each question on a scale of 0 to 10, where 0 is "not at all" and 10 '
            'is "completely".'
        ),
        items=tuple(_ons4_item(ONS4_TABLE[code]) for code in ONS4_CODES),
        copyright="ONS4 questions: Crown copyright, Open Government Licence v3.0.",
    ),
    "swemwbs": Measure(
        code="swemwbs",
        name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
        intro=(
            "Below are some statements about feelings and thoughts. Please tick the box that "
            "best describes your experience of each over the last 2 weeks."
        ),
        items=tuple(
            Item(code, text, SWEMWBS_OPTIONS)
            for code, text in (
                ("optimistic", "I've been feeling optimistic about the future"),
                ("useful", "I've been feeling useful"),
                ("relaxed", "I've been feeling relaxed"),
                ("dealing_with_problems", "I've been dealing with problems well"),
                ("thinking_clearly", "I've been thinking clearly"),
                ("close_to_others", "I've been feeling close to other people"),
                ("own_mind", "I've been able to make up my own mind about things"),
            )
        ),
        copyright=(
            "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) "
            "© University of Warwick 2006, all rights reserved."
        ),
        needs_registration=True,
    ),
    "ucla3": Measure(
        code="ucla3",
        name="UCLA 3-item loneliness scale",
        intro="For each question, choose how often you feel that way.",
        items=tuple(
            Item(code, text, UCLA_OPTIONS)
            for code, text in (
                ("lack_companionship", "How often do you feel that you lack companionship?"),
                ("left_out", "How often do you feel left out?"),
                ("isolated", "How often do you feel isolated from others?"),
            )
        ),
    ),
    "ons_lonely": Measure(
        code="ons_lonely",
        name="ONS direct loneliness question",
        intro="",
        items=(Item("lonely", "How often do you feel lonely?", ONS_LONELY_OPTIONS),),
    ),
}


# ---------------------------------------------------------------------------------------------
# Scoring


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _scale_not_scored(measure: Measure, missing: list[Item], noun: str, short: str) -> Result:
    n, total = len(missing), len(measure.items)
    was = _plural(n, "was", "were")
    return Result(
        measure=measure.code,
        complete=False,
        scores=(),
        reason=(
            f"No score: {n} of {total} {noun} {was} not answered. "
            f"{short} is scored only when all {total} are answered."
        ),
    )


def _score_swemwbs(measure: Measure, answers: dict[str, int], missing: list[Item]) -> Result:
    if missing:
        return _scale_not_scored(measure, missing, "statements", "SWEMWBS")
    raw = sum(answers[item.code] for item in measure.items)
    return Result(
        measure=measure.code,
        complete=True,
        scores=(
            Score(
                label="SWEMWBS metric score",
                value=SWEMWBS_RAW_TO_METRIC[raw],
                note=f"Raw score {raw} (7-35), converted to the metric score.",
            ),
        ),
    )


def _score_ucla3(measure: Measure, answers: dict[str, int], missing: list[Item]) -> Result:
    if missing:
        return _scale_not_scored(measure, missing, "questions", "The UCLA 3-item loneliness scale")
    total = sum(answers[item.code] for item in measure.items)
    return Result(
        measure=measure.code,
        complete=True,
        scores=(
            Score(
                label="UCLA loneliness total",
                value=total,
                band=LONELY if total >= UCLA_LONELY_FROM else NOT_LONELY,
                note=f"3-9, higher is lonelier; {UCLA_LONELY_FROM}-9 is lonely.",
            ),
        ),
    )


def _score_ons4(measure: Measure, answers: dict[str, int], missing: list[Item]) -> Result:
    scores = tuple(
        Score(
            label=ONS4_LABELS[item.code],
            value=answers[item.code],
            band=ONS4_TABLE[item.code].band_for(answers[item.code]),
        )
        for item in measure.items
        if item.code in answers
    )
    if not missing:
        return Result(measure=measure.code, complete=True, scores=scores)
    total = len(measure.items)
    if not scores:
        reason = f"No score: none of the {total} ONS4 questions were answered."
    else:
        n = len(missing)
        names = ", ".join(ONS4_LABELS[item.code] for item in missing)
        reason = (
            f"{n} of {total} ONS4 {_plural(n, 'question was', 'questions were')} not "
            f"answered ({names}). Each ONS4 question is reported on its own, so the answered "
            f"{_plural(len(scores), 'one is', 'ones are')} still shown."
        )
    return Result(measure=measure.code, complete=False, scores=scores, reason=reason)


def _score_ons_lonely(measure: Measure, answers: dict[str, int], missing: list[Item]) -> Result:
    if missing:
        return Result(
            measure=measure.code,
            complete=False,
            scores=(),
            reason="No score: the question was not answered.",
        )
    item = measure.items[0]
    value = answers[item.code]
    label = next(option.label for option in item.options if option.value == value)
    return Result(
        measure=measure.code,
        complete=True,
        scores=(
            Score(
                label="Loneliness (direct question)",
                value=value,
                band=CHRONIC_LONELINESS if value == ONS_LONELY_OPTIONS[0].value else "",
                note=label,
            ),
        ),
    )


_SCORERS = {
    "ons4": _score_ons4,
    "swemwbs": _score_swemwbs,
    "ucla3": _score_ucla3,
    "ons_lonely": _score_ons_lonely,
}


def score(measure_code: str, answers: dict[str, int | None]) -> Result:
    """Score one person's answers to one measure.

    ``answers`` maps item codes to the chosen option's value. An item that is absent or
    ``None`` was not answered. Raises ``ValueError`` for an unknown measure, an unknown item,
    or an answer that is not one of the item's options.
    """
    measure = MEASURES.get(measure_code)
    if measure is None:
        raise ValueError(
            f"Unknown measure {measure_code!r}; the measures are {', '.join(MEASURES)}."
        )
    items = {item.code: item for item in measure.items}
    unknown = [code for code in answers if code not in items]
    if unknown:
        raise ValueError(
            f"{measure.name} has no item {', '.join(map(repr, unknown))}; its items are "
            f"{', '.join(items)}."
        )
    given: dict[str, int] = {}
    for code, value in answers.items():
        if value is None:
            continue
        allowed = [option.value for option in items[code].options]
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValueError(
                f"{measure.name}: {value!r} is out of range for {code!r}; the answer must be "
                f"a whole number from {allowed[0]} to {allowed[-1]}."
            )
        given[code] = value
    missing = [item for item in measure.items if item.code not in given]
    return _SCORERS[measure.code](measure, given, missing)


def meaningful_change(before: Result, after: Result) -> str | None:
    """Whether a person's SWEMWBS metric score changed meaningfully between two results.

    Returns "better" or "worse" when the metric score moved by ``SWEMWBS_MEANINGFUL_CHANGE``
    (3) points or more (Shah et al. 2018), and "no meaningful change" otherwise. Returns
    ``None`` for other measures, or when either result has no score. Raises ``ValueError``
    when the two results are from different measures.
    """
    if before.measure != after.measure:
        raise ValueError(
            f"Cannot compare {before.measure!r} with {after.measure!r}: a change is measured "
            f"between two results of the same measure."
        )
    if before.measure != "swemwbs" or not (before.complete and after.complete):
        return None
    if not (before.scores and after.scores):
        return None
    first, last = before.scores[0].value, after.scores[0].value
    if first is None or last is None:
        return None
    # Metric scores have two decimal places; Decimal keeps 23.43 - 20.43 exactly 3.
    change = Decimal(str(last)) - Decimal(str(first))
    if change >= SWEMWBS_MEANINGFUL_CHANGE:
        return BETTER
    if change <= -SWEMWBS_MEANINGFUL_CHANGE:
        return WORSE
    return NO_MEANINGFUL_CHANGE

"""Measure definitions and scoring: pure functions, no database.

The published tables are read here independently of ``measures.py`` (with the csv module), so
a mistake in the module's loader cannot hide a mistake in its scoring. A few rows are also
typed in by hand from the published SWEMWBS table, so a broken data file is caught too.
"""

import csv
import dataclasses
from pathlib import Path

import pytest

from alongside.outcomes import measures
from alongside.outcomes.measures import (
    MEASURES,
    SWEMWBS_MEANINGFUL_CHANGE,
    UCLA_LONELY_FROM,
    Item,
    Measure,
    MeasureDataError,
    Option,
    Result,
    Score,
    load_ons4_table,
    load_swemwbs_table,
    meaningful_change,
    score,
)

DATA = Path(measures.__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


SWEMWBS_ROWS = [
    (int(r["raw_score"]), float(r["metric_score"])) for r in _read("swemwbs_raw_to_metric.csv")
]
ONS4_ROWS = _read("ons4_thresholds.csv")
ONS4_FIRST_ROWS = {}
for _row in ONS4_ROWS:
    ONS4_FIRST_ROWS.setdefault(_row["measure"], _row)
# (question code, band, value) for the lowest and highest value of every band.
ONS4_BOUNDARIES = [
    (r["measure"], r["band"], int(r[end])) for r in ONS4_ROWS for end in ("min", "max")
]

SWEMWBS_CODES = [item.code for item in MEASURES["swemwbs"].items]
UCLA_CODES = [item.code for item in MEASURES["ucla3"].items]
ONS4_CODES = [item.code for item in MEASURES["ons4"].items]

SWEMWBS_COPYRIGHT = (
    "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) "
    "© University of Warwick 2006, all rights reserved."
)


def swemwbs_answers(raw: int, reverse: bool = False) -> dict[str, int]:
    """Seven answers (1-5) that add up to ``raw``: the first items are filled up first, or the
    last items with ``reverse``."""
    assert 7 <= raw <= 35
    extra = raw - 7
    values = []
    for _ in SWEMWBS_CODES:
        add = min(4, extra)
        values.append(1 + add)
        extra -= add
    if reverse:
        values.reverse()
    return dict(zip(SWEMWBS_CODES, values, strict=True))


def swemwbs_result(raw: int) -> Result:
    return score("swemwbs", swemwbs_answers(raw))


def ucla_answers(total: int) -> dict[str, int]:
    extra = total - 3
    values = []
    for _ in UCLA_CODES:
        add = min(2, extra)
        values.append(1 + add)
        extra -= add
    return dict(zip(UCLA_CODES, values, strict=True))


# ---------------------------------------------------------------------------------------------
# The data files


def test_the_shipped_swemwbs_table_covers_every_raw_score_once():
    raws = [raw for raw, _ in SWEMWBS_ROWS]
    assert raws == list(range(7, 36))


def test_the_module_table_is_the_shipped_table():
    assert dict(measures.SWEMWBS_RAW_TO_METRIC) == dict(SWEMWBS_ROWS)


@pytest.mark.parametrize(
    ("raw", "metric"),
    # Typed in by hand from the published SWEMWBS conversion table (Stewart-Brown et al. 2009).
    [(7, 7.00), (21, 19.25), (35, 35.00)],
)
def test_hand_checked_rows_of_the_published_swemwbs_table(raw, metric):
    assert dict(SWEMWBS_ROWS)[raw] == metric
    assert measures.SWEMWBS_RAW_TO_METRIC[raw] == metric
    assert swemwbs_result(raw).scores[0].value == metric


def test_the_shipped_ons4_table_has_the_four_questions():
    assert list(ONS4_FIRST_ROWS) == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]
    assert list(ONS4_FIRST_ROWS) == ONS4_CODES


# ---------------------------------------------------------------------------------------------
# SWEMWBS


@pytest.mark.parametrize(("raw", "metric"), SWEMWBS_ROWS, ids=[f"raw{r}" for r, _ in SWEMWBS_ROWS])
def test_swemwbs_every_raw_score_converts_as_published(raw, metric):
    answers = swemwbs_answers(raw)
    assert sum(answers.values()) == raw
    result = score("swemwbs", answers)
    assert result == Result(
        measure="swemwbs",
        complete=True,
        scores=(
            Score(
                label="SWEMWBS metric score",
                value=metric,
                note=f"Raw score {raw} (7-35), converted to the metric score.",
            ),
        ),
    )


def test_swemwbs_only_the_total_matters_not_which_items():
    assert swemwbs_result(20) == score("swemwbs", swemwbs_answers(20, reverse=True))


def test_swemwbs_is_defined_exactly_as_published():
    m = MEASURES["swemwbs"]
    assert m.intro == (
        "Below are some statements about feelings and thoughts. Please tick the box that best "
        "describes your experience of each over the last 2 weeks."
    )
    assert [item.text for item in m.items] == [
        "I've been feeling optimistic about the future",
        "I've been feeling useful",
        "I've been feeling relaxed",
        "I've been dealing with problems well",
        "I've been thinking clearly",
        "I've been feeling close to other people",
        "I've been able to make up my own mind about things",
    ]
    for item in m.items:
        assert item.options == (
            Option(1, "None of the time"),
            Option(2, "Rarely"),
            Option(3, "Some of the time"),
            Option(4, "Often"),
            Option(5, "All of the time"),
        )
    assert m.copyright == SWEMWBS_COPYRIGHT
    assert m.needs_registration is True


def test_only_swemwbs_needs_registration():
    assert [code for code, m in MEASURES.items() if m.needs_registration] == ["swemwbs"]


def test_swemwbs_six_of_seven_answered_gets_no_score_and_says_why():
    answers = swemwbs_answers(30)
    del answers["own_mind"]
    assert score("swemwbs", answers) == Result(
        measure="swemwbs",
        complete=False,
        scores=(),
        reason=(
            "No score: 1 of 7 statements was not answered. "
            "SWEMWBS is scored only when all 7 are answered."
        ),
    )


def test_swemwbs_none_counts_as_not_answered():
    answers = swemwbs_answers(30)
    answers["useful"] = None
    answers["relaxed"] = None
    result = score("swemwbs", answers)
    assert not result.complete
    assert result.scores == ()
    assert result.reason == (
        "No score: 2 of 7 statements were not answered. "
        "SWEMWBS is scored only when all 7 are answered."
    )


def test_swemwbs_nothing_answered():
    result = score("swemwbs", {})
    assert (result.complete, result.scores) == (False, ())
    assert result.reason.startswith("No score: 7 of 7 statements were not answered.")


# ---------------------------------------------------------------------------------------------
# ONS4


def test_ons4_questions_are_worded_as_in_the_harmonised_standard():
    texts = {item.code: item.text for item in MEASURES["ons4"].items}
    assert texts == {
        "life_satisfaction": "Overall, how satisfied are you with your life nowadays?",
        "worthwhile": (
            "Overall, to what extent do you feel that the things you do in your life are "
            "worthwhile?"
        ),
        "happiness": "Overall, how happy did you feel yesterday?",
        "anxiety": (
            'On a scale where nought is "not at all anxious" and 10 is "completely anxious", '
            "overall, how anxious did you feel yesterday?"
        ),
    }
    for code in ("life_satisfaction", "worthwhile", "happiness"):
        assert texts[code] == ONS4_FIRST_ROWS[code]["question"]
    # The CSV gives the anxiety question in short form; the full wording ends with it.
    assert texts["anxiety"].lower().endswith(ONS4_FIRST_ROWS["anxiety"]["question"].lower())


@pytest.mark.parametrize("code", list(ONS4_FIRST_ROWS))
def test_ons4_options_are_0_to_10_with_the_csv_anchors(code):
    row = ONS4_FIRST_ROWS[code]
    item = next(i for i in MEASURES["ons4"].items if i.code == code)
    assert item.options == (
        Option(0, row["scale_anchor_0"]),
        *(Option(v, str(v)) for v in range(1, 10)),
        Option(10, row["scale_anchor_10"]),
    )


@pytest.mark.parametrize(
    ("code", "band", "value"),
    ONS4_BOUNDARIES,
    ids=[f"{c}-{b.replace(' ', '_')}-{v}" for c, b, v in ONS4_BOUNDARIES],
)
def test_ons4_every_band_boundary(code, band, value):
    answers = dict.fromkeys(ONS4_CODES, 5)
    answers[code] = value
    result = score("ons4", answers)
    assert result.complete
    assert result.reason == ""
    scores = {s.label: s for s in result.scores}
    got = scores[measures.ONS4_LABELS[code]]
    assert (got.value, got.band) == (value, band)


def test_ons4_anxiety_bands_run_the_other_way():
    answers = dict.fromkeys(ONS4_CODES, 10)
    bands = {s.label: s.band for s in score("ons4", answers).scores}
    assert bands == {
        "Life satisfaction": "very high",
        "Worthwhile": "very high",
        "Happiness": "very high",
        "Anxiety": "high",
    }
    answers = dict.fromkeys(ONS4_CODES, 0)
    bands = {s.label: s.band for s in score("ons4", answers).scores}
    assert bands["Anxiety"] == "very low"
    assert bands["Happiness"] == "low"


def test_ons4_is_reported_separately_never_summed():
    result = score("ons4", {"life_satisfaction": 7, "worthwhile": 8, "happiness": 6, "anxiety": 3})
    assert result == Result(
        measure="ons4",
        complete=True,
        scores=(
            Score("Life satisfaction", 7, "high"),
            Score("Worthwhile", 8, "high"),
            Score("Happiness", 6, "medium"),
            Score("Anxiety", 3, "low"),
        ),
    )


def test_ons4_partly_answered_scores_each_answered_question_and_names_the_rest():
    result = score("ons4", {"life_satisfaction": 9, "worthwhile": None, "anxiety": 1})
    assert result.complete is False
    assert result.scores == (
        Score("Life satisfaction", 9, "very high"),
        Score("Anxiety", 1, "very low"),
    )
    assert result.reason == (
        "2 of 4 ONS4 questions were not answered (Worthwhile, Happiness). Each ONS4 question "
        "is reported on its own, so the answered ones are still shown."
    )


def test_ons4_one_question_missing():
    result = score("ons4", {"life_satisfaction": 9, "worthwhile": 9, "happiness": 9})
    assert result.complete is False
    assert len(result.scores) == 3
    assert result.reason.startswith("1 of 4 ONS4 question was not answered (Anxiety).")


def test_ons4_nothing_answered():
    assert score("ons4", dict.fromkeys(ONS4_CODES)) == Result(
        measure="ons4",
        complete=False,
        scores=(),
        reason="No score: none of the 4 ONS4 questions were answered.",
    )


# ---------------------------------------------------------------------------------------------
# UCLA 3-item


def test_ucla_is_defined_exactly_as_published():
    m = MEASURES["ucla3"]
    assert [item.text for item in m.items] == [
        "How often do you feel that you lack companionship?",
        "How often do you feel left out?",
        "How often do you feel isolated from others?",
    ]
    for item in m.items:
        assert item.options == (
            Option(1, "Hardly ever or never"),
            Option(2, "Some of the time"),
            Option(3, "Often"),
        )


def test_the_ucla_cut_off_is_six():
    assert UCLA_LONELY_FROM == 6


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (3, "not lonely"),
        (4, "not lonely"),
        (5, "not lonely"),
        (6, "lonely"),
        (7, "lonely"),
        (8, "lonely"),
        (9, "lonely"),
    ],
)
def test_ucla_totals_and_cut_off(total, band):
    answers = ucla_answers(total)
    assert sum(answers.values()) == total
    result = score("ucla3", answers)
    assert result.complete
    assert len(result.scores) == 1
    assert (result.scores[0].label, result.scores[0].value, result.scores[0].band) == (
        "UCLA loneliness total",
        total,
        band,
    )


def test_ucla_cut_off_is_configurable(monkeypatch):
    monkeypatch.setattr(measures, "UCLA_LONELY_FROM", 7)
    assert score("ucla3", ucla_answers(6)).scores[0].band == "not lonely"
    assert score("ucla3", ucla_answers(7)).scores[0].band == "lonely"


def test_ucla_partly_answered_gets_no_score():
    assert score("ucla3", {"lack_companionship": 3, "left_out": 3}) == Result(
        measure="ucla3",
        complete=False,
        scores=(),
        reason=(
            "No score: 1 of 3 questions was not answered. "
            "The UCLA 3-item loneliness scale is scored only when all 3 are answered."
        ),
    )


# ---------------------------------------------------------------------------------------------
# The ONS direct question


def test_direct_question_is_defined_exactly_as_published():
    (item,) = MEASURES["ons_lonely"].items
    assert item.text == "How often do you feel lonely?"
    assert [o.label for o in item.options] == [
        "Often/always",
        "Some of the time",
        "Occasionally",
        "Hardly ever",
        "Never",
    ]


@pytest.mark.parametrize(
    ("value", "label", "band"),
    [
        (1, "Often/always", "chronic loneliness"),
        (2, "Some of the time", ""),
        (3, "Occasionally", ""),
        (4, "Hardly ever", ""),
        (5, "Never", ""),
    ],
)
def test_direct_question(value, label, band):
    result = score("ons_lonely", {"lonely": value})
    assert result == Result(
        measure="ons_lonely",
        complete=True,
        scores=(Score("Loneliness (direct question)", value, band, label),),
    )


def test_direct_question_unanswered():
    for answers in ({}, {"lonely": None}):
        assert score("ons_lonely", answers) == Result(
            measure="ons_lonely",
            complete=False,
            scores=(),
            reason="No score: the question was not answered.",
        )


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("code", "item", "value"),
    [
        ("swemwbs", "useful", 6),
        ("swemwbs", "useful", 0),
        ("ons4", "happiness", 11),
        ("ons4", "anxiety", -1),
        ("ucla3", "left_out", 0),
        ("ucla3", "left_out", 4),
        ("ons_lonely", "lonely", 0),
        ("ons_lonely", "lonely", 6),
    ],
)
def test_an_answer_out_of_range_is_refused(code, item, value):
    with pytest.raises(ValueError, match=f"{value} is out of range for '{item}'"):
        score(code, {item: value})


@pytest.mark.parametrize("value", [True, "3", 3.0, 2.5, [3]])
def test_an_answer_that_is_not_a_whole_number_is_refused(value):
    with pytest.raises(ValueError, match="out of range"):
        score("swemwbs", {"useful": value})


def test_out_of_range_is_refused_even_when_the_answers_are_otherwise_complete():
    answers = swemwbs_answers(35)
    answers["relaxed"] = 6
    with pytest.raises(ValueError, match="6 is out of range for 'relaxed'"):
        score("swemwbs", answers)


def test_an_unknown_item_is_refused():
    answers = swemwbs_answers(20)
    answers["cheerful"] = 3
    with pytest.raises(ValueError, match="has no item 'cheerful'"):
        score("swemwbs", answers)


def test_an_item_of_another_measure_is_refused():
    with pytest.raises(ValueError, match="has no item 'lonely'"):
        score("ucla3", {"lonely": 1})


def test_an_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="Unknown measure 'wemwbs'"):
        score("wemwbs", {})


# ---------------------------------------------------------------------------------------------
# Meaningful change (SWEMWBS)


def metric_result(value: float) -> Result:
    return Result("swemwbs", True, (Score("SWEMWBS metric score", value),))


def test_the_meaningful_change_is_three_points():
    assert SWEMWBS_MEANINGFUL_CHANGE == 3


@pytest.mark.parametrize(
    ("before_raw", "after_raw", "expected"),
    [
        (11, 16, "better"),  # 13.33 -> 16.36, +3.03
        (16, 11, "worse"),  # -3.03
        (28, 31, "better"),  # 25.03 -> 28.13, +3.10
        (20, 24, "no meaningful change"),  # 18.59 -> 21.54, +2.95
        (24, 20, "no meaningful change"),  # -2.95
        (10, 14, "no meaningful change"),  # 12.40 -> 15.32, +2.92
        (21, 21, "no meaningful change"),
        (7, 35, "better"),
        (35, 7, "worse"),
    ],
)
def test_meaningful_change_between_real_scores(before_raw, after_raw, expected):
    assert meaningful_change(swemwbs_result(before_raw), swemwbs_result(after_raw)) == expected


@pytest.mark.parametrize(
    ("before_raw", "before_metric", "after", "expected"),
    [
        # The table has no two scores exactly 3.00 or 2.99 apart, so these start from a real
        # score and add the change. These starting scores are chosen because in floating point
        # 16.33 - 13.33 and 16.88 - 13.88 come out just under 3; the comparison must still see 3.
        (11, 13.33, 16.33, "better"),  # +3.00
        (11, 13.33, 16.32, "no meaningful change"),  # +2.99
        (17, 16.88, 13.88, "worse"),  # -3.00
        (17, 16.88, 13.89, "no meaningful change"),  # -2.99
    ],
)
def test_meaningful_change_at_the_boundary(before_raw, before_metric, after, expected):
    before = swemwbs_result(before_raw)
    assert before.scores[0].value == before_metric
    assert meaningful_change(before, metric_result(after)) == expected


def test_no_meaningful_change_for_an_incomplete_result():
    partial = score("swemwbs", {"useful": 5})
    assert meaningful_change(partial, swemwbs_result(35)) is None
    assert meaningful_change(swemwbs_result(7), partial) is None


@pytest.mark.parametrize("code", ["ons4", "ucla3", "ons_lonely"])
def test_no_meaningful_change_for_other_measures(code):
    answers = {item.code: item.options[0].value for item in MEASURES[code].items}
    first = score(code, answers)
    answers = {item.code: item.options[-1].value for item in MEASURES[code].items}
    assert meaningful_change(first, score(code, answers)) is None


def test_meaningful_change_refuses_two_different_measures():
    with pytest.raises(ValueError, match="Cannot compare"):
        meaningful_change(swemwbs_result(20), score("ucla3", ucla_answers(5)))


# ---------------------------------------------------------------------------------------------
# The definitions themselves


def test_the_four_measures():
    assert list(MEASURES) == ["ons4", "swemwbs", "ucla3", "ons_lonely"]
    for code, m in MEASURES.items():
        assert isinstance(m, Measure)
        assert m.code == code
        assert m.name
        item_codes = [item.code for item in m.items]
        assert len(item_codes) == len(set(item_codes))
        for item in m.items:
            assert isinstance(item, Item)
            values = [o.value for o in item.options]
            assert values == sorted(set(values))


def test_definitions_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        MEASURES["swemwbs"].copyright = ""
    with pytest.raises(TypeError):
        measures.SWEMWBS_RAW_TO_METRIC[7] = 8.0


# ---------------------------------------------------------------------------------------------
# Broken data files are refused with a clear error


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _swemwbs_text(rows):
    return "raw_score,metric_score\n" + "".join(f"{r},{m}\n" for r, m in rows)


def test_the_shipped_files_load():
    assert load_swemwbs_table() == measures.SWEMWBS_RAW_TO_METRIC
    assert load_ons4_table() == measures.ONS4_TABLE


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(r, m) for r, m in SWEMWBS_ROWS if r != 20], "raw scores 20 are missing"),
        (SWEMWBS_ROWS + [(20, 18.59)], "raw score 20 appears twice"),
        (SWEMWBS_ROWS + [(36, 36.0)], "raw score 36 is outside 7-35"),
        ([(r, "x" if r == 9 else m) for r, m in SWEMWBS_ROWS], "is not a raw score"),
        ([(r, "nan" if r == 9 else m) for r, m in SWEMWBS_ROWS], "is not a raw score"),
        ([(r, 9.0 if r == 9 else m) for r, m in SWEMWBS_ROWS], "not above the one for raw 8"),
    ],
)
def test_a_broken_swemwbs_table_is_refused(tmp_path, rows, message):
    path = _write(tmp_path, "swemwbs.csv", _swemwbs_text(rows))
    with pytest.raises(MeasureDataError, match=message):
        load_swemwbs_table(path)


def test_a_swemwbs_table_with_the_wrong_header_is_refused(tmp_path):
    path = _write(tmp_path, "swemwbs.csv", _swemwbs_text(SWEMWBS_ROWS).replace("raw_", "r_"))
    with pytest.raises(MeasureDataError, match="the header must be raw_score,metric_score"):
        load_swemwbs_table(path)


def test_a_missing_data_file_is_refused(tmp_path):
    with pytest.raises(MeasureDataError, match="cannot read"):
        load_swemwbs_table(tmp_path / "nothing.csv")
    with pytest.raises(MeasureDataError, match="cannot read"):
        load_ons4_table(tmp_path / "nothing.csv")


ONS4_TEXT = (DATA / "ons4_thresholds.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("anxiety,,,,low,2,3", "anxiety,,,,low,3,3", "starts at 3.*a gap"),
        ("anxiety,,,,low,2,3", "anxiety,,,,low,1,3", "starts at 1.*an overlap"),
        ("happiness,,,,very high,9,10", "happiness,,,,very high,9,9", "must reach 10"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,,,medium,6,5", "runs from 6 down to 5"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,,,medium,five,6", "whole numbers"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,,,,5,6", "no name"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,,,low,5,6", "band 'low' twice"),
        ("worthwhile,,,,medium,5,6", "wellbeing,,,,medium,5,6", "unknown measure 'wellbeing'"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,,,medium,5,6,7", "expected 7 columns"),
        ("worthwhile,,,,medium,5,6", "worthwhile,,nope,,medium,5,6", "different anchor_0"),
        (
            'anxiety,"Overall, how anxious did you feel yesterday?",not at all anxious,'
            "completely anxious,very low,0,1",
            "anxiety,,,,very low,0,1",
            "must give the question",
        ),
    ],
)
def test_a_broken_ons4_table_is_refused(tmp_path, old, new, message):
    assert old in ONS4_TEXT
    path = _write(tmp_path, "ons4.csv", ONS4_TEXT.replace(old, new))
    with pytest.raises(MeasureDataError, match=message):
        load_ons4_table(path)


def test_an_ons4_table_missing_a_question_is_refused(tmp_path):
    text = "".join(
        line for line in ONS4_TEXT.splitlines(keepends=True) if not line.startswith("happiness")
    )
    with pytest.raises(MeasureDataError, match="no rows for happiness"):
        load_ons4_table(_write(tmp_path, "ons4.csv", text))


def test_an_ons4_table_whose_first_band_does_not_start_at_0_is_refused(tmp_path):
    text = ONS4_TEXT.replace(
        "not at all satisfied,completely satisfied,low,0,4",
        "not at all satisfied,completely satisfied,low,1,4",
    )
    with pytest.raises(MeasureDataError, match="first band of 'life_satisfaction' must start at 0"):
        load_ons4_table(_write(tmp_path, "ons4.csv", text))

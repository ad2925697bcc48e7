"""Figures that are not counts: how personal networks and wellbeing changed, from a first
to a latest record, as medians and means over the people behind them. Worked out by the
database (each person's first and latest values by subquery; the spread of values grouped,
never each person read), and shown only where at least ``SUPPRESS_BELOW`` people are behind
a figure; a count beside it (networks that grew) is hidden when it, or the rest, is 1 to 4.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from alongside.networks.queries import network_reviews
from alongside.outcomes.measures import MEASURES, SWEMWBS_MEANINGFUL_CHANGE
from alongside.outcomes.models import MeasureResponse
from alongside.people.models import Person

from .figures import Scope
from .suppression import HIDDEN_IN_TABLES, SUPPRESS_BELOW, is_small

FEWER = "fewer than 5 people"


@dataclass(frozen=True)
class StatisticsRow:
    label: str
    people: int
    cells: list[str]  # as shown: numbers, or why not
    pairs: list[tuple[float, float] | None]  # first and latest, for the chart


@dataclass(frozen=True)
class Statistics:
    key: str
    title: str
    how: str
    row_heading: str
    columns: list[str]
    rows: list[StatisticsRow]
    pair_names: list[str]  # what each (first, latest) pair is, for the chart

    @property
    def empty(self) -> bool:
        return not any(row.people for row in self.rows)

    def spreadsheet_rows(self) -> list[list[str]]:
        return [[self.row_heading, *self.columns], *([r.label, *r.cells] for r in self.rows)]


def _median(spread: Counter) -> float | None:
    """The median of values given as value -> how many of them."""
    n = sum(spread.values())
    if not n:
        return None

    def kth(k: int) -> float:
        seen = 0
        for value in sorted(spread):
            seen += spread[value]
            if seen > k:
                return value
        raise AssertionError("unreachable")

    return (kth((n - 1) // 2) + kth(n // 2)) / 2


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def networks(scope: Scope) -> Statistics:
    reviewed = network_reviews(areas=scope.areas, start=scope.start, end=scope.end)
    fields = ["first_size", "last_size", "first_unpaid", "last_unpaid"]
    spreads: dict[tuple[int, str], Counter] = {}
    counts: dict[int, dict[str, int]] = {}
    # Two queries, each grouped by area and a pair of first and latest values: the spread of
    # each value, and (from the sizes) how many networks grew.
    for first, last in (fields[:2], fields[2:]):
        grouped = reviewed.order_by().values("area", first, last).annotate(n=Count("pk"))
        for row in grouped:
            area, n = row["area"], row["n"]
            for field in (first, last):
                spreads.setdefault((area, field), Counter())[row[field]] += n
            if first == "first_size":
                count = counts.setdefault(area, {"people": 0, "grew": 0})
                count["people"] += n
                count["grew"] += n if row[last] > row[first] else 0
    everyone = {f: sum((spreads.get((a, f), Counter()) for a in counts), Counter()) for f in fields}
    rows = []
    areas = [(a.pk, a.name) for a in scope.areas.order_by("name")]
    for key, label in [*areas, (None, "All")]:
        if key is None:
            people = sum(c["people"] for c in counts.values())
            grew = sum(c["grew"] for c in counts.values())
            spread = everyone
        else:
            people, grew = counts.get(key, {}).get("people", 0), counts.get(key, {}).get("grew", 0)
            spread = {f: spreads.get((key, f), Counter()) for f in fields}
        rows.append(_network_row(scope, label, people, grew, spread))
    return Statistics(
        key="networks",
        title="How personal networks changed",
        how=(
            "People whose network was reviewed (a snapshot kept) at least twice in the period, "
            "from their first to their latest review in it: how many networks grew, and the "
            "median number of people and groups in them, and of unpaid relationships (family, "
            "friends, neighbours, community: not paid workers)."
        ),
        row_heading="Area",
        columns=[
            "People reviewed twice or more",
            "Networks that grew",
            "Median size, first review",
            "Median size, latest review",
            "Median unpaid, first review",
            "Median unpaid, latest review",
        ],
        rows=rows,
        pair_names=["size", "unpaid relationships"],
    )


def _network_row(scope: Scope, label: str, people: int, grew: int, spread) -> StatisticsRow:
    if scope.suppress and people < SUPPRESS_BELOW:
        shown = "0" if people == 0 else HIDDEN_IN_TABLES
        return StatisticsRow(label, people, [shown, *[FEWER if people else ""] * 5], [None, None])
    medians = [
        _median(spread[f]) for f in ("first_size", "last_size", "first_unpaid", "last_unpaid")
    ]
    hide_grew = scope.suppress and (is_small(grew) or is_small(people - grew))
    return StatisticsRow(
        label,
        people,
        [
            f"{people:,}",
            HIDDEN_IN_TABLES if hide_grew else f"{grew:,}",
            *[_number(m) for m in medians],
        ],
        [
            (medians[0], medians[1]) if medians[0] is not None and medians[1] is not None else None,
            (medians[2], medians[3]) if medians[2] is not None and medians[3] is not None else None,
        ],
    )


def _score(index: int, field: str = "scores"):
    return Cast(KeyTextTransform("value", KeyTransform(str(index), field)), FloatField())


def wellbeing(scope: Scope) -> Statistics:
    rows = []
    for code, measure in MEASURES.items():
        labels = (
            MeasureResponse.objects.filter(measure=code, complete=True)
            .values_list("scores", flat=True)
            .first()
        )
        if labels:
            found = _measured(scope, code, len(labels))
            rows += [
                _wellbeing_row(scope, code, i, f"{measure.name}: {score['label']}", found)
                for i, score in enumerate(labels)
            ]
    return Statistics(
        key="wellbeing",
        title="How wellbeing changed",
        how=(
            "For each measure, the people of these areas with a first complete response (the "
            "baseline, at any time) and a later one in the period: the mean change from the "
            "baseline to the latest, and (for SWEMWBS, where a change of "
            f"{SWEMWBS_MEANINGFUL_CHANGE} points or more is meaningful) the share better and "
            "worse by that much. For loneliness scales a fall is an improvement."
        ),
        row_heading="Measure",
        columns=["People", "Mean at baseline", "Mean latest", "Mean change", "Better", "Worse"],
        rows=rows,
        pair_names=["mean score"],
    )


def _measured(scope: Scope, code: str, scores: int) -> dict:
    """For the people with a baseline of measure ``code`` and a later response in the period:
    how many, and for each of its ``scores`` (by index ``i``) the means of the baseline
    (``base_i``), the latest (``latest_i``) and the change (``change_i``), and how many got
    better or worse by a meaningful change (``better_i``, ``worse_i``). One query: each
    person's baseline and latest response found once, every score read from them."""
    complete = MeasureResponse.objects.filter(
        person=OuterRef("pk"), measure=code, complete=True, deleted_at__isnull=True
    )
    baseline = complete.order_by("taken_on", "id")
    in_period = MeasureResponse.objects.filter(
        measure=code, complete=True, deleted_at__isnull=True, **_period(scope)
    )
    people: QuerySet = (
        Person.objects.live()
        .filter(scope.in_areas())
        # Only people measured in the period: the subqueries below run for them alone.
        .filter(pk__in=in_period.values("person"))
        .annotate(
            base_on=Subquery(baseline.values("taken_on")[:1]),
            base_scores=Subquery(baseline.values("scores")[:1]),
        )
        .annotate(
            latest_scores=Subquery(
                complete.filter(taken_on__gt=OuterRef("base_on"), **_period(scope))
                .order_by("-taken_on", "-id")
                .values("scores")[:1]
            )
        )
        .filter(base_on__isnull=False, latest_scores__isnull=False)
    )
    meaningful = float(SWEMWBS_MEANINGFUL_CHANGE)
    for i in range(scores):
        people = people.annotate(
            **{f"b{i}": _score(i, "base_scores"), f"l{i}": _score(i, "latest_scores")}
        )
    measures: dict = {"n": Count("pk")}
    for i in range(scores):
        base, latest = F(f"b{i}"), F(f"l{i}")
        measures |= {
            f"base_{i}": Avg(base),
            f"latest_{i}": Avg(latest),
            f"change_{i}": Avg(latest - base),
            f"better_{i}": Count("pk", filter=Q(**{f"l{i}__gte": base + meaningful})),
            f"worse_{i}": Count("pk", filter=Q(**{f"l{i}__lte": base - meaningful})),
        }
    # distinct() (each person is one row anyway) makes Django count over a subquery, so
    # that the database finds each person's responses once, not again for each average.
    columns = [f"{side}{i}" for i in range(scores) for side in "bl"]
    return people.values("pk", *columns).distinct().aggregate(**measures)


def _wellbeing_row(
    scope: Scope, code: str, index: int, label: str, measured: dict
) -> StatisticsRow:
    found = {
        name: measured[f"{name}_{index}"]
        for name in ("base", "latest", "change", "better", "worse")
    }
    found["base_mean"], found["latest_mean"] = found["base"], found["latest"]
    found["n"] = measured["n"]
    n = found["n"]
    if scope.suppress and n < SUPPRESS_BELOW:
        return StatisticsRow(
            label, n, ["0" if n == 0 else HIDDEN_IN_TABLES, *[FEWER if n else ""] * 5], [None]
        )
    shares = ["", ""]
    if code == "swemwbs" and index == 0 and n:
        shares = [_share(found["better"], n, scope), _share(found["worse"], n, scope)]
    means = [found["base_mean"], found["latest_mean"], found["change"]]
    return StatisticsRow(
        label,
        n,
        [
            f"{n:,}",
            *(
                "" if m is None else f"{m:+.1f}" if i == 2 else f"{m:.1f}"
                for i, m in enumerate(means)
            ),
            *shares,
        ],
        [
            (round(means[0], 1), round(means[1], 1))
            if n and means[0] is not None and means[1] is not None
            else None
        ],
    )


def _period(scope: Scope) -> dict:
    return {"taken_on__gte": scope.start, "taken_on__lte": scope.end}


def _share(part: int, whole: int, scope: Scope) -> str:
    if scope.suppress and (is_small(part) or is_small(whole - part)):
        return HIDDEN_IN_TABLES
    return f"{part:,} ({100 * part / whole:.0f}%)"

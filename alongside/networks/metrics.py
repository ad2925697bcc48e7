"""Figures about a personal network, and what changed between two snapshots of it.

Pure functions over ``Tie`` objects: no database, no requests. The same functions serve the
live network and any dated snapshot, so a figure means the same thing wherever it appears.

Definitions used throughout:

* **paid**: a tie is paid (or formal) when its kind is ``Kind.PAID`` *or* it sits in the
  ``Ring.FORMAL`` ring. Everyone else is **unpaid**, so ``unpaid + paid == size``.
* **reciprocal** ("gives both ways"): the person gives something *and* receives something
  (both ``gives`` and ``receives`` are non-empty). **one way**: exactly one of them is
  non-empty. A tie with neither recorded is counted in neither.
* **inner**: ties in the inner circle or close rings (rings 1 and 2).
* **empty sector**: a kind of relationship with nobody in it.
* **isolated sector**: see ``Figures.isolated_sectors``.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields

from .ties import Kind, Ring, Tie

KIND_ORDER: tuple[str, ...] = tuple(Kind.values)
"""Kind values in the order the map draws them, clockwise from the top."""
RING_ORDER: tuple[int, ...] = tuple(Ring.values)
"""Ring values from the centre out."""

_KIND_INDEX = {kind: index for index, kind in enumerate(KIND_ORDER)}
_OUTER_RINGS = frozenset({Ring.AROUND.value, Ring.FORMAL.value})


@dataclass(frozen=True)
class Figures:
    """The figures of one network (live or a dated snapshot)."""

    size: int
    """Everyone recorded: people and groups."""
    unpaid: int
    """Ties that are not paid (see ``paid``)."""
    paid: int
    """Ties whose kind is paid workers and professionals, or that sit in the paid-or-formal
    ring (a tie that is both counts once)."""
    rings_filled: int
    """How many of the 4 rings have at least one tie."""
    sectors_filled: int
    """How many of the 8 sectors (kinds) have at least one tie."""
    reciprocal: int
    """Ties that give both ways: the person gives and receives something."""
    one_way: int
    """Ties where only one of giving or receiving is recorded."""
    empty_sectors: tuple[str, ...]
    """Kind values with nobody in them, in the order the map draws them."""
    isolated_sectors: tuple[str, ...]
    """Kind values, in map order, of sectors where somebody is present but *everybody* in the
    sector is in the two outer rings (around, or paid or formal), so nobody in that part of
    life is close (inner circle or close).

    Why it matters: people are there — a street of neighbours, a faith community, workmates —
    but none of them is someone the person feels close to. That is often where a
    coordinator and the person can look for a connection to deepen, and a sector moving out
    of this list over time is a sign of the network growing in depth, not only in size.

    The paid sector is never listed: paid workers and professionals are expected to sit in
    the outer rings, so flagging it would only add noise. An empty sector is not isolated (it
    is in ``empty_sectors``)."""
    inner: int
    """Ties in the inner circle or close rings (rings 1 and 2)."""


NUMERIC_FIGURES: tuple[str, ...] = tuple(
    f.name for f in fields(Figures) if f.name not in ("empty_sectors", "isolated_sectors")
)
"""Names of the integer fields of ``Figures``, in declaration order."""


@dataclass(frozen=True)
class Change:
    """What changed between two snapshots of a network, matched by ``Tie.key``.

    Every tuple is sorted by the position in the *later* snapshot where there is one (ring
    from the centre out, then sector in map order, then label ignoring case, then key): ``new``,
    ``closer``, ``further`` and ``unchanged`` by the after tie, ``gone`` by the before tie.
    """

    new: tuple[Tie, ...]
    """In the later snapshot only."""
    gone: tuple[Tie, ...]
    """In the earlier snapshot only."""
    closer: tuple[tuple[Tie, Tie], ...]
    """(before, after) pairs whose ring number went down: moved towards the person."""
    further: tuple[tuple[Tie, Tie], ...]
    """(before, after) pairs whose ring number went up."""
    unchanged: tuple[Tie, ...]
    """After ties in the same ring as before (other details, such as the kind, the label or
    what flows, may still have changed)."""


def is_paid(tie: Tie) -> bool:
    """A paid or formal relationship: a paid worker or professional, or anyone in the
    paid-or-formal ring."""
    return tie.kind == Kind.PAID or tie.ring == Ring.FORMAL


def is_reciprocal(tie: Tie) -> bool:
    """Gives both ways: the person gives something and receives something."""
    return bool(tie.gives) and bool(tie.receives)


def is_one_way(tie: Tie) -> bool:
    """Only one of giving or receiving is recorded."""
    return bool(tie.gives) != bool(tie.receives)


def sort_key(tie: Tie) -> tuple[int, int, str, str, int]:
    """Deterministic order: ring from the centre out, sector in map order, label ignoring case
    (then exact label), then key."""
    return (tie.ring, _KIND_INDEX[tie.kind], tie.label.casefold(), tie.label, tie.key)


def validate(tie: Tie) -> Tie:
    """Return ``tie`` unchanged, or raise ``ValueError`` naming an unknown kind or ring."""
    if tie.kind not in _KIND_INDEX:
        raise ValueError(
            f"Tie {tie.key} ({tie.label!r}) has unknown kind {tie.kind!r}; "
            f"expected one of: {', '.join(KIND_ORDER)}."
        )
    if isinstance(tie.ring, bool) or not isinstance(tie.ring, int) or tie.ring not in RING_ORDER:
        raise ValueError(
            f"Tie {tie.key} ({tie.label!r}) has unknown ring {tie.ring!r}; "
            f"expected one of: {', '.join(str(ring) for ring in RING_ORDER)}."
        )
    return tie


def figures(ties: Iterable[Tie]) -> Figures:
    """The figures of a network. An empty network (no one recorded yet) is valid: every count
    is 0 and every sector is empty."""
    ties = [validate(tie) for tie in ties]
    by_kind = Counter(tie.kind for tie in ties)
    close_kinds = {tie.kind for tie in ties if tie.ring not in _OUTER_RINGS}
    paid = sum(1 for tie in ties if is_paid(tie))
    return Figures(
        size=len(ties),
        unpaid=len(ties) - paid,
        paid=paid,
        rings_filled=len({tie.ring for tie in ties}),
        sectors_filled=len(by_kind),
        reciprocal=sum(1 for tie in ties if is_reciprocal(tie)),
        one_way=sum(1 for tie in ties if is_one_way(tie)),
        empty_sectors=tuple(kind for kind in KIND_ORDER if not by_kind[kind]),
        isolated_sectors=tuple(
            kind
            for kind in KIND_ORDER
            if kind != Kind.PAID and by_kind[kind] and kind not in close_kinds
        ),
        inner=sum(1 for tie in ties if tie.ring not in _OUTER_RINGS),
    )


def _by_key(ties: Iterable[Tie], side: str) -> dict[int, Tie]:
    found: dict[int, Tie] = {}
    for tie in ties:
        validate(tie)
        if tie.key in found:
            raise ValueError(
                f"Duplicate key {tie.key!r} in the {side} snapshot: "
                f"{found[tie.key].label!r} and {tie.label!r}."
            )
        found[tie.key] = tie
    return found


def compare(before: Iterable[Tie], after: Iterable[Tie]) -> Change:
    """Who is new, who has gone, who moved closer or further, matching ties by ``key``."""
    earlier = _by_key(before, "earlier")
    later = _by_key(after, "later")
    moved_closer, moved_further, same = [], [], []
    for key, now in later.items():
        then = earlier.get(key)
        if then is None:
            continue
        if now.ring < then.ring:
            moved_closer.append((then, now))
        elif now.ring > then.ring:
            moved_further.append((then, now))
        else:
            same.append(now)

    def by_after(pair: tuple[Tie, Tie]) -> tuple:
        return (sort_key(pair[1]), sort_key(pair[0]))

    return Change(
        new=tuple(sorted((tie for key, tie in later.items() if key not in earlier), key=sort_key)),
        gone=tuple(sorted((tie for key, tie in earlier.items() if key not in later), key=sort_key)),
        closer=tuple(sorted(moved_closer, key=by_after)),
        further=tuple(sorted(moved_further, key=by_after)),
        unchanged=tuple(sorted(same, key=sort_key)),
    )


def figures_change(before: Figures, after: Figures) -> dict[str, int]:
    """After minus before, for every integer figure (in ``NUMERIC_FIGURES`` order), then the
    change in the *number* of empty and isolated sectors under the keys ``empty_sectors`` and
    ``isolated_sectors``. Positive means more."""
    change = {name: getattr(after, name) - getattr(before, name) for name in NUMERIC_FIGURES}
    change["empty_sectors"] = len(after.empty_sectors) - len(before.empty_sectors)
    change["isolated_sectors"] = len(after.isolated_sectors) - len(before.isolated_sectors)
    return change

"""Network figures and snapshot comparison: pure functions over hand-made networks, with every
expected value worked out by hand in the comments."""

import pytest

from alongside.networks.metrics import (
    NUMERIC_FIGURES,
    Change,
    Figures,
    compare,
    figures,
    figures_change,
)
from alongside.networks.ties import Tie

PRACTICAL, EMOTIONAL, INFORMATION, COMPANY = "practical", "emotional", "information", "company"


def tie(key, label, kind, ring, gives=(), receives=()):
    return Tie(key, label, kind, ring, frozenset(gives), frozenset(receives))


# A 7-member network, before a review:
#
#   key  label                    kind       ring  gives      receives     notes
#   1    Mum                      family     1     practical  emotional    both ways, inner
#   2    Dad                      family     2     -          practical    one way, inner
#   3    Home carer Linda         paid       4     -          practical    paid (kind and ring)
#   4    Mrs Patel next door      neighbour  3     -          -            neither way recorded
#   5    Tuesday walking group    group      3     company    company      both ways
#   6    Dr Okafor (GP)           paid       3     -          information  paid (kind only)
#   7    Befriending volunteer    friend     4     company    -            paid (ring only)
BEFORE = (
    tie(1, "Mum", "family", 1, [PRACTICAL], [EMOTIONAL]),
    tie(2, "Dad", "family", 2, [], [PRACTICAL]),
    tie(3, "Home carer Linda", "paid", 4, [], [PRACTICAL]),
    tie(4, "Mrs Patel next door", "neighbour", 3),
    tie(5, "Tuesday walking group", "group", 3, [COMPANY], [COMPANY]),
    tie(6, "Dr Okafor (GP)", "paid", 3, [], [INFORMATION]),
    tie(7, "Befriending volunteer", "friend", 4, [COMPANY], []),
)

# The same network at the next review:
#   Mum         stays in ring 1                      -> unchanged
#   Dad         ring 2 -> 1                          -> closer
#   Linda       no longer there                      -> gone
#   Mrs Patel   ring 3 -> 2, now gives both ways     -> closer
#   Walking     stays in ring 3                      -> unchanged
#   Dr Okafor   ring 3 -> 4                          -> further
#   Befriender  stays in ring 4                      -> unchanged
#   Priya       friend, ring 2, both ways            -> new
#   Allotment   group, ring 3, nothing recorded      -> new
AFTER = (
    tie(1, "Mum", "family", 1, [PRACTICAL], [EMOTIONAL]),
    tie(2, "Dad", "family", 1, [], [PRACTICAL]),
    tie(4, "Mrs Patel next door", "neighbour", 2, [PRACTICAL], [COMPANY]),
    tie(5, "Tuesday walking group", "group", 3, [COMPANY], [COMPANY]),
    tie(6, "Dr Okafor (GP)", "paid", 4, [], [INFORMATION]),
    tie(7, "Befriending volunteer", "friend", 4, [COMPANY], []),
    tie(8, "Priya", "friend", 2, [EMOTIONAL], [EMOTIONAL]),
    tie(9, "Allotment society", "group", 3),
)


def by_key(ties, *keys):
    found = {t.key: t for t in ties}
    return tuple(found[key] for key in keys)


def test_figures_of_the_hand_made_network():
    # size 7. Paid: Linda (paid kind), Dr Okafor (paid kind), the befriender (formal ring) = 3;
    # unpaid 7 - 3 = 4. Rings used: 1 (Mum), 2 (Dad), 3, 4 = 4. Sectors used: family, friend,
    # neighbour, group, paid = 5; empty, in map order: work, faith, online.
    # Both ways: Mum, walking group = 2. One way: Dad, Linda, Dr Okafor, befriender = 4
    # (Mrs Patel has nothing recorded, so she is neither). Inner (rings 1-2): Mum, Dad = 2.
    # Isolated (present, everyone in rings 3-4, paid sector never counted): friend (befriender,
    # ring 4), neighbour (Mrs Patel, ring 3), group (walking group, ring 3). Family is not
    # isolated (Mum is in ring 1).
    assert figures(BEFORE) == Figures(
        size=7,
        unpaid=4,
        paid=3,
        rings_filled=4,
        sectors_filled=5,
        reciprocal=2,
        one_way=4,
        empty_sectors=("work", "faith", "online"),
        isolated_sectors=("friend", "neighbour", "group"),
        inner=2,
    )


def test_figures_after_the_review():
    # size 8. Paid: Dr Okafor (kind), befriender (ring) = 2; unpaid 6. Rings: 1 (Mum, Dad),
    # 2 (Mrs Patel, Priya), 3 (walking, allotment), 4 (Okafor, befriender) = 4. Sectors: family,
    # friend, neighbour, group, paid = 5. Both ways: Mum, Mrs Patel, walking group, Priya = 4.
    # One way: Dad, Dr Okafor, befriender = 3 (allotment has nothing recorded). Inner: Mum, Dad,
    # Mrs Patel, Priya = 4. Isolated: only group (walking group and allotment both in ring 3);
    # friend now has Priya in ring 2, neighbour has Mrs Patel in ring 2.
    assert figures(AFTER) == Figures(
        size=8,
        unpaid=6,
        paid=2,
        rings_filled=4,
        sectors_filled=5,
        reciprocal=4,
        one_way=3,
        empty_sectors=("work", "faith", "online"),
        isolated_sectors=("group",),
        inner=4,
    )


def test_no_one_yet_is_a_state_not_an_error():
    assert figures([]) == Figures(
        size=0,
        unpaid=0,
        paid=0,
        rings_filled=0,
        sectors_filled=0,
        reciprocal=0,
        one_way=0,
        empty_sectors=(
            "family",
            "friend",
            "neighbour",
            "work",
            "group",
            "faith",
            "online",
            "paid",
        ),
        isolated_sectors=(),
        inner=0,
    )


def test_figures_accepts_any_iterable_once():
    assert figures(t for t in BEFORE).size == 7


def test_paid_by_kind_or_by_ring_counts_once():
    # A paid worker in the formal ring is paid by both rules and counts once; a friend in the
    # formal ring is paid by ring; a paid worker the person feels close to is paid by kind.
    network = [
        tie(1, "Support worker", "paid", 4),
        tie(2, "Volunteer driver", "friend", 4),
        tie(3, "Long-time PA", "paid", 2),
        tie(4, "Sister", "family", 1),
    ]
    numbers = figures(network)
    assert (numbers.paid, numbers.unpaid, numbers.size) == (3, 1, 4)


def test_isolated_sector_needs_somebody_and_nobody_close():
    network = [
        # neighbour: one in ring 3, one in ring 2 -> someone close -> not isolated
        tie(1, "Next door", "neighbour", 3),
        tie(2, "Across the road", "neighbour", 2),
        # work: both in the outer rings -> isolated
        tie(3, "Colleague", "work", 3),
        tie(4, "Job coach", "work", 4),
        # faith: one person, ring 4 -> isolated
        tie(5, "Chaplain", "faith", 4),
        # paid: everyone in the formal ring, but the paid sector is never listed
        tie(6, "GP", "paid", 4),
    ]
    numbers = figures(network)
    assert numbers.isolated_sectors == ("work", "faith")
    # empty: family, friend, group, online (in map order); empty is not isolated
    assert numbers.empty_sectors == ("family", "friend", "group", "online")
    assert numbers.inner == 1


def test_compare_who_is_new_gone_closer_further():
    change = compare(BEFORE, AFTER)
    assert isinstance(change, Change)
    # new, sorted by ring then sector: Priya (ring 2) before the allotment (ring 3)
    assert change.new == by_key(AFTER, 8, 9)
    assert change.gone == by_key(BEFORE, 3)
    # closer, sorted by the after tie: Dad (now ring 1) before Mrs Patel (now ring 2)
    assert change.closer == (
        (by_key(BEFORE, 2)[0], by_key(AFTER, 2)[0]),
        (by_key(BEFORE, 4)[0], by_key(AFTER, 4)[0]),
    )
    assert change.further == ((by_key(BEFORE, 6)[0], by_key(AFTER, 6)[0]),)
    # unchanged ring: Mum (1), walking group (3), befriender (4), as they are after
    assert change.unchanged == by_key(AFTER, 1, 5, 7)


def test_compare_ignores_input_order():
    assert compare(reversed(BEFORE), reversed(AFTER)) == compare(BEFORE, AFTER)


def test_compare_matches_by_key_not_label():
    renamed = [tie(1, "Mother", "family", 1)]
    change = compare([tie(1, "Mum", "family", 1)], renamed)
    assert change.unchanged == tuple(renamed)
    assert change.new == change.gone == change.closer == change.further == ()


def test_compare_from_no_one_yet():
    change = compare([], BEFORE)
    assert [t.key for t in change.new] == [1, 2, 4, 5, 6, 7, 3]  # rings 1, 2, 3, 3, 3, 4, 4
    assert change.gone == change.closer == change.further == change.unchanged == ()


def test_sort_is_by_ring_then_sector_then_label_ignoring_case_then_key():
    after = [
        tie(5, "zed", "family", 3),
        tie(4, "Amy", "friend", 3),
        tie(3, "amy", "family", 3),
        tie(2, "Amy", "family", 3),
        tie(1, "Amy", "family", 3),
        tie(6, "Ben", "paid", 1),
    ]
    # ring 1 first (Ben); then ring 3 family: "Amy"(1), "Amy"(2), "amy"(3) — same casefold,
    # then exact label ("Amy" < "amy"), then key — then "zed"; then ring 3 friend: Amy(4)
    assert [t.key for t in compare([], after).new] == [6, 1, 2, 3, 5, 4]


def test_figures_change_is_after_minus_before():
    change = figures_change(figures(BEFORE), figures(AFTER))
    # size 7 -> 8, unpaid 4 -> 6, paid 3 -> 2, rings 4 -> 4, sectors 5 -> 5,
    # both ways 2 -> 4, one way 4 -> 3, inner 2 -> 4,
    # empty sectors 3 -> 3, isolated sectors 3 -> 1
    assert change == {
        "size": 1,
        "unpaid": 2,
        "paid": -1,
        "rings_filled": 0,
        "sectors_filled": 0,
        "reciprocal": 2,
        "one_way": -1,
        "inner": 2,
        "empty_sectors": 0,
        "isolated_sectors": -2,
    }
    assert list(change)[: len(NUMERIC_FIGURES)] == list(NUMERIC_FIGURES)


def test_figures_change_from_no_one_yet():
    change = figures_change(figures([]), figures(BEFORE))
    assert change["size"] == 7
    assert change["empty_sectors"] == 3 - 8
    assert change["isolated_sectors"] == 3


@pytest.mark.parametrize("kind", ["colleague", "", "Family", None])
def test_unknown_kind_is_refused_with_a_clear_message(kind):
    bad = tie(42, "Someone", kind, 1)
    with pytest.raises(ValueError, match=r"Tie 42 \('Someone'\) has unknown kind"):
        figures([bad])
    with pytest.raises(ValueError, match="unknown kind"):
        compare([bad], [])
    with pytest.raises(ValueError, match="unknown kind"):
        compare([], [bad])


@pytest.mark.parametrize("ring", [0, 5, -1, "1", 1.0, True, None])
def test_unknown_ring_is_refused_with_a_clear_message(ring):
    bad = tie(7, "Someone", "family", ring)
    with pytest.raises(ValueError, match=r"Tie 7 \('Someone'\) has unknown ring .*1, 2, 3, 4"):
        figures([bad])
    with pytest.raises(ValueError, match="unknown ring"):
        compare([], [bad])


def test_duplicate_keys_within_one_side_are_refused():
    twice = [tie(1, "Mum", "family", 1), tie(1, "Mother", "family", 2)]
    with pytest.raises(ValueError, match="Duplicate key 1 in the earlier snapshot"):
        compare(twice, [])
    with pytest.raises(ValueError, match="Duplicate key 1 in the later snapshot"):
        compare([], twice)


def test_same_key_on_both_sides_is_the_same_member():
    change = compare([tie(1, "Mum", "family", 2)], [tie(1, "Mum", "family", 1)])
    assert len(change.closer) == 1

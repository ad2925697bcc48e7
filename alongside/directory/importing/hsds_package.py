"""Reading the files of an HSDS 3.0 tabular data package: from a folder, its
``datapackage.json``, or a zip of either (a zip of a folder has its files one level down).
The files are found by the paths ``datapackage.json`` gives, or by the standard's names."""

import csv
import io
import json
import zipfile
from pathlib import Path, PurePosixPath

from alongside.spreadsheets import cell_read

from .hsds_tables import TABLES
from .records import ImportAborted

MAX_UNZIPPED = 500 * 1024 * 1024
NO_PACKAGE = "{name} is not a folder, a datapackage.json or a zip file. Nothing was imported."
BROKEN_ZIP = "{name} is not a zip file that can be read ({error}). Nothing was imported."
TOO_BIG = "{name} unzips to more than {limit} MB. Nothing was imported."
BROKEN_DATAPACKAGE = (
    "The datapackage.json in {name} is not valid JSON ({error}). Nothing was imported."
)
BROKEN_CSV = "{table} is not a CSV file that can be read ({error}). Nothing was imported."
MISSING_COLUMNS = "{table} has no {columns} column. Nothing was imported."


class Package:
    """The CSV files of a package, found by name in a folder or a zip."""

    def __init__(self, source, name: str):
        self.name = name
        self.zip: zipfile.ZipFile | None = None
        self.folder: Path | None = None
        if isinstance(source, str | Path) and Path(source).is_dir():
            self.folder = Path(source)
        elif isinstance(source, str | Path) and Path(source).name == "datapackage.json":
            self.folder = Path(source).parent
        else:
            try:
                self.zip = zipfile.ZipFile(source)
            except (zipfile.BadZipFile, OSError, ValueError) as error:
                if isinstance(source, str | Path) and not zipfile.is_zipfile(source):
                    raise ImportAborted(NO_PACKAGE.format(name=name)) from None
                raise ImportAborted(BROKEN_ZIP.format(name=name, error=error)) from None
            if sum(i.file_size for i in self.zip.infolist()) > MAX_UNZIPPED:
                raise ImportAborted(TOO_BIG.format(name=name, limit=MAX_UNZIPPED // 2**20))
            # A zip of a folder has the files one level down: find them by their own names.
            self.members = {
                PurePosixPath(i.filename).name: i.filename
                for i in self.zip.infolist()
                if not i.is_dir() and not PurePosixPath(i.filename).name.startswith(".")
            }
        self.paths = {resource: file for resource, (file, _) in TABLES.items()}
        present = set(self.files())
        for resource, (file, _) in TABLES.items():  # some publishers name files in the singular
            singular = f"{resource}.csv"
            if file not in present and singular in present:
                self.paths[resource] = singular
        # What datapackage.json says: its version, and the file of each resource it names.
        self.version = ""
        self.described: dict[str, str] = {}
        descriptor = self.read("datapackage.json")
        if descriptor is not None:
            try:
                described = json.loads(descriptor)
                resources = described.get("resources") or []
            except (ValueError, AttributeError) as error:
                raise ImportAborted(BROKEN_DATAPACKAGE.format(name=name, error=error)) from None
            self.version = str(described.get("version") or "")
            for resource in resources:
                path = resource.get("path") if isinstance(resource, dict) else None
                if isinstance(path, str) and path and isinstance(resource.get("name"), str):
                    self.described[resource["name"]] = path
            for resource_name, path in self.described.items():
                if resource_name in self.paths:
                    self.paths[resource_name] = path

    def files(self) -> list[str]:
        """The names of the package's CSV files."""
        if self.folder is not None:
            return sorted(f.name for f in self.folder.glob("*.csv") if f.is_file())
        return sorted(name for name in self.members if name.lower().endswith(".csv"))

    def unread(self) -> list[str]:
        """The package's CSV files that are none of the tables the directory reads (HSDS 3.1's
        units or service capacity, a publisher's own)."""
        read = {PurePosixPath(path).name for path in self.paths.values()}
        return [name for name in self.files() if name not in read]

    def read(self, path: str) -> str | None:
        try:
            if self.folder is not None:
                file = self.folder / path
                return file.read_text(encoding="utf-8-sig") if file.is_file() else None
            member = self.members.get(PurePosixPath(path).name)
            if member is None:
                return None
            assert self.zip is not None  # a package without a folder is a zip
            return self.zip.read(member).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as error:
            raise ImportAborted(BROKEN_CSV.format(table=path, error=error)) from None

    def table(self, resource: str) -> list[dict] | None:
        """The rows of a table, empty cells as None; None if the package does not have it."""
        return self.rows(
            self.paths[resource], {"id"} | ({"name"} if resource == "service" else set())
        )

    def columns(self, path: str) -> list[str] | None:
        """The header of the CSV file ``path``; None if the package does not have it."""
        text = self.read(path)
        if text is None:
            return None
        try:
            return [c.strip() for c in next(csv.reader(io.StringIO(text, newline="")), [])]
        except csv.Error as error:
            raise ImportAborted(BROKEN_CSV.format(table=path, error=error)) from None

    def rows(self, path: str, wanted: set[str]) -> list[dict] | None:
        """The rows of the CSV file ``path``, which must have the columns ``wanted``."""
        text = self.read(path)
        if text is None:
            return None
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
            rows = [
                {k.strip(): (cell_read(v) if v else None) for k, v in row.items() if k}
                for row in reader
            ]
        except (csv.Error, AttributeError) as error:
            raise ImportAborted(BROKEN_CSV.format(table=path, error=error)) from None
        missing = wanted - set(reader.fieldnames or [])
        if missing:
            columns = " or ".join(f"'{c}'" for c in sorted(missing))
            raise ImportAborted(MISSING_COLUMNS.format(table=path, columns=columns))
        return rows

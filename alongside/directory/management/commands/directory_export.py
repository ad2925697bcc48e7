"""``python manage.py directory_export``: the whole directory, for another directory to import.

manage.py directory_export --format hsds-csv export/      datapackage.json + one CSV a table
manage.py directory_export --format json services.json    every service in full (ORUK 3.0)
manage.py directory_export --format json -                the same, to stdout
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from alongside.directory import exporting


class _Unchanged:
    """The command's stdout, written to as given (no line ending added)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text, ending="")


class Command(BaseCommand):
    help = "Export the directory as an HSDS 3.0 CSV data package or as ORUK 3.0 JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["hsds-csv", "json"], required=True)
        parser.add_argument(
            "target", help="A folder for hsds-csv; a file (or - for stdout) for json."
        )

    def handle(self, *args, format, target, **options):
        if format == "hsds-csv":
            written = exporting.export_hsds_csv(Path(target))
            if options["verbosity"]:
                rows = sum(written.values())
                self.stdout.write(f"Wrote {rows} rows in {len(written)} tables to {target}")
            return
        if target == "-":
            exporting.export_json(_Unchanged(self.stdout))
            return
        with open(target, "w", encoding="utf-8") as out:
            count = exporting.export_json(out)
        if options["verbosity"]:
            self.stdout.write(f"Wrote {count} services to {target}")

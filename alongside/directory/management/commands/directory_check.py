"""``python manage.py directory_check``: check a directory in the ORUK validator's terms.

    manage.py directory_check --own                    Alongside's own /oruk
    manage.py directory_check --source leeds-fis       an imported source: its feed, or the
                                                       records held when it came from files
    manage.py directory_check --url https://example.org/api    any ORUK 3.0 feed
    manage.py directory_check --schedule               start the schedule: our own and every
                                                       imported source, now and then every
                                                       DIRECTORY_CHECK_EVERY_HOURS (24)

Prints Level 1, Level 2 and the record quality; every check is kept (``FeedCheck``) and shown
on the feed checks page. Exits with 1 when Level 1 fails, or the check could not run. The
schedule's checks are run by the task worker, ``manage.py db_worker``, which must be running.
"""

from django.core.management.base import BaseCommand, CommandError

from alongside.directory.checking import UnknownSource, feed_check
from alongside.directory.importing.feed import base_url
from alongside.directory.importing.records import ImportAborted
from alongside.directory.models.checks import CheckStatus, FeedCheck
from alongside.directory.tasks import feed_check_schedule_all

MARKS = {True: "pass", False: "FAIL", None: "not done"}


def report(check: FeedCheck) -> list[str]:
    """The check as lines of text."""
    where = "" if check.is_own else f" ({check.url})" if check.url else " (records held)"
    lines = [f"Check of {check.name}{where}"]
    if check.error:
        lines.append(check.error)
    if not check.reads_feed:
        lines.append("No feed to read (imported from files): record quality only.")
    for title, tests in [
        ("Level 1 Compliance - Basic checks", check.level_1),
        ("Level 2 Compliance", check.level_2),
    ]:
        if not tests:
            continue
        lines += ["", title]
        lines += [f"  [{MARKS[t['passed']]:>8}] {t['name']}: {t['message']}" for t in tests]
    if check.level_1:
        lines.append("Level 1: " + ("passed" if check.level_1_passed else "FAILED"))
    if check.reads_feed and check.level_2:
        done = check.level_2_done
        lines.append(f"Level 2: {check.level_2_passed} of {done} passed")
    lines += ["", f"Record quality: {check.records_checked} records checked"]
    for line in check.record_summary:
        lines.append(f"  {line['name']}: {line['passed']} of {line['total']}")
    for record in check.records[:10]:
        failed = "; ".join(f"{f['name']} ({f['message']})" for f in record["failed"])
        lines.append(f"  {record['score']:>3} {record['name'] or record['id']}: {failed}")
    if check.records_checked:
        lines.append(f"Score: {check.score} of 100")
    return lines


class Command(BaseCommand):
    help = "Check a directory (our own /oruk, an imported source, a feed) as ORUK's validator does."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--own", action="store_true", help="Alongside's own /oruk.")
        which.add_argument("--source", help="An imported source, by its short name.")
        which.add_argument("--url", help="An ORUK 3.0 feed's base address.")
        which.add_argument(
            "--schedule",
            action="store_true",
            help="Check our own and every source now, then every DIRECTORY_CHECK_EVERY_HOURS "
            "(run by manage.py db_worker).",
        )

    def handle(self, *args, own, source, url, schedule, **options):
        if schedule:
            for name, scheduled in feed_check_schedule_all():
                self.stdout.write(f"{name or 'Alongside (/oruk)'}: {scheduled.message}")
            return
        if url is not None:
            try:
                base_url(url)
            except ImportAborted as error:
                raise CommandError(str(error).replace(" Nothing was imported.", "")) from None
        try:
            check = feed_check(source=source or "", url=url)
        except UnknownSource as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(report(check)))
        if check.status == CheckStatus.FAILED or check.level_1_passed is False:
            raise CommandError("Level 1 failed." if check.level_1_passed is False else check.error)

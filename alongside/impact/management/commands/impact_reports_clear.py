"""Delete the reports kept past their time (``REPORTS_KEPT_HOURS``): run it from cron, say
hourly. Asking for a report also clears them."""

from django.core.management.base import BaseCommand

from alongside.impact.services import reports_clear


class Command(BaseCommand):
    help = "Delete impact reports kept past their time (REPORTS_KEPT_HOURS)."

    def handle(self, *args, **options):
        deleted = reports_clear()
        self.stdout.write(
            f"Deleted {deleted} report{'' if deleted == 1 else 's'} kept past their time."
        )

"""``python manage.py demo``: realistic, deterministic demo data for trying Alongside out.

It makes two teams in Leeds ("North West Leeds" and "South Leeds"), four areas named after
wards with their postcode sectors, six Local Area Coordinators (one covers two areas), a
manager of both teams, a commissioner and an administrator. Then it introduces about 200
people (``--people N``) and takes each one through the same services the screens use, so the
audit trail and record versions look like real use:

* new introductions still waiting for a first conversation (a few urgent), received in the
  last three weeks;
* information only, a connection and short-term support, some still open, some finished;
* walking alongside, about 45% of people, 10 to 25 for each coordinator: conversations, what
  matters and a vision in the person's own words, gifts (from the shared vocabulary and in
  their own words, some a family member's), family, a plan with steps and reviews, and voice;
* "not now" with every reason, stepped back with every reason, and a few re-opened;
* a directory of 27 community resources in those areas (``alongside.demo.directory``), with
  the positions of the areas' postcodes, so that searching near a person works;
* chances to contribute in every area, and for the people walked alongside or given a
  connection: connections with those resources, with groups and with each other at every
  stage (some due a follow-up today, some still going at three months), contributions, a few
  formal services, gaps where nothing fitted, what suits them and a shortlist
  (``alongside.demo.connections``).

Everything comes from fixed seeds (Faker en_GB and ``random.Random``), with dates counted back
from today, so two runs on the same day make the same people and the inbox always shows
realistic waiting times. Phone numbers are in Ofcom's ranges kept for drama (07700 900xxx,
0113 496 0xxx) and email addresses end in ``.example``.

Running it again does nothing when the demo is already there. ``--reset`` first deletes every
person, introduction, record, chance to contribute, audit entry, user, area and team
(everything but the shared vocabulary of gifts), then builds the demo again. Everyone's
password is ``walk-alongside``.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import Area, Role, Team, User
from alongside.audit.models import AuditEntry
from alongside.communities.models import CommunityConversation, Partner, Project
from alongside.connections.models import (
    Connection,
    Contribution,
    FormalService,
    Gap,
    Opportunity,
    Stage,
)
from alongside.demo.builder import Demo
from alongside.demo.communities import make_communities, remove_communities
from alongside.demo.directory import make_directory, remove_directory
from alongside.demo.impact import make_programme_costs, remove_programme_costs
from alongside.demo.outcomes import register_for_swemwbs
from alongside.demo.public import make_public
from alongside.demo.stories import MANAGER_EMAIL, MIN_PEOPLE, PASSWORD
from alongside.outcomes.models import CrisisAvoided, MeasureResponse, Story
from alongside.people.models import (
    Conversation,
    FamilyMember,
    Gift,
    IntroducerFeedback,
    Introduction,
    Level,
    Person,
    PlanReview,
    PlanStep,
    Status,
    VoiceEntry,
)


class Command(BaseCommand):
    help = (
        "Make realistic demo data: 2 teams, 4 areas, 6 coordinators, a manager, a commissioner, "
        "an administrator and about 200 people at every stage, then print the logins (password "
        f"'{PASSWORD}'). Does nothing if the demo is already there. --reset first DELETES every "
        "person, record, audit entry, user, area (with its chances to contribute) and team "
        "(keeping the gift vocabulary)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=200, help="How many people to introduce (default 200)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all people, records, audit entries, users, areas and teams first.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="With --reset, do not ask for confirmation.",
        )

    def handle(self, *args, people: int, reset: bool, interactive: bool, **options):
        verbosity = options.get("verbosity", 1)
        if people < MIN_PEOPLE:
            raise CommandError(f"--people must be at least {MIN_PEOPLE}, so every stage shows.")
        if not reset and User.objects.filter(email=MANAGER_EMAIL).exists():
            if verbosity:
                self.stdout.write(
                    f"The demo data is already there ({MANAGER_EMAIL} exists): nothing to do. "
                    "Use --reset to delete everything and build it again."
                )
            return
        if reset and interactive:
            answer = input(
                "This deletes EVERY person, record, audit entry, user, area (with its chances to "
                "contribute) and team in this database (the gift vocabulary stays). Type 'yes' "
                "to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing deleted.")
        started = time.monotonic()
        with transaction.atomic():
            if reset:
                self.flush()
            demo = Demo(people=people, today=timezone.localdate())
            register_for_swemwbs(on=demo.today)
            logins = demo.make_staff()
            # Positions of the demo areas' postcodes, for directory search by distance.
            sectors = sorted({p for area in Area.objects.all() for p in area.postcode_prefixes()})
            call_command("load_postcodes", areas=",".join(sectors), verbosity=0)
            coordinators = list(User.objects.filter(role=Role.COORDINATOR).order_by("email"))
            # The directory first: people are connected with its community resources.
            make_directory(today=demo.today, coordinators=coordinators)
            demo.make_people()
            make_communities(today=demo.today, coordinators=coordinators)
            make_programme_costs(today=demo.today)
            make_public(today=demo.today)
        elapsed = time.monotonic() - started
        if verbosity:
            self.report(logins, elapsed)

    @staticmethod
    def flush() -> None:
        remove_directory()
        remove_programme_costs()
        Person.objects.all().delete()  # cascades to introductions and every record
        remove_communities()  # partners' contributions point at chances to contribute
        IntroducerFeedback.objects.all().delete()  # answers are kept by area, not person
        Opportunity.objects.all().delete()  # chances to contribute, in the areas
        AuditEntry.objects.all().delete()
        User.objects.all().delete()
        Area.objects.all().delete()
        Team.objects.all().delete()

    def report(self, logins, elapsed: float) -> None:
        write = self.stdout.write
        people = Person.objects.all()
        write(self.style.SUCCESS(f"Demo data made in {elapsed:.1f} seconds."))
        statuses = ", ".join(
            f"{label.lower()} {people.filter(status=value).count()}"
            for value, label in Status.choices
        )
        write(f"People: {people.count()} ({statuses})")
        levels = ", ".join(
            f"{label.lower()} {people.filter(status=Status.ACTIVE, level=value).count()}"
            for value, label in Level.choices
        )
        write(f"Supported now: {levels}")
        walking = ", ".join(
            f"{user.get_short_name()} {count}"
            for user, count in (
                (u, u.people.filter(status=Status.ACTIVE, level=Level.WALKING_ALONGSIDE).count())
                for u in User.objects.filter(role=Role.COORDINATOR).order_by("pk")
            )
        )
        write(f"Walking alongside, by coordinator: {walking}")
        connections = Connection.objects.all()
        stages = ", ".join(
            f"{label.lower()} {connections.filter(stage=value).count()}"
            for value, label in Stage.choices
        )
        sustained = connections.filter(sustained_on__isnull=False).count()
        write(f"Connections: {connections.count()} ({stages}; sustained {sustained})")
        counts = (
            (Introduction, "introductions"),
            (Conversation, "conversations"),
            (Gift, "gifts"),
            (FamilyMember, "family members"),
            (PlanStep, "plan steps"),
            (PlanReview, "plan reviews"),
            (VoiceEntry, "voice entries"),
            (Contribution, "contributions"),
            (FormalService, "formal services"),
            (Gap, "gaps"),
            (Opportunity, "chances to contribute"),
            (MeasureResponse, "wellbeing measures"),
            (CrisisAvoided, "crises avoided"),
            (Story, "stories"),
            (CommunityConversation, "community conversations"),
            (Partner, "partners"),
            (Project, "community projects"),
            (AuditEntry, "audit entries"),
        )
        write("Records: " + ", ".join(f"{m.objects.count()} {label}" for m, label in counts))
        rows = [("Role", "Name", "Email", "Areas", "Password")]
        rows += [(role, u.full_name, u.email, areas, PASSWORD) for role, u, areas in logins]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        line = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
        write("")
        write(self.style.SUCCESS(f"Demo logins (everyone's password is {PASSWORD})"))
        write(self.style.MIGRATE_HEADING(line.format(*rows[0])))
        for row in rows[1:]:
            write(line.format(*row))

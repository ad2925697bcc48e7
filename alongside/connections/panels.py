"""What connections add to a community resource's page (``ALONGSIDE_RESOURCE_PANELS``)."""

from django.db.models import Count, Q

from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.directory.models import Service
from alongside.directory.panels import ResourcePanel
from alongside.people.models import Person, Status
from alongside.suppression import count_words

from .models import Connection

CHOOSABLE = 200


def resource_connections(*, user: User, service: Service) -> ResourcePanel:
    """How many people coordinators connected with the resource, and how many stayed (in
    every area, so each figure hides 1 to 4), and connecting one of the user's people."""
    counts = Connection.objects.filter(
        service=service, deleted_at__isnull=True, person__deleted_at__isnull=True
    ).aggregate(
        people=Count("person", distinct=True),
        stayed=Count("person", distinct=True, filter=Q(sustained_on__isnull=False)),
    )
    people = scoped(user, Person.objects.filter(status=Status.ACTIVE))
    if user.is_coordinator:
        people = people.filter(coordinator=user)
    return ResourcePanel(
        title="Connections through coordinators",
        template="connections/_resource_panel.html",
        context={
            "service": service,
            "people": count_words(counts["people"]),
            "stayed": count_words(counts["stayed"]) if counts["people"] >= 5 else None,
            "nobody": counts["people"] == 0,
            "choices": people.order_by("full_name").only("pk", "full_name")[:CHOOSABLE],
            "listed": service.status == "active",
        },
    )

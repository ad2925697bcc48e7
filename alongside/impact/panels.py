"""Figures added to a community resource's staff page (``ALONGSIDE_RESOURCE_PANELS``): how
many people coordinators connected with it and how many stayed, counted in every area, so
each count hides 1 to 4 (``suppression``)."""

from django.db.models import Count, Q

from alongside.accounts.models import User
from alongside.connections.models import Connection
from alongside.directory.models import Service
from alongside.directory.panels import ResourcePanel

from .suppression import SUPPRESS_BELOW, count_words


def resource_connections(*, user: User, service: Service) -> ResourcePanel:
    counts = Connection.objects.filter(
        service=service, deleted_at__isnull=True, person__deleted_at__isnull=True
    ).aggregate(
        people=Count("person", distinct=True),
        stayed=Count("person", distinct=True, filter=Q(sustained_on__isnull=False)),
    )
    return ResourcePanel(
        title="Connections through coordinators",
        template="impact/_resource_connections.html",
        context={
            "people": count_words(counts["people"]),
            "stayed": count_words(counts["stayed"]) if counts["people"] >= SUPPRESS_BELOW else None,
            "nobody": counts["people"] == 0,
        },
    )

"""What connections add to a community resource's page (``ALONGSIDE_RESOURCE_PANELS``):
connecting one of the user's people with it."""

from alongside.accounts.models import User
from alongside.accounts.scoping import scoped
from alongside.directory.models import Service
from alongside.directory.panels import ResourcePanel
from alongside.people.models import Person, Status

CHOOSABLE = 200


def connect_someone(*, user: User, service: Service) -> ResourcePanel | None:
    """A list of the user's people to connect with the resource (while it is listed)."""
    if service.status != "active":
        return None
    people = scoped(user, Person.objects.filter(status=Status.ACTIVE))
    if user.is_coordinator:
        people = people.filter(coordinator=user)
    choices = list(people.order_by("full_name").only("pk", "full_name")[:CHOOSABLE])
    if not choices:
        return None
    return ResourcePanel(
        title="Connect someone with it",
        template="connections/_resource_panel.html",
        context={"service": service, "choices": choices},
    )

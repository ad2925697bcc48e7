"""Parts of a resource's staff page that other apps add (how many people coordinators
connected with it, say), named in ``settings.ALONGSIDE_RESOURCE_PANELS``: the directory
knows nothing of them, and they import the directory, never the other way."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from alongside.accounts.models import User

from .models import Service


@dataclass(frozen=True)
class ResourcePanel:
    """A part of a resource's page: its title, the template that draws it, what it needs."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def resource_panels(*, user: User, service: Service) -> list[ResourcePanel]:
    """Each panel function is called with the user and the service, and returns a
    ``ResourcePanel`` or None (to add nothing)."""
    made = (
        import_string(path)(user=user, service=service)
        for path in settings.ALONGSIDE_RESOURCE_PANELS
    )
    return [panel for panel in made if panel is not None]

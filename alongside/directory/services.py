"""Writing the directory by hand: a coordinator adds or corrects a community resource, or
says it has been checked; an administrator queues an import. (Imports themselves write
through ``importing/writer.py``.)

A community resource is an HSDS service, whatever it is: a group, an activity, or something
that is not a service at all, such as a friendly café or a neighbour-run allotment. HSDS
gives every service an organization: it is "who runs it", and when nobody is named, the
resource runs itself (a café's organization is the café), so the organization takes its
name. The form edits a resource's first place, first time and first phone number; anything
else it has (more places, times, contacts) is left as it is.

A correction names the ``version`` its form was loaded with, and is refused with
``alongside.records.StaleVersion`` when the service has moved on since: a colleague saved it,
or an import changed it. Nothing is overwritten.

Directory records hold no personal data, so nothing here writes the audit trail; who last
checked a listing, and when, is kept on the listing.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts.models import User
from alongside.records import StaleVersion, lock

from . import postcodes
from .importing import import_run_start
from .models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Frequency,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Suggestion,
    SuggestionStatus,
    TaxonomyTerm,
)
from .models.imports import FEEDS, ImportRun
from .tasks import run_import

CATEGORY = "category"


@dataclass
class Saved:
    service: Service
    created: bool
    located: bool  # False when a postcode was given that the postcodes table does not know


def resource_initial(service: Service) -> dict[str, Any]:
    """What the form shows for an existing resource (fetched with ``services_full``), by the
    form's field names."""
    at = next(iter(service.service_at_locations.all()), None)
    location = at.location if at else None
    address = next(iter(location.addresses.all()), None) if location else None
    access = next(iter(location.accessibility.all()), None) if location else None
    schedule = next(iter(service.schedules.all()), None)
    phone = next(iter(service.phones.all()), None)
    option = next(iter(service.cost_options.all()), None)
    category = next((a for a in service.attributes.all() if a.link_type == CATEGORY), None)
    category = category or next(iter(service.attributes.all()), None)
    cost = "unknown" if option is None else ("free" if option.amount == 0 else "costs")
    organization = service.organization.name
    return {
        "name": service.name,
        "description": service.description,
        "organization_name": "" if organization == service.name else organization,
        "category": category.taxonomy_term_id if category else None,
        "location_name": location.name if location else "",
        "address_1": address.address_1 if address else "",
        "city": address.city if address else "",
        "postcode": address.postal_code if address else "",
        "accessibility": (access.description or access.accessibility) if access else "",
        "days": [d for d in (schedule.byday.upper().split(",") if schedule else []) if d],
        "opens_at": schedule.opens_at[:5] if schedule else "",
        "closes_at": schedule.closes_at[:5] if schedule else "",
        "when": schedule.description if schedule else "",
        "phone": phone.number if phone else "",
        "email": service.email,
        "url": service.url,
        "cost": cost,
        "cost_description": (option.amount_description or option.option) if option else "",
        "minimum_age": int(service.minimum_age) if service.minimum_age is not None else None,
        "maximum_age": int(service.maximum_age) if service.maximum_age is not None else None,
        "languages": ", ".join(lang.name for lang in service.languages.all() if lang.name),
    }


@transaction.atomic
def resource_save(
    *,
    user: User,
    data: dict[str, Any],
    service: Service | None = None,
    expected_version: int | None = None,
) -> Saved:
    """Add a community resource (``service`` None) or correct one, from the form's cleaned
    ``data``. Saving counts as checking it: it is marked checked today by ``user``. A
    correction raises ``StaleVersion`` (with the service as it is now) unless the service is
    still at ``expected_version``; it moves the service on to its next version."""
    created = service is None
    if service is not None:
        if expected_version is None:  # a correction that does not say which version it had
            raise StaleVersion(Service.objects.get(pk=service.pk))
        service = lock(Service, service.pk, expected_version)
    organization = _organization(data["organization_name"] or data["name"], service)
    if service is None:
        service = Service(organization=organization)
        if data.get("new_id"):  # the id the form made for it
            service.pk = data["new_id"]
    service.organization = organization
    for name in ("name", "description", "email", "url", "minimum_age", "maximum_age"):
        value = data.get(name)
        setattr(service, name, "" if value is None and name not in _NULLABLE else value)
    service.last_modified = timezone.now()
    service.last_checked_on = timezone.localdate()
    service.last_checked_by = user
    service.save()
    _category(service, data.get("category"))
    located = _place(service, data)
    _schedule(service, data)
    _phone(service, data["phone"])
    _cost(service, data["cost"], data["cost_description"])
    _languages(service, data["languages"])
    if not created:
        Service.objects.filter(pk=service.pk).update(version=F("version") + 1)
        service.refresh_from_db(fields=["version"])
    return Saved(service=service, created=created, located=located)


_NULLABLE = {"minimum_age", "maximum_age"}


@transaction.atomic
def resource_mark_checked(*, user: User, service: Service) -> Service:
    """Say that ``user`` checked the listing today and it is right. What the listing says
    does not change, so its version stays: a correction being typed is not made stale."""
    Service.objects.filter(pk=service.pk).update(
        last_checked_on=timezone.localdate(), last_checked_by=user
    )
    service.refresh_from_db()
    return service


def _organization(name: str, service: Service | None) -> Organization:
    name = name.strip()[:255]
    if service is not None and service.organization.name.casefold() == name.casefold():
        return service.organization
    found = Organization.objects.filter(source="", name__iexact=name).order_by("created_at")
    return found.first() or Organization.objects.create(name=name)


def _category(service: Service, term: TaxonomyTerm | None) -> None:
    current = list(service.attributes.filter(link_type=CATEGORY))
    if term is None:
        Attribute.objects.filter(pk__in=[a.pk for a in current if not a.source]).delete()
        return
    if any(a.taxonomy_term_id == term.pk for a in current):
        return
    Attribute.objects.filter(pk__in=[a.pk for a in current if not a.source]).delete()
    if not service.attributes.filter(taxonomy_term=term).exists():
        Attribute.objects.create(service=service, taxonomy_term=term, link_type=CATEGORY)


def _place(service: Service, data: dict) -> bool:
    """Create or update the first place; True unless its postcode could not be found."""
    at = service.service_at_locations.select_related("location").order_by("created_at").first()
    wanted = any(data.get(n) for n in ("location_name", "address_1", "postcode", "accessibility"))
    if not wanted:
        if at is not None:
            at.delete()  # the link goes; the location may be shared and stays
        return True
    point, located = None, True
    if data.get("postcode"):
        try:
            point = postcodes.locate(data["postcode"])
        except ValidationError:
            located = False
    if at is None:
        location = Location.objects.create(name=data.get("location_name") or "")
        ServiceAtLocation.objects.create(service=service, location=location)
    else:
        location = at.location
    location.name = data.get("location_name") or ""
    if data.get("postcode"):
        if point:
            location.latitude, location.longitude = (Decimal(f"{c:.6f}") for c in point)
        else:
            location.latitude = location.longitude = None
    location.save()
    address = location.addresses.order_by("created_at").first()
    if data.get("address_1") or data.get("postcode"):
        address = address or Address(location=location)
        address.address_1 = data.get("address_1") or ""
        address.city = data.get("city") or ""
        address.postal_code = data.get("postcode") or ""
        address.save()
    elif address is not None:
        address.delete()
    access = location.accessibility.order_by("created_at").first()
    if data.get("accessibility"):
        access = access or Accessibility(location=location)
        access.description = data["accessibility"]
        access.save()
    elif access is not None:
        access.delete()
    return located


def _schedule(service: Service, data: dict) -> None:
    schedule = service.schedules.order_by("created_at").first()
    days = ",".join(data.get("days") or [])
    if not (days or data.get("opens_at") or data.get("closes_at") or data.get("when")):
        if schedule is not None:
            schedule.delete()
        return
    schedule = schedule or Schedule(service=service)
    schedule.byday = days
    schedule.freq = Frequency.WEEKLY if days else ""
    schedule.opens_at = data.get("opens_at") or ""
    schedule.closes_at = data.get("closes_at") or ""
    schedule.description = data.get("when") or ""
    schedule.save()


def _phone(service: Service, number: str) -> None:
    phone = service.phones.order_by("created_at").first()
    if not number:
        if phone is not None:
            phone.delete()
        return
    phone = phone or Phone(service=service)
    phone.number = number
    phone.save()


def _cost(service: Service, cost: str, description: str) -> None:
    option = service.cost_options.order_by("created_at").first()
    if cost == "unknown" and not description:
        if option is not None:
            option.delete()
        return
    option = option or CostOption(service=service)
    option.amount = Decimal(0) if cost == "free" else None
    option.currency = "GBP" if cost == "free" else ""
    option.option = ""
    option.amount_description = description
    option.save()


def _languages(service: Service, names: list[str]) -> None:
    current = list(service.languages.all())
    if [lang.name for lang in current] == names:
        return
    Language.objects.filter(pk__in=[lang.pk for lang in current]).delete()
    Language.objects.bulk_create(Language(service=service, name=name) for name in names)


# Imports, queued for the background worker --------------------------------------------------


def import_run_queue(
    *,
    user: User,
    run_id: uuid.UUID,
    source: str,
    kind: str,
    url: str = "",
    file: UploadedFile | None = None,
    dry_run: bool = False,
) -> ImportRun:
    """Start an import run and hand it to the background worker (``tasks.run_import``): the
    feed at ``url``, or the uploaded ``file``, kept on the run until the worker reads it.
    ``run_id`` is the id the form made for the run: the same form sent twice starts one run,
    and gets the run the first one started."""
    found = ImportRun.objects.filter(pk=run_id).first()
    if found is not None:
        return found
    upload = file if kind not in FEEDS else None
    try:
        with transaction.atomic():
            run = import_run_start(
                source=source,
                kind=kind,
                location=(upload.name or "") if upload else url,
                dry_run=dry_run,
                user=user,
                run_id=run_id,
                upload=upload.read() if upload else None,
            )
    except IntegrityError:  # sent twice at once: the other request started it
        return ImportRun.objects.get(pk=run_id)
    run_import.enqueue(str(run.pk), url if upload is None else None)
    return run


# Suggestions from the public ----------------------------------------------------------------

REASON_NEEDED = "Say why it is turned down, so that the team knows later"
ALREADY_DECIDED = "This suggestion has been dealt with already"


def suggestion_initial(suggestion: Suggestion | None) -> dict[str, Any]:
    """What the form to add a resource starts with, from a suggestion of something new."""
    if suggestion is None:
        return {}
    contact = suggestion.contact.strip()
    return {
        "suggestion": suggestion.pk,
        "name": suggestion.name,
        "description": suggestion.description,
        "url": suggestion.url,
        "postcode": suggestion.postcode,
        "email": contact if "@" in contact and " " not in contact else "",
        "phone": contact if contact and "@" not in contact else "",
    }


def suggestion_add(*, service: Service | None, data: dict[str, Any]) -> Suggestion:
    """A suggestion from the public pages (a correction to ``service``, or something new),
    waiting for the team."""
    fields = ("name", "description", "url", "postcode", "contact", "details", "email")
    suggestion = Suggestion(service=service, **{f: data.get(f) or "" for f in fields})
    suggestion.full_clean()
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestion_decide(
    *, user: User, suggestion: Suggestion, accepted: bool, reason: str = ""
) -> Suggestion:
    """The team's decision: accepted (the listing added or corrected by them), or turned down
    with a reason. ``ValueError`` without a reason, or if it was decided already."""
    if not accepted and not reason.strip():
        raise ValueError(REASON_NEEDED)
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != SuggestionStatus.WAITING:
        raise ValueError(ALREADY_DECIDED)
    current.status = SuggestionStatus.ACCEPTED if accepted else SuggestionStatus.REJECTED
    current.reason = "" if accepted else reason.strip()
    current.decided_at = timezone.now()
    current.decided_by = user
    current.save()
    return current

"""Writing the directory: saving Open Referral UK 3.0 JSON from another directory.

``oruk_service_save`` (and ``oruk_organization_save``, ``oruk_service_at_location_save``,
``oruk_taxonomy_save``) create or update a record and everything nested in it, matching every
record by where it came from and the id it had there (``source``, ``source_id``), never by our
own ids. So saving the same JSON twice changes nothing, and a later import of the same
directory updates records in place.

What "in place" means:

* A list the JSON leaves out is an empty list (ORUK omits empty fields): a service's contacts,
  schedules and the like that the source no longer lists are deleted. Only records from the
  same source are deleted; what a coordinator added here stays.
* Shared records (organizations, locations, taxonomies, taxonomy terms) are updated, never
  deleted: another service may use them. A service inside a service at location (which does
  not list the service's other locations) leaves those locations alone.
* A reference to a record the source has not sent yet (an organization's parent, a term's
  parent or taxonomy) is kept as the source's id and linked when that record arrives.
* A term's taxonomy changes only when the JSON names one: terms nested in a service's
  attributes usually leave it out.
* ``last_modified`` is the source's when it gives one; otherwise the time of the save that
  changed something.

Every record is checked with the model's field validation (URLs, email addresses, choices,
lengths); bad data raises ``OrukDataError`` naming the record and the field, and nothing of
that call is saved.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

SOURCE_NEEDED = "Say which directory the data comes from: source must not be blank."


class OrukDataError(ValueError):
    """ORUK JSON that cannot be saved; the message says which record and why."""


def oruk_service_save(
    data: dict, *, source: str, organization: Organization | None = None
) -> Service:
    """Create or update a service and all its nested records from ORUK 3.0 JSON (the full
    form of ``GET /services/{id}``). Its organization comes from ``data["organization"]``, or
    is found by ``data["organization_id"]`` among the source's, or is given."""
    with transaction.atomic():
        return _Loader(source).service(data, organization=organization)


def oruk_service_at_location_save(data: dict, *, source: str) -> ServiceAtLocation:
    """Create or update a service at a location (the full form of
    ``GET /service_at_locations/{id}``): the location, the service and the link between them.
    The service's other locations are left as they are: this form does not list them."""
    with transaction.atomic():
        loader = _Loader(source)
        service = loader.service(data["service"], at_locations=False)
        return loader.service_at_location(data, service)


def oruk_organization_save(data: dict, *, source: str) -> Organization:
    """Create or update an organization, and the services nested in it, if any."""
    with transaction.atomic():
        loader = _Loader(source)
        organization = loader.organization(data)
        for service in data.get("services") or []:
            loader.service(service, organization=organization)
        return organization


def oruk_taxonomy_save(data: dict, *, source: str) -> Taxonomy:
    """Create or update a taxonomy and the terms nested in it."""
    with transaction.atomic():
        loader = _Loader(source)
        taxonomy = loader.upsert(Taxonomy, data, **_pick(data, "name description uri version"))
        loader.link_waiting(TaxonomyTerm, "taxonomy", taxonomy)
        for term in data.get("taxonomy_terms") or []:
            loader.taxonomy_term(term, taxonomy=taxonomy)
        return taxonomy


def _pick(data: dict, names: str, **renamed: str) -> dict:
    """The fields ``names`` of ``data``, plus model field ← JSON name pairs ``renamed``."""
    return {name: data.get(name) for name in names.split()} | {
        field: data.get(key) for field, key in renamed.items()
    }


SERVICE = (
    "name description url email status fees accreditations minimum_age maximum_age "
    "assured_date assurer_email alert"
)
LOCATION = (
    "location_type name description latitude longitude external_identifier external_identifier_type"
)
ADDRESS = (
    "attention address_1 address_2 city region state_province postal_code country address_type"
)
SCHEDULE = (
    "valid_from valid_to dtstart freq interval byday bymonthday description opens_at closes_at "
    "schedule_link attending_type notes"
)


class _Loader:
    def __init__(self, source: str):
        if not source:
            raise ValueError(SOURCE_NEEDED)
        self.source = source
        self.changed = False

    # One record ---------------------------------------------------------------------------

    def source_id(self, model, data: dict) -> str:
        value = data.get("id")
        if value in (None, ""):
            raise OrukDataError(f"A {model._meta.verbose_name} in the data has no id.")
        return str(value)

    def find(self, model, source_id) -> models.Model | None:
        if source_id in (None, ""):
            return None
        return model.objects.filter(source=self.source, source_id=str(source_id)).first()

    def upsert(self, model, data: dict, **values):
        """The record of ``model`` with ``data["id"]`` from this source, created or updated to
        have ``values``; saved only when something differs."""
        source_id = self.source_id(model, data)
        values = {name: self.to_python(model, source_id, name, v) for name, v in values.items()}
        record = model.objects.filter(source=self.source, source_id=source_id).first()
        if record is None:
            record = model(source=self.source, source_id=source_id, **values)
        else:
            different = {
                name: value
                for name, value in values.items()
                if _current(record, name)
                != (value.pk if isinstance(value, models.Model) else value)
            }
            if not different:
                return record
            for name, value in different.items():
                setattr(record, name, value)
        relations = [f.name for f in model._meta.fields if f.is_relation]
        try:
            record.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise OrukDataError(_describe(model, source_id, error)) from None
        record.save()
        self.changed = True
        return record

    def to_python(self, model, source_id: str, name: str, value):
        field = model._meta.get_field(name)
        if field.is_relation:
            return value
        if value is None and not field.null:
            return field.get_default()
        is_date = isinstance(field, models.DateField) and not isinstance(
            field, models.DateTimeField
        )
        if is_date and isinstance(value, str) and "T" in value:
            value = value.split("T")[0]  # a date-time where a date is wanted: its date
        try:
            value = field.to_python(value)
        except ValidationError as error:
            raise OrukDataError(_describe(model, source_id, error, name)) from None
        if isinstance(field, models.DateTimeField) and value and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def prune(self, queryset, kept: list) -> None:
        """Delete this source's records in ``queryset`` that are not ``kept``."""
        deleted, _ = (
            queryset.filter(source=self.source).exclude(pk__in=[r.pk for r in kept]).delete()
        )
        self.changed |= bool(deleted)

    def link_waiting(self, model, field: str, target) -> None:
        """Link the records of this source that were waiting for ``target`` to arrive."""
        waiting = model.objects.filter(
            source=self.source, **{f"{field}_source_id": target.source_id, field: None}
        ).exclude(pk=target.pk)
        self.changed |= bool(waiting.update(**{field: target}))

    def referenced(self, model, source_id):
        """The record a reference points at, and the reference kept as the source's id."""
        return self.find(model, source_id), "" if source_id in (None, "") else str(source_id)

    # Records and what is nested in them ---------------------------------------------------

    def service(
        self, data: dict, *, organization: Organization | None = None, at_locations: bool = True
    ) -> Service:
        changed_before, self.changed = self.changed, False
        organization = organization or self.organization_of(data)
        values = {"organization": organization, **_pick(data, SERVICE)}
        if data.get("last_modified"):
            values["last_modified"] = data["last_modified"]
        service = self.upsert(Service, data, **values)
        self.children(Schedule, data, "schedules", service=service, service_at_location=None)
        self.children(
            ServiceArea,
            data,
            "service_areas",
            service=service,
            fields="name extent extent_type uri service_area",
        )
        self.children(Language, data, "languages", service=service, phone=None)
        self.children(
            Funding,
            data,
            "funding",
            service=service,
            organization=None,
            renamed={"funded_by": "source"},
        )
        self.children(
            CostOption,
            data,
            "cost_options",
            service=service,
            fields="valid_from valid_to option amount currency amount_description",
        )
        contacts = []
        for item in data.get("contacts") or []:
            contact = self.upsert(
                Contact, item, service=service, organization=None, **_pick(item, "name title email")
            )
            self.phones(item, contact=contact)
            contacts.append(contact)
        self.prune(Contact.objects.filter(service=service), contacts)
        self.phones(data, service=service)
        self.attributes(data, service=service)
        if at_locations:
            self.service_at_locations(data, service)
        if self.changed and not data.get("last_modified"):
            service.last_modified = timezone.now()
            Service.objects.filter(pk=service.pk).update(last_modified=service.last_modified)
        self.changed |= changed_before
        return service

    def organization_of(self, data: dict) -> Organization:
        if data.get("organization"):
            return self.organization(data["organization"])
        organization = self.find(Organization, data.get("organization_id"))
        if organization is None:
            raise OrukDataError(
                f"Service {data.get('id')} has no organization, or one not yet imported from "
                f"{self.source} ({data.get('organization_id')})."
            )
        return organization

    def organization(self, data: dict) -> Organization:
        parent, parent_source_id = self.referenced(Organization, data.get("parent_organization_id"))
        organization = self.upsert(
            Organization,
            data,
            parent=parent,
            parent_source_id=parent_source_id,
            **_pick(data, "name description email website logo uri"),
        )
        self.link_waiting(Organization, "parent", organization)
        self.children(
            OrganizationIdentifier,
            data,
            "organization_identifiers",
            organization=organization,
            fields="identifier_scheme identifier_type identifier",
        )
        self.attributes(data, organization=organization)
        return organization

    def service_at_locations(self, data: dict, service: Service) -> None:
        kept = [
            self.service_at_location(item, service)
            for item in data.get("service_at_locations") or []
        ]
        self.prune(ServiceAtLocation.objects.filter(service=service), kept)

    def service_at_location(self, data: dict, service: Service) -> ServiceAtLocation:
        if data.get("location"):
            location = self.location(data["location"])
        else:
            location = self.find(Location, data.get("location_id"))
            if location is None:
                raise OrukDataError(
                    f"Service at location {data.get('id')} has no location, or one not yet "
                    f"imported from {self.source} ({data.get('location_id')})."
                )
        here = self.upsert(ServiceAtLocation, data, service=service, location=location)
        self.children(Schedule, data, "schedules", service=None, service_at_location=here)
        return here

    def location(self, data: dict) -> Location:
        fields = _pick(data, LOCATION)
        for name in ("latitude", "longitude"):  # a JSON float becomes an exact decimal
            if isinstance(fields[name], float):
                fields[name] = Decimal(repr(fields[name]))
        location = self.upsert(Location, data, **fields)
        self.children(Address, data, "addresses", location=location, fields=ADDRESS)
        self.children(
            Accessibility,
            data,
            "accessibility",
            location=location,
            fields="description details url accessibility",
        )
        self.phones(data, location=location)
        self.attributes(data, location=location)
        return location

    def phones(self, data: dict, **owner) -> None:
        kept = []
        for item in data.get("phones") or []:
            owners = {"contact": None, "service": None, "location": None, **owner}
            phone = self.upsert(Phone, item, **owners, **_pick(item, "number description"))
            self.children(Language, item, "languages", service=None, phone=phone)
            kept.append(phone)
        self.prune(Phone.objects.filter(**owner), kept)

    def attributes(self, data: dict, **owner) -> None:
        kept = []
        for item in data.get("attributes") or []:
            if item.get("taxonomy_term"):
                term = self.taxonomy_term(item["taxonomy_term"])
            else:
                term = self.find(TaxonomyTerm, item.get("taxonomy_term_id"))
                if term is None:
                    raise OrukDataError(
                        f"Attribute {item.get('id')} has no taxonomy term, or one not yet "
                        f"imported from {self.source} ({item.get('taxonomy_term_id')})."
                    )
            owners = {"service": None, "organization": None, "location": None, **owner}
            kept.append(
                self.upsert(
                    Attribute, item, taxonomy_term=term, **owners, **_pick(item, "link_type value")
                )
            )
        self.prune(Attribute.objects.filter(**owner), kept)

    def taxonomy_term(self, data: dict, taxonomy: Taxonomy | None = None) -> TaxonomyTerm:
        parent, parent_source_id = self.referenced(TaxonomyTerm, data.get("parent_id"))
        links = {"parent": parent, "parent_source_id": parent_source_id}
        if taxonomy is not None:
            links |= {"taxonomy": taxonomy, "taxonomy_source_id": taxonomy.source_id}
        elif data.get("taxonomy_id"):
            found, taxonomy_source_id = self.referenced(Taxonomy, data["taxonomy_id"])
            links |= {"taxonomy": found, "taxonomy_source_id": taxonomy_source_id}
        term = self.upsert(
            TaxonomyTerm,
            data,
            **links,
            **_pick(data, "name description term term_uri", taxonomy_name="taxonomy"),
        )
        self.link_waiting(TaxonomyTerm, "parent", term)
        return term

    def children(self, model, data: dict, key: str, *, fields: str = "", renamed=None, **owner):
        """Save the records listed under ``key``, owned by ``owner``; delete those no longer
        listed. The fields are ``fields`` (the model's own fields when not given)."""
        fields = fields or " ".join(
            f.name
            for f in model._meta.concrete_fields
            if not f.is_relation and f.name not in _RECORD_FIELDS
        )
        kept = [
            self.upsert(model, item, **owner, **_pick(item, fields, **(renamed or {})))
            for item in data.get(key) or []
        ]
        self.prune(model.objects.filter(**{k: v for k, v in owner.items() if v is not None}), kept)


_RECORD_FIELDS = {"id", "source", "source_id", "created_at", "updated_at"}


def _current(record, name: str):
    field = record._meta.get_field(name)
    return getattr(record, field.attname)


def _describe(model, source_id: str, error: ValidationError, field: str | None = None) -> str:
    problems = (
        {field: error.messages} if field else getattr(error, "message_dict", {"": error.messages})
    )
    details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in problems.items())
    return f"{model._meta.verbose_name.capitalize()} {source_id}: {details}"

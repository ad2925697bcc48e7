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
* A service's ``version`` goes up once in every save that changes it or anything in it
  (its organization, places and their addresses, times, contacts, phones, costs, categories
  and the like), so that a coordinator's form opened before is stale; a save that changes
  nothing leaves it as it is. A new service starts at 1.

Every record is checked with the model's field validation (URLs, email addresses, choices,
lengths); bad data raises ``OrukDataError`` naming the record and the field, and nothing of
that call is saved.

How: each of those functions is one use of ``OrukWriter``, which an import uses for all its
records at once. It reads every record of the source once (``_Store``), applies each record
in memory (``_Loader``; a refused record's changes are undone from a journal), and writes the
difference at the end in bulk: new rows with one prepared INSERT run for all (SQLite) or COPY
(PostgreSQL), changed rows with ``bulk_update``, deletions by id. A single save therefore
costs a read of its source; an import of 10,000 services takes seconds, not minutes.
"""

import copy
import functools
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.models import F
from django.utils import timezone

from ..models import (
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
from ..models.base import Record

SOURCE_NEEDED = "Say which directory the data comes from: source must not be blank."


class OrukDataError(ValueError):
    """ORUK JSON that cannot be saved; the message says which record and why."""


def oruk_service_save(
    data: dict, *, source: str, organization: Organization | None = None
) -> Service:
    """Create or update a service and all its nested records from ORUK 3.0 JSON (the full
    form of ``GET /services/{id}``). Its organization comes from ``data["organization"]``, or
    is found by ``data["organization_id"]`` among the source's, or is given."""
    with OrukWriter(source) as writer:
        return writer.loader.service(data, organization=organization)


def oruk_service_at_location_save(data: dict, *, source: str) -> ServiceAtLocation:
    """Create or update a service at a location (the full form of
    ``GET /service_at_locations/{id}``): the location, the service and the link between them.
    The service's other locations are left as they are: this form does not list them."""
    with OrukWriter(source) as writer:
        service = writer.loader.service(data["service"], at_locations=False)
        return writer.loader.service_at_location(data, service)


def oruk_organization_save(data: dict, *, source: str) -> Organization:
    """Create or update an organization, and the services nested in it, if any."""
    with OrukWriter(source) as writer:
        return writer.loader.organization_with_services(data)


def oruk_taxonomy_save(data: dict, *, source: str) -> Taxonomy:
    """Create or update a taxonomy and the terms nested in it."""
    with OrukWriter(source) as writer:
        return writer.loader.taxonomy(data)


class OrukWriter:
    """Saves many records of one source quickly, as an import needs: the source's records are
    read once, each record given to ``save`` is checked and applied in memory, and every
    change is written at the end (``flush``, or leaving the ``with`` block), in bulk and in one
    transaction. ``save`` raises ``OrukDataError`` for a record it refuses, and then nothing
    of that record is kept; the records saved before and after it are not affected.

        with transaction.atomic(), OrukWriter("leeds-fis") as writer:
            for data in services:
                outcome = writer.save("service", data)   # "created", "updated", "unchanged"
    """

    KINDS = ("service", "organization", "taxonomy")

    def __init__(self, source: str):
        if not source:
            raise ValueError(SOURCE_NEEDED)
        self.store = _Store(source)
        self.loader = _Loader(self.store)

    def __enter__(self):
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        return self

    def __exit__(self, kind, error, traceback):
        if error is None:
            try:
                self.flush()
            except BaseException as failure:
                self._atomic.__exit__(type(failure), failure, failure.__traceback__)
                raise
        return self._atomic.__exit__(kind, error, traceback)

    def save(self, kind: str, data: dict) -> str:
        """Apply one record (a service, an organization or a taxonomy, in full); say whether
        it was created, updated (it, or anything in it, changed) or unchanged."""
        models_of: dict[str, type[Service | Organization | Taxonomy | TaxonomyTerm | Location]] = {
            "service": Service,
            "organization": Organization,
            "taxonomy": Taxonomy,
            "taxonomy_term": TaxonomyTerm,
            "location": Location,
        }
        model = models_of[kind]
        existed = self.store.get(model, data.get("id")) is not None
        self.store.begin()
        self.loader.changed = False
        try:
            if kind == "service":
                self.loader.service(data)
            elif kind == "organization":
                self.loader.organization_with_services(data)
            elif kind == "taxonomy_term":
                self.loader.taxonomy_term_alone(data)
            elif kind == "location":
                self.loader.location(data)
            else:
                self.loader.taxonomy(data)
        except BaseException:
            self.store.undo()
            raise
        if not existed:
            return "created"
        return "updated" if self.loader.changed else "unchanged"

    def flush(self) -> None:
        self.store.write()


def _pick(data: dict, names: str, **renamed: str) -> dict:
    """The fields ``names`` of ``data``, plus model field ← JSON name pairs ``renamed``. (A
    field left out is cleared; a list of nested records left out is kept: a lighter form of
    a record, such as a page of ``/services``, has every field but no nested lists.)"""
    return {name: data.get(name) for name in names.split()} | {
        field: data.get(key) for field, key in renamed.items()
    }


SERVICE = (
    "name description url email status fees fees_description accreditations minimum_age "
    "maximum_age "
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


# The source's records, in memory ----------------------------------------------------------

R = TypeVar("R", bound=Record)

# Parents before children, so that inserting a service finds its organization's name (the
# SQLite full-text triggers read it), and foreign keys point at rows already there.
MODELS: list[type[Record]] = [
    Organization,
    OrganizationIdentifier,
    Taxonomy,
    TaxonomyTerm,
    Location,
    Address,
    Accessibility,
    Service,
    ServiceAtLocation,
    Schedule,
    ServiceArea,
    Contact,
    Phone,
    Language,
    Funding,
    CostOption,
    Attribute,
]


def _cascades(model) -> list[tuple]:
    """The (model, foreign key attname) of records deleted with a record of ``model``."""
    return [
        (rel.related_model, rel.field.attname)
        for rel in model._meta.related_objects
        if rel.on_delete is models.CASCADE and rel.related_model in MODELS
    ]


CASCADES = {model: _cascades(model) for model in MODELS}


class _Store:
    """Every record of one source, as the database holds them (read once) with the changes
    made since, which ``write`` puts into the database in bulk. Records are never changed in
    place: a change replaces a record with a changed copy, so that what the database holds is
    still known, and ``undo`` can put back what one rejected record changed."""

    def __init__(self, source: str):
        self.source = source
        # model -> pk -> the record as the database holds it
        self.saved: dict[type[Record], dict[uuid.UUID, Record]] = {}
        # model -> source id -> the record now
        self.current: dict[type[Record], dict[str, Record]] = {}
        # model -> source id -> deleted record
        self.gone: dict[type[Record], dict[str, Record]] = {model: {} for model in MODELS}
        # model -> attname -> value -> source ids of the records with that value
        self.indexes: dict[type[Record], dict[str, defaultdict[Any, set[str]]]] = {
            model: {} for model in MODELS
        }
        # what to put back on undo, since begin(): (model, source id, before, deleted before)
        self.journal: list[tuple[type[Record], str, Record | None, Record | None]] | None = None
        for model in MODELS:
            records = list(model._default_manager.filter(source=source))
            self.saved[model] = {r.pk: r for r in records}
            self.current[model] = {r.source_id: r for r in records}

    # Reading ----------------------------------------------------------------------------

    def get(self, model: type[R], source_id: object) -> R | None:
        if source_id in (None, ""):
            return None
        # self.current[model] holds records of model only
        return cast(R | None, self.current[model].get(str(source_id)))

    def with_value(self, model: type[R], attname: str, value: object) -> list[R]:
        """The records of ``model`` whose ``attname`` is ``value``."""
        indexes = self.indexes[model]
        if attname not in indexes:
            index: defaultdict[Any, set[str]] = defaultdict(set)
            for source_id, record in self.current[model].items():
                index[getattr(record, attname)].add(source_id)
            indexes[attname] = index
        held = self.current[model]
        return cast(list[R], [held[sid] for sid in indexes[attname].get(value, ())])

    # Changing ---------------------------------------------------------------------------

    def put(self, model: type[R], record: R) -> None:
        """Keep ``record`` (new, or a changed copy) as this source's record with its id."""
        self._set(model, record.source_id, record)

    def delete(self, model: type[R], record: R) -> None:
        """Delete ``record`` and what the database would delete with it."""
        self._set(model, record.source_id, None)
        for child, attname in CASCADES[model]:
            for other in self.with_value(child, attname, record.pk):
                self.delete(child, other)

    def revive(self, model: type[R], source_id: str) -> R | None:
        """A copy of the record with this id deleted earlier in this import, if any: saving it
        again keeps its own id in our database."""
        record = cast(R | None, self.gone[model].get(source_id))
        return copy.copy(record) if record is not None else None

    def _set(self, model: type[Record], source_id: str, record: Record | None) -> None:
        before = self.current[model].get(source_id)
        if self.journal is not None:
            self.journal.append((model, source_id, before, self.gone[model].get(source_id)))
        self._replace(model, source_id, before, record)
        if record is None and before is not None:
            self.gone[model][source_id] = before

    def _replace(
        self,
        model: type[Record],
        source_id: str,
        before: Record | None,
        record: Record | None,
    ) -> None:
        for attname, index in self.indexes[model].items():
            if before is not None:
                index[getattr(before, attname)].discard(source_id)
            if record is not None:
                index[getattr(record, attname)].add(source_id)
        if record is None:
            self.current[model].pop(source_id, None)
        else:
            self.current[model][source_id] = record

    def begin(self) -> None:
        self.journal = []

    def undo(self) -> None:
        """Put back everything changed since ``begin``."""
        for model, source_id, before, gone in reversed(self.journal or []):
            self._replace(model, source_id, self.current[model].get(source_id), before)
            if gone is None:
                self.gone[model].pop(source_id, None)
            else:
                self.gone[model][source_id] = gone
        self.journal = None

    # Writing ----------------------------------------------------------------------------

    def write(self) -> None:
        """Put every change into the database: new records, then changed ones, then
        deletions (after the changes, so that a record moved from a deleted one stays).
        Then every service that was there before and changed, or anything in it did, moves
        on to its next ``version``: a coordinator's form opened before the import is stale."""
        now = timezone.now()
        changes: list[
            tuple[type[Record], defaultdict[tuple[str, ...], list[Record]], list[uuid.UUID]]
        ] = []
        touched = _Touched(self)
        for model in MODELS:
            saved = self.saved[model]
            now_held = {r.pk: r for r in self.current[model].values()}
            new = [r for pk, r in now_held.items() if pk not in saved]
            _insert(model, new)
            touched.add(model, new)
            changed: defaultdict[tuple[str, ...], list[Record]] = defaultdict(list)
            for pk, record in now_held.items():
                before = saved.get(pk)
                if before is not None and before is not record:
                    fields = tuple(
                        f.name
                        for f in model._meta.concrete_fields
                        if getattr(before, f.attname) != getattr(record, f.attname)
                    )
                    if fields:
                        record.updated_at = now
                        changed[fields + ("updated_at",)].append(record)
                        touched.add(model, [before, record])
            deleted = [pk for pk in saved if pk not in now_held]
            touched.add(model, [saved[pk] for pk in deleted])
            changes.append((model, changed, deleted))
        for model, changed, _ in changes:
            for fields, records in changed.items():
                model._default_manager.bulk_update(records, fields, batch_size=500)
        for model, _, deleted in reversed(changes):
            for start in range(0, len(deleted), 500):
                model._default_manager.filter(pk__in=deleted[start : start + 500]).delete()
        bumped = touched.services()
        for start in range(0, len(bumped), 500):
            Service.objects.filter(pk__in=bumped[start : start + 500]).update(
                version=F("version") + 1
            )
        for model in MODELS:
            self.saved[model] = {r.pk: r for r in self.current[model].values()}
        self.gone = {model: {} for model in MODELS}


# What each record belongs to (its foreign keys), up to a service, an organization or a
# location: a change to any of them is a change to the services they are part of.
OWNERS = {
    OrganizationIdentifier: ("organization",),
    Address: ("location",),
    Accessibility: ("location",),
    ServiceAtLocation: ("service",),
    Schedule: ("service", "service_at_location"),
    ServiceArea: ("service",),
    Contact: ("service", "organization"),
    Phone: ("contact", "service", "location"),
    Language: ("service", "phone"),
    Funding: ("service", "organization"),
    CostOption: ("service",),
    Attribute: ("service", "organization", "location"),
}
_TOP = (Service, Organization, Location)


class _Touched:
    """The services, organizations and locations that were in the database before a write
    and that it changed, directly or through a record they own (``OWNERS``)."""

    def __init__(self, store: _Store):
        self.store = store
        self.ids: dict[type[Record], set[uuid.UUID]] = {model: set() for model in _TOP}
        # model -> pk -> record, before or after the write
        self.by_pk: dict[type[Record], dict[uuid.UUID, Record]] = {}

    def find(self, model, pk):
        if model not in self.by_pk:
            self.by_pk[model] = self.store.saved[model] | {
                r.pk: r for r in self.store.current[model].values()
            }
        return self.by_pk[model].get(pk)

    def add(self, model, records: list) -> None:
        if model in _TOP:
            before = self.store.saved[model]
            self.ids[model].update(r.pk for r in records if r.pk in before)
            return
        for name in OWNERS.get(model, ()):
            owner = model._meta.get_field(name).related_model
            for record in records:
                pk = getattr(record, f"{name}_id")
                if pk is None:
                    continue
                if owner in _TOP:
                    if pk in self.store.saved[owner]:
                        self.ids[owner].add(pk)
                elif (found := self.find(owner, pk)) is not None:
                    self.add(owner, [found])

    def services(self) -> list:
        """The ids of the services whose version goes up (read after the write: the services
        of an organization or at a location, whatever their source)."""
        ids = set(self.ids[Service])
        organizations, locations = list(self.ids[Organization]), list(self.ids[Location])
        for start in range(0, len(organizations), 500):
            part = organizations[start : start + 500]
            ids.update(Service.objects.filter(organization__in=part).values_list("pk", flat=True))
        for start in range(0, len(locations), 500):
            part = locations[start : start + 500]
            at = ServiceAtLocation.objects.filter(location__in=part)
            ids.update(at.values_list("service", flat=True))
        new = {r.pk for r in self.store.current[Service].values()} - self.store.saved[
            Service
        ].keys()
        return sorted(ids - new, key=str)  # a new service starts at version 1


# What PostgreSQL looks at again after an import: the tables a search joins. Services and
# organizations are left to its autovacuum: analysing their full-text expression indexes takes
# seconds (1.5 s for 50,000 services), and a search starts from those indexes anyway.
POSTGRES_ANALYZE = [Location, ServiceAtLocation, Attribute]


def refresh_statistics() -> None:
    """Have the database look again at the directory's tables (ANALYZE), as after a large
    import: SQLite's query planner, which never does it by itself, needs to know, say, that
    almost every service is active, to start a search from the full-text index rather than
    from the status."""
    database = connections[router.db_for_write(Service)]
    quoted = database.ops.quote_name
    with database.cursor() as cursor:
        if database.vendor == "postgresql":
            cursor.execute(
                f"ANALYZE {', '.join(quoted(m._meta.db_table) for m in POSTGRES_ANALYZE)}"
            )
        elif database.vendor == "sqlite":
            for model in MODELS:
                cursor.execute(f"ANALYZE {quoted(model._meta.db_table)}")


def _insert(model, records: list) -> None:
    """Insert new ``records`` of ``model`` (``bulk_create``, without the cost of Django's
    query compiler for each value, which is most of the time of a large import)."""
    if not records:
        return
    database = connections[router.db_for_write(model)]  # itself, not the proxy: much faster
    fields = model._meta.concrete_fields
    table = database.ops.quote_name(model._meta.db_table)
    columns = ", ".join(database.ops.quote_name(f.column) for f in fields)
    now = timezone.now()
    prepare = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for record in records:
                setattr(record, field.attname, now)
            stamp = field.get_db_prep_save(now, database)  # the same for every record
            prepare.append((field.attname, lambda value, stamp=stamp: stamp))
        else:
            prepare.append((field.attname, _for_database(field, database)))
    rows = [
        tuple(to_database(getattr(record, attname)) for attname, to_database in prepare)
        for record in records
    ]
    with database.cursor() as cursor:
        if database.vendor == "postgresql":  # COPY: many times faster than INSERT there
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
    for record in records:
        record._state.adding = False
        record._state.db = database.alias


def _for_database(field, database):
    """A function giving a value of ``field`` as the database takes it: the field's own
    conversion, but values that need none (text, and UUIDs where the database has them)
    are passed as they are, and UUIDs elsewhere are written as Django writes them."""
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.CharField | models.TextField):
        plain = str
    elif isinstance(target, models.UUIDField):
        if not database.features.has_native_uuid_field:
            return lambda value: (
                value.hex
                if value.__class__ is uuid.UUID
                else (field.get_db_prep_save(value, database))
            )
        plain = uuid.UUID
    else:
        return lambda value: field.get_db_prep_save(value, database)
    return lambda value: (
        value
        if value.__class__ is plain or value is None
        else (field.get_db_prep_save(value, database))
    )


class _Loader:
    """Turns ORUK 3.0 JSON into this source's records, in the store."""

    def __init__(self, store: _Store):
        self.store = store
        self.changed = False

    # One record ---------------------------------------------------------------------------

    def source_id(self, model, data: dict) -> str:
        value = data.get("id")
        if value in (None, ""):
            raise OrukDataError(f"A {model._meta.verbose_name} in the data has no id.")
        if len(str(value)) > 255:
            raise OrukDataError(
                f"A {model._meta.verbose_name} in the data has an id over 255 characters long."
            )
        return str(value)

    def find(self, model: type[R], source_id: object) -> R | None:
        return self.store.get(model, source_id)

    def saved(self, model: type[R], source_id: str) -> R:
        """The record of ``model`` with ``source_id``, which this save has just kept."""
        record = self.find(model, source_id)
        assert record is not None  # records just kept are never deleted in the same save
        return record

    def upsert(self, model, data: dict, **values):
        """The record of ``model`` with ``data["id"]`` from this source, created or updated to
        have ``values``; replaced only when something differs."""
        source_id = self.source_id(model, data)
        values = {name: self.clean(model, source_id, name, v) for name, v in values.items()}
        record = self.store.get(model, source_id)
        if record is None:
            record = self.store.revive(model, source_id)
            if record is None:
                record = _new(model, source=self.store.source, source_id=source_id, **values)
                self.store.put(model, record)
                self.changed = True
                return record
        else:
            different = {
                name: value
                for name, value in values.items()
                if _current(record, name)
                != (value.pk if isinstance(value, models.Model) else value)
            }
            if not different:
                return record
            record, values = copy.copy(record), different
        for name, value in values.items():
            setattr(record, name, value)
        self.store.put(model, record)
        self.changed = True
        return record

    def modify(self, model, record, **values):
        """``record`` with ``values`` changed (no checks: for links and timestamps)."""
        record = copy.copy(record)
        for name, value in values.items():
            setattr(record, name, value)
        self.store.put(model, record)
        self.changed = True
        return record

    def clean(self, model, source_id: str, name: str, value):
        """``value`` for the field ``name``, checked as the model's validation checks it
        (a missing value is the field's default; relations are checked by the database)."""
        field = model._meta.get_field(name)
        if field.is_relation:
            return value
        if value is None:
            if field.null:
                return None
            if field.blank:  # what is left out is the default, which needs no checking
                return field.get_default()
            value = field.get_default()
        is_date = isinstance(field, models.DateField) and not isinstance(
            field, models.DateTimeField
        )
        if is_date and isinstance(value, str) and "T" in value:
            value = value.split("T")[0]  # a date-time where a date is wanted: its date
        try:
            value = field.clean(value, None)
        except ValidationError as error:
            raise OrukDataError(_describe(model, source_id, error, name)) from None
        if isinstance(field, models.DateTimeField) and value and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def prune(self, model, owner: str, parent, kept: list) -> None:
        """Delete this source's records of ``model`` belonging to ``parent`` (through the
        foreign key ``owner``) that are not ``kept``."""
        keep = {record.source_id for record in kept}
        for record in self.store.with_value(model, f"{owner}_id", parent.pk):
            if record.source_id not in keep:
                self.store.delete(model, record)
                self.changed = True

    def link_waiting(self, model, field: str, target) -> None:
        """Link the records of this source that were waiting for ``target`` to arrive."""
        for record in self.store.with_value(model, f"{field}_source_id", target.source_id):
            if getattr(record, f"{field}_id") is None and record.pk != target.pk:
                self.modify(model, record, **{field: target})

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
        if "contacts" in data:
            contacts = []
            for item in data.get("contacts") or []:
                contact = self.upsert(
                    Contact,
                    item,
                    service=service,
                    organization=None,
                    **_pick(item, "name title email"),
                )
                self.phones(item, contact=contact)
                contacts.append(contact)
            self.prune(Contact, "service", service, contacts)
        self.phones(data, service=service)
        self.attributes(data, service=service)
        if at_locations:
            self.service_at_locations(data, service)
        if self.changed and not data.get("last_modified"):
            service = self.modify(Service, service, last_modified=timezone.now())
        self.changed |= changed_before
        return self.saved(Service, service.source_id)

    def organization_with_services(self, data: dict) -> Organization:
        organization = self.organization(data)
        for service in data.get("services") or []:
            self.service(service, organization=organization)
        return self.saved(Organization, organization.source_id)

    def taxonomy(self, data: dict) -> Taxonomy:
        taxonomy = self.upsert(Taxonomy, data, **_pick(data, "name description uri version"))
        self.link_waiting(TaxonomyTerm, "taxonomy", taxonomy)
        for term in data.get("taxonomy_terms") or []:
            self.taxonomy_term(term, taxonomy=taxonomy)
        return self.saved(Taxonomy, taxonomy.source_id)

    def organization_of(self, data: dict) -> Organization:
        if data.get("organization"):
            return self.organization(data["organization"])
        organization = self.find(Organization, data.get("organization_id"))
        if organization is None:
            raise OrukDataError(
                _missing(
                    "Service",
                    data.get("id"),
                    "organization",
                    data.get("organization_id"),
                    self.store.source,
                )
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
        if "service_at_locations" not in data:
            return  # a lighter form: what is held stays
        kept = [
            self.service_at_location(item, service)
            for item in data.get("service_at_locations") or []
        ]
        self.prune(ServiceAtLocation, "service", service, kept)

    def service_at_location(self, data: dict, service: Service) -> ServiceAtLocation:
        location: Location | None
        if data.get("location"):
            location = self.location(data["location"])
        else:
            location = self.find(Location, data.get("location_id"))
            if location is None:
                raise OrukDataError(
                    _missing(
                        "Service at location",
                        data.get("id"),
                        "location",
                        data.get("location_id"),
                        self.store.source,
                    )
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
        if "phones" not in data:
            return  # a lighter form: what is held stays
        kept = []
        for item in data.get("phones") or []:
            owners = {"contact": None, "service": None, "location": None, **owner}
            phone = self.upsert(Phone, item, **owners, **_pick(item, "number description"))
            self.children(Language, item, "languages", service=None, phone=phone)
            kept.append(phone)
        [(name, parent)] = owner.items()
        self.prune(Phone, name, parent, kept)

    def attributes(self, data: dict, **owner) -> None:
        if "attributes" not in data:
            return  # a lighter form: what is held stays
        kept = []
        for item in data.get("attributes") or []:
            term: TaxonomyTerm | None
            if item.get("taxonomy_term"):
                term = self.taxonomy_term(item["taxonomy_term"])
            else:
                term = self.find(TaxonomyTerm, item.get("taxonomy_term_id"))
                if term is None:
                    raise OrukDataError(
                        _missing(
                            "Attribute",
                            item.get("id"),
                            "taxonomy term",
                            item.get("taxonomy_term_id"),
                            self.store.source,
                        )
                    )
            owners = {"service": None, "organization": None, "location": None, **owner}
            kept.append(
                self.upsert(
                    Attribute, item, taxonomy_term=term, **owners, **_pick(item, "link_type value")
                )
            )
        [(name, parent)] = owner.items()
        self.prune(Attribute, name, parent, kept)

    def taxonomy_term_alone(self, data: dict) -> TaxonomyTerm:
        """A term given on its own (``GET /taxonomy_terms/{id}``): with its taxonomy, where
        the term brings it (HSDS's ``taxonomy_detail``)."""
        detail = data.get("taxonomy_detail")
        if isinstance(detail, dict) and detail.get("id"):
            return self.taxonomy_term(data, taxonomy=self.taxonomy(detail))
        return self.taxonomy_term(data)

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
        if key not in data:
            return  # a lighter form: what is held stays
        fields = fields or _own_fields(model)
        kept = [
            self.upsert(model, item, **owner, **_pick(item, fields, **(renamed or {})))
            for item in data.get(key) or []
        ]
        [(name, parent)] = [(k, v) for k, v in owner.items() if v is not None]
        self.prune(model, name, parent, kept)


_RECORD_FIELDS = {"id", "source", "source_id", "created_at", "updated_at"}


def _missing(what: str, record_id, needs: str, needed_id, source: str) -> str:
    """Why a record that needs another cannot be saved, naming the id it gave, if any."""
    if needed_id in (None, ""):
        return f"{what} {record_id} names no {needs} (neither one in it nor a {needs} id)."
    return f"{what} {record_id} names {needs} {needed_id}, which is not in {source} (yet)."


def _new(model, **values):
    """A new record of ``model`` with ``values`` (by field name; related records or None for
    foreign keys) and the defaults: as ``model(**values)``, in a third of the time."""
    args = []
    for field, default in _defaults(model):
        value = values.get(field.name, default)
        if value is _MAKE:
            value = field.get_default()
        elif isinstance(value, models.Model):
            value = value.pk
        args.append(value)
    return model(*args)


_MAKE = object()  # a default made for each record (a new UUID)


@functools.cache
def _defaults(model) -> list[tuple]:
    return [
        (field, _MAKE if callable(field.default) else field.get_default())
        for field in model._meta.concrete_fields
    ]


@functools.cache
def _own_fields(model) -> str:
    return " ".join(
        f.name
        for f in model._meta.concrete_fields
        if not f.is_relation and f.name not in _RECORD_FIELDS
    )


def _current(record, name: str):
    field = record._meta.get_field(name)
    return getattr(record, field.attname)


def _describe(model, source_id: str, error: ValidationError, field: str | None = None) -> str:
    problems = (
        {field: error.messages} if field else getattr(error, "message_dict", {"": error.messages})
    )
    details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in problems.items())
    return f"{model._meta.verbose_name.capitalize()} {source_id}: {details}"

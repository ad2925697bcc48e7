"""Reading an HSDS 3.0 tabular data package (a folder, its ``datapackage.json`` or a zip of
either) into ORUK 3.0 services, each with everything about it nested, as a feed gives them.
An HSDS 1.1 package is recognised and read as 1.1 (``hsds11``), its tables mapped onto 3.0's.

``services.csv`` is required; the other tables are read when present (their files named as
``datapackage.json`` says, or as the standard names them). A table row may name several
owners (HSDS lets a phone belong to a location, a service and a contact at once); in the
directory each detail has one, the most specific the row names that the directory keeps:

* phone: its contact, else its service, else its location;
* language: its phone, else its service;
* schedule: its service at a location, else its service;
* contact, funding, cost option, service area: its service;
* attribute: the service, organization or location of ``link_entity`` and ``link_id``.

Rows with no owner the directory keeps (an organization's contacts, a location's own
schedules, programs, required documents, metadata), and columns the directory does not keep,
are left out and listed in the report. Organizations, taxonomies, taxonomy terms and locations
no service brings with it are imported as records of their own, so that nothing in the
package is silently lost.
"""

from collections import Counter, defaultdict

from . import hsds11
from .hsds_package import Package
from .hsds_tables import TABLES
from .records import Batch, Candidate, ImportAborted

NO_SERVICES_TABLE = "{name} has no services.csv. Nothing was imported."
UNKEPT_COLUMNS = "Columns the directory does not keep were left out: {columns}."
UNKEPT_ROWS = "{count} {table} {rows} left out: {why}."
UNREAD_TABLES = "Tables the directory does not read were left out: {tables}."

# The columns read from each table; any other column with a value is reported left out.
READ = {
    "organization": "id name description email website logo uri parent_organization_id",
    "service": (
        "id organization_id name description url email status fees fees_description "
        "accreditations minimum_age maximum_age assured_date assurer_email alert last_modified"
    ),
    "attribute": "id link_id taxonomy_term_id link_type link_entity value",
    "service_at_location": "id service_id location_id",
    "location": (
        "id location_type name description latitude longitude external_identifier "
        "external_identifier_type"
    ),
    "phone": "id location_id service_id contact_id number description",
    "contact": "id service_id name title email",
    "address": (
        "id location_id attention address_1 address_2 city region state_province postal_code "
        "country address_type"
    ),
    "schedule": (
        "id service_id service_at_location_id valid_from valid_to dtstart freq interval byday "
        "bymonthday description opens_at closes_at schedule_link attending_type notes"
    ),
    "funding": "id service_id source",
    # ORUK's own columns beside HSDS's (service_area, accessibility, term): kept, as the JSON
    # import keeps them.
    "service_area": "id service_id name extent extent_type uri service_area",
    "language": "id service_id phone_id name code note",
    "accessibility": "id location_id description details url accessibility",
    "taxonomy_term": "id code name description parent_id taxonomy taxonomy_id term_uri term",
    "cost_option": "id service_id valid_from valid_to option currency amount amount_description",
    "organization_identifier": "id organization_id identifier_scheme identifier_type identifier",
    "taxonomy": "id name description uri version",
}


# Building the records ---------------------------------------------------------------------


def _fields(row: dict, names: str, **renamed: str) -> dict:
    values = {name: row.get(name) for name in names.split()}
    values |= {new: row.get(old) for new, old in renamed.items()}
    return {k: v for k, v in values.items() if v is not None}


class _Builder:
    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables
        self.by_id = {
            resource: {row["id"]: row for row in rows if row.get("id")}
            for resource, rows in tables.items()
        }
        self.children: dict = defaultdict(list)  # (owner resource, owner id, kind) -> rows
        self.unkept: Counter = Counter()  # (table, why) -> rows

    def has(self, resource: str, row_id) -> bool:
        return row_id is not None and row_id in self.by_id.get(resource, {})

    def place(self, kind: str, owners: list[tuple[str, str]], why: str) -> None:
        """Put each row of ``kind`` under the first of ``owners`` (resource, column) it
        names that exists."""
        for row in self.tables.get(kind, []):
            for resource, column in owners:
                if self.has(resource, row.get(column)):
                    self.children[(resource, row[column], kind)].append(row)
                    break
            else:
                self.unkept[(kind, why)] += 1

    def place_attributes(self) -> None:
        for row in self.tables.get("attribute", []):
            entity, link = row.get("link_entity"), row.get("link_id")
            owners = [e for e in ("service", "organization", "location") if self.has(e, link)]
            if entity in owners:
                owners = [entity]
            if owners:
                self.children[(owners[0], link, "attribute")].append(row)
            else:
                self.unkept[("attribute", "they link to no service, organization or location")] += 1

    def terms_alone(self) -> list[dict]:
        """The terms saved neither inside a taxonomy of the package nor inside an attribute
        that uses them: records of their own."""
        used = {
            row.get("taxonomy_term_id")
            for (_, _, kind), rows in self.children.items()
            if kind == "attribute"
            for row in rows
        }
        taxonomies = set(self.by_id.get("taxonomy", {}))
        return [
            term
            for term in self.tables.get("taxonomy_term", [])
            if term.get("id") not in used and term.get("taxonomy_id") not in taxonomies
        ]

    def locations_alone(self) -> list[dict]:
        """The locations no service is delivered at: records of their own."""
        used = {row.get("location_id") for row in self.tables.get("service_at_location", [])}
        return [row for row in self.tables.get("location", []) if row.get("id") not in used]

    def of(self, resource: str, row_id: str, kind: str) -> list[dict]:
        return self.children.get((resource, row_id, kind), [])

    def term(self, row: dict) -> dict:
        data = _fields(row, "id name description parent_id taxonomy taxonomy_id term_uri")
        code = row.get("term") or row.get("code")  # ORUK's name for it, or HSDS's
        return data | ({"term": code} if code is not None else {})

    def attributes(self, resource: str, row_id: str) -> list[dict]:
        result = []
        for row in self.of(resource, row_id, "attribute"):
            attribute = _fields(row, "id link_type value taxonomy_term_id")
            term = self.by_id.get("taxonomy_term", {}).get(row.get("taxonomy_term_id"))
            if term is not None:
                attribute["taxonomy_term"] = self.term(term)
            result.append(attribute)
        return result

    def phones(self, resource: str, row_id: str) -> list[dict]:
        return [
            _fields(row, "id number description")
            | {
                "languages": [
                    _fields(x, "id name code note") for x in self.of("phone", row["id"], "language")
                ]
            }
            for row in self.of(resource, row_id, "phone")
        ]

    def schedules(self, resource: str, row_id: str) -> list[dict]:
        return [
            _fields(
                row,
                "id valid_from valid_to dtstart freq interval byday bymonthday description "
                "opens_at closes_at schedule_link attending_type notes",
            )
            for row in self.of(resource, row_id, "schedule")
        ]

    def organization(self, row: dict) -> dict:
        return _fields(row, "id name description email website logo uri parent_organization_id") | {
            "organization_identifiers": [
                _fields(x, "id identifier_scheme identifier_type identifier")
                for x in self.of("organization", row["id"], "organization_identifier")
            ],
            "attributes": self.attributes("organization", row["id"]),
        }

    def location(self, row: dict) -> dict:
        location_id = row["id"]
        return _fields(
            row,
            "id location_type name description latitude longitude external_identifier "
            "external_identifier_type",
        ) | {
            "addresses": [
                _fields(
                    x,
                    "id attention address_1 address_2 city region state_province postal_code "
                    "country address_type",
                )
                for x in self.of("location", location_id, "address")
            ],
            "accessibility": [
                _fields(x, "id description details url accessibility")
                for x in self.of("location", location_id, "accessibility")
            ],
            "phones": self.phones("location", location_id),
            "attributes": self.attributes("location", location_id),
        }

    def service(self, row: dict) -> dict:
        sid = row["id"]
        data = _fields(
            row,
            "id name description url email status accreditations minimum_age maximum_age "
            "assured_date assurer_email alert last_modified",
        )
        for name in ("fees", "fees_description"):
            if row.get(name):
                data[name] = row[name]
        organization = self.by_id.get("organization", {}).get(row.get("organization_id"))
        if organization is not None:
            data["organization"] = self.organization(organization)
        elif row.get("organization_id"):
            data["organization_id"] = row["organization_id"]
        data["schedules"] = self.schedules("service", sid)
        data["service_areas"] = [
            _fields(x, "id name extent extent_type uri service_area")
            for x in self.of("service", sid, "service_area")
        ]
        data["languages"] = [
            _fields(x, "id name code note") for x in self.of("service", sid, "language")
        ]
        data["funding"] = [_fields(x, "id source") for x in self.of("service", sid, "funding")]
        data["cost_options"] = [
            _fields(x, "id valid_from valid_to option currency amount amount_description")
            for x in self.of("service", sid, "cost_option")
        ]
        data["contacts"] = [
            _fields(x, "id name title email") | {"phones": self.phones("contact", x["id"])}
            for x in self.of("service", sid, "contact")
        ]
        data["phones"] = self.phones("service", sid)
        data["attributes"] = self.attributes("service", sid)
        data["service_at_locations"] = []
        for here in self.of("service", sid, "service_at_location"):
            item = {
                "id": here["id"],
                "schedules": self.schedules("service_at_location", here["id"]),
            }
            location = self.by_id.get("location", {}).get(here.get("location_id"))
            if location is not None:
                item["location"] = self.location(location)
            elif here.get("location_id"):
                item["location_id"] = here["location_id"]
            data["service_at_locations"].append(item)
        return data


def read_hsds_csv(source, *, name: str) -> Batch:
    """Phase 1 for an HSDS CSV package: ``source`` is a folder, a path to its
    datapackage.json or to a zip, or an open zip file."""
    package = Package(source, name)
    why = hsds11.recognised(package)
    if why is not None:
        tables, notes, files = hsds11.read_hsds11_tables(package, name=name, why=why)
        return build_batch(tables, [], notes, files=files)
    tables = {}
    for resource in TABLES:
        rows = package.table(resource)
        if rows is not None:
            tables[resource] = rows
    if "service" not in tables:
        raise ImportAborted(NO_SERVICES_TABLE.format(name=name))
    return build_batch(tables, package.unread())


def build_batch(
    tables: dict[str, list[dict]], unread: list[str], notes=(), files: dict | None = None
) -> Batch:
    """The records of an HSDS 3.0 package's ``tables`` (resource -> rows), each with
    everything about it nested; ``unread`` names the files not read, ``notes`` says what
    else was left out (for a package read as another version)."""
    build = _Builder(tables)
    build.place("service_at_location", [("service", "service_id")], "they name no service")
    build.place("contact", [("service", "service_id")], "they are not a service's contacts")
    build.place(
        "phone",
        [("contact", "contact_id"), ("service", "service_id"), ("location", "location_id")],
        "they belong to no contact, service or location",
    )
    build.place(
        "language",
        [("phone", "phone_id"), ("service", "service_id")],
        "they belong to no phone or service",
    )
    build.place(
        "schedule",
        [("service_at_location", "service_at_location_id"), ("service", "service_id")],
        "they belong to no service or service at a location",
    )
    for kind in ("funding", "cost_option", "service_area"):
        build.place(kind, [("service", "service_id")], "they belong to no service")
    build.place("address", [("location", "location_id")], "they belong to no location")
    build.place("accessibility", [("location", "location_id")], "they belong to no location")
    build.place(
        "organization_identifier",
        [("organization", "organization_id")],
        "they belong to no organization",
    )
    build.place_attributes()

    batch = Batch(left_out=list(notes))
    for row in tables.get("taxonomy", []):
        data = _fields(row, "id name description uri version")
        data["taxonomy_terms"] = [
            build.term(t)
            for t in tables.get("taxonomy_term", [])
            if t.get("taxonomy_id") == row.get("id")
        ]
        batch.records.append(
            Candidate("taxonomy", row.get("id") or "", row.get("name") or "", data)
        )
    for row in build.terms_alone():
        batch.records.append(
            Candidate("taxonomy_term", row.get("id") or "", row.get("name") or "", build.term(row))
        )
    used = {row.get("organization_id") for row in tables["service"]}
    for row in tables.get("organization", []):
        if row.get("id") not in used:
            data = build.organization(row) if row.get("id") else dict(row)
            batch.records.append(
                Candidate("organization", row.get("id") or "", row.get("name") or "", data)
            )
    for row in build.locations_alone():
        data = build.location(row) if row.get("id") else dict(row)
        batch.records.append(
            Candidate("location", row.get("id") or "", row.get("name") or "", data)
        )
    for row in tables["service"]:
        data = build.service(row) if row.get("id") else _fields(row, "name")
        batch.records.append(Candidate("service", row.get("id") or "", row.get("name") or "", data))
    batch.left_out += _unkept_notes(tables, build.unkept, files or {})
    if unread:
        batch.left_out.append(UNREAD_TABLES.format(tables=", ".join(unread)))
    return batch


def _unkept_notes(tables: dict, unkept: Counter, files: dict) -> list[str]:
    notes = []
    for (kind, why), count in sorted(unkept.items()):
        table = files.get(kind) or TABLES[kind][0]
        notes.append(
            UNKEPT_ROWS.format(
                count=count, table=table, rows="row" if count == 1 else "rows", why=why
            )
        )
    for kind in ("program", "required_document", "metadata", "meta_table_description"):
        if tables.get(kind):
            count = len(tables[kind])
            why = "the directory does not keep them"
            notes.append(
                UNKEPT_ROWS.format(
                    count=count,
                    table=TABLES[kind][0],
                    rows="row" if count == 1 else "rows",
                    why=why,
                )
            )
    columns = []
    for kind, rows in tables.items():
        if kind not in READ:
            continue
        read = set(READ[kind].split())
        with_values = sorted({k for row in rows for k, v in row.items() if v is not None} - read)
        columns += [f"{TABLES[kind][0].removesuffix('.csv')}.{c}" for c in with_values]
    if columns:
        notes.append(UNKEPT_COLUMNS.format(columns=", ".join(columns)))
    return notes

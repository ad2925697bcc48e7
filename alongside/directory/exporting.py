"""Exporting the whole directory, for another directory to import:

* **JSON**: a list of every service in full, in the ORUK 3.0 form of ``GET /services/{id}``
  (``serializers.service_full``). ``directory_import --hsds-json`` reads it back.
* **HSDS CSV**: the HSDS 3.0 tabular data package — ``datapackage.json`` and one CSV file per
  table, with the columns of the standard's example package, in its order (tables and columns
  the directory does not keep are there, empty), then ORUK's own columns that HSDS's tables
  have no place for (a service area's ``service_area``, an accessibility's
  ``accessibility``), which the CSV import reads back. Every record is in it, including
  organizations without services and taxonomies with their terms.

Both hold every record the directory keeps: the JSON export also lists the taxonomies with
their terms, the terms of no taxonomy, the organizations without services and the locations
no service is delivered at, each as a document of its own.

Ids are the directory's own (as in the ORUK API), not the ids records had in the directories
they were imported from. A reference to a record that has not arrived (an organization's
parent, a term's parent) is left empty, as the API leaves it out.
"""

import csv
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db.models import Field, Model
from django.utils import timezone

from alongside.spreadsheets import safe_cell

from . import queries, serializers
from .importing.hsds_tables import TABLES, columns, field_schema
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

# The model behind each table, and its columns whose values are not the model's own field of
# the same name. A table without a model is written with its header only.
MODELS = {
    "organization": (Organization, {"parent_organization_id": "parent_id"}),
    "service": (Service, {}),
    "attribute": (Attribute, {}),
    "service_at_location": (ServiceAtLocation, {}),
    "location": (Location, {}),
    "phone": (Phone, {}),
    "contact": (Contact, {}),
    "address": (Address, {}),
    "schedule": (Schedule, {}),
    "funding": (Funding, {"source": "funded_by"}),
    "service_area": (ServiceArea, {}),
    "language": (Language, {}),
    "accessibility": (Accessibility, {}),
    "taxonomy_term": (TaxonomyTerm, {"code": "term", "taxonomy": "taxonomy_name"}),
    "cost_option": (CostOption, {}),
    "organization_identifier": (OrganizationIdentifier, {}),
    "taxonomy": (Taxonomy, {}),
}
# ORUK 3.0's own columns, after HSDS's: kept by the directory, so written (and read back).
ORUK_COLUMNS = {"service_area": ["service_area"], "accessibility": ["accessibility"]}
PACKAGE = {
    "name": "alongside-directory",
    "title": "Community directory exported from Alongside",
    "profile": "tabular-data-package",
    "version": "3.0.0",
    "homepage": "http://docs.openreferral.org",
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(serializers.json_number(value))
    if isinstance(value, datetime):
        return serializers.json_datetime(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell(value)  # never a live formula in a spreadsheet (read back as it was)
    return str(value)


@cache
def _fields(model: type[Model]) -> dict[str, Field]:
    """The model's concrete fields by name and by column name (``service`` and ``service_id``)."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    return fields | {f.attname: f for f in model._meta.concrete_fields}


def _value(record: Model, column: str, renamed: dict[str, str]) -> str:
    field = _fields(type(record)).get(renamed.get(column, column))
    if field is not None:
        return _cell(getattr(record, field.attname))
    if isinstance(record, Attribute) and column in ("link_id", "link_entity"):
        return _cell(getattr(record, column))
    return ""  # a column the directory does not keep


def _columns(resource: str) -> list[str]:
    return columns(resource) + ORUK_COLUMNS.get(resource, [])


def export_hsds_csv(folder: Path | str) -> dict[str, int]:
    """Write the HSDS 3.0 tabular data package into ``folder`` (made if need be). Returns the
    number of rows written to each table."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for resource, (file_name, _) in TABLES.items():
        names = _columns(resource)
        model, renamed = MODELS.get(resource, (None, {}))
        with open(folder / file_name, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(names)
            count = 0
            if model is not None:
                for record in model._default_manager.order_by("created_at", "id").iterator(
                    chunk_size=500
                ):
                    writer.writerow([_value(record, c, renamed) for c in names])
                    count += 1
        written[file_name] = count
    descriptor = PACKAGE | {
        "created": _cell(timezone.now().astimezone(UTC)),
        "resources": [
            {
                "name": resource,
                "path": file_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [field_schema(resource, c) for c in _columns(resource)],
                    "primaryKey": "id",
                },
            }
            for resource, (file_name, _) in TABLES.items()
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n")
    return written


def export_json(out) -> int:
    """Write the directory as a JSON list to the text file ``out``: every taxonomy with its
    terms, the terms of no taxonomy, the organizations with no services and the locations
    with no service first (so that what the services refer to comes before them), then
    every service in full. Returns how
    many services. ``directory_import --hsds-json`` reads all of it back."""
    services = queries.services_full().order_by("name", "id")
    out.write("[")
    count = 0
    others = [
        *(
            serializers.taxonomy(t, terms=True)
            for t in Taxonomy.objects.prefetch_related("terms").order_by("name", "id")
        ),
        *(
            serializers.taxonomy_term(t)
            for t in TaxonomyTerm.objects.filter(taxonomy__isnull=True).order_by("name", "id")
        ),
        *(
            serializers.organization(o, full=True)
            for o in Organization.objects.filter(services__isnull=True)
            .prefetch_related("identifiers", "attributes__taxonomy_term")
            .order_by("name", "id")
        ),
        *(
            serializers.location(place, full=True)
            for place in queries.locations_full(
                Location.objects.filter(service_at_locations__isnull=True)
            )
        ),
    ]
    for n, document in enumerate(others):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(document, ensure_ascii=False, indent=2))
    written = len(others)
    for service in services.iterator(chunk_size=200):
        out.write(",\n" if written else "\n")
        written += 1
        out.write(json.dumps(serializers.service_full(service), ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if written else "]\n")
    return count

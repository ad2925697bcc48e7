"""Reading an HSDS 1.1 tabular data package as what it is, not as 3.0: each 1.1 table mapped,
field by field, onto the HSDS 3.0 tables the directory reads, from which
``hsds_csv.build_batch`` builds the records.

A package is 1.1 when its ``datapackage.json`` says version 1.x, or when it has a table only
1.1 has (physical or postal addresses, regular or holiday schedules, services' taxonomy,
accessibility for disabilities, payments accepted, eligibility), or when its ``taxonomy.csv``
lists terms (with ``parent_id`` or ``vocabulary``) rather than taxonomies.

======================================  ====================================================
1.1                                     the directory (HSDS 3.0)
======================================  ====================================================
organization.url                        organization.website
taxonomy (terms: vocabulary, parent)    taxonomy terms (vocabulary as ``taxonomy``, the
                                        parent by its id); no taxonomies: 1.1 has none
service_taxonomy                        the service's attributes (taxonomy_detail as value)
physical_address, postal_address        the location's addresses, of that address_type
                                        (address_3 and address_4 after address_2)
regular_schedule                        schedules: freq WEEKLY, weekday as byday (a name,
                                        or 1 to 7 from Monday as ISO 8601 counts), opens_at,
                                        closes_at
holiday_schedule                        schedules from start_date (valid_from, dtstart) to
                                        end_date (valid_to), described as closed or as
                                        holiday hours, with opens_at and closes_at
accessibility_for_disabilities          the location's accessibility (accessibility as
                                        description and as ORUK's accessibility; details)
language.language, service_area         languages and service areas with their names
phone.language                          a language of that phone
======================================  ====================================================

Not kept, and said so in the report, table by table: eligibility (the directory has no field
for eligibility words), payments accepted, programs, required documents, metadata; and the
columns the directory has no field for (alternate names, tax status, transportation…).
"""

from .hsds_package import Package
from .records import ImportAborted

RECOGNISED = "Read as an HSDS 1.1 package ({why}): its tables mapped onto HSDS 3.0's."
NO_SERVICES_TABLE = "{name} has no services.csv. Nothing was imported."
NOT_KEPT = "{count} {table} {rows} left out: {why}."
UNKEPT_COLUMNS = "Columns the directory does not keep were left out: {columns}."
UNREAD_TABLES = "Tables the directory does not read were left out: {tables}."

# Each 1.1 table: its file names (the standard's, then the singular), the columns mapped.
TABLES = {
    "organization": (
        ["organizations.csv", "organization.csv"],
        "id name description email url",
    ),
    "service": (
        ["services.csv", "service.csv"],
        "id organization_id name description url email status fees accreditations",
    ),
    "taxonomy": (["taxonomy.csv", "taxonomies.csv"], "id name parent_id vocabulary"),
    "service_taxonomy": (
        ["services_taxonomy.csv", "service_taxonomy.csv"],
        "id service_id taxonomy_id taxonomy_detail",
    ),
    "location": (["locations.csv", "location.csv"], "id name description latitude longitude"),
    "service_at_location": (
        ["services_at_location.csv", "service_at_location.csv"],
        "id service_id location_id",
    ),
    "contact": (["contacts.csv", "contact.csv"], "id service_id name title email"),
    "phone": (
        ["phones.csv", "phone.csv"],
        "id location_id service_id contact_id number description language",
    ),
    "physical_address": (
        ["physical_addresses.csv", "physical_address.csv"],
        "id location_id attention address_1 address_2 address_3 address_4 city region "
        "state_province postal_code country",
    ),
    "postal_address": (
        ["postal_addresses.csv", "postal_address.csv"],
        "id location_id attention address_1 address_2 address_3 address_4 city region "
        "state_province postal_code country",
    ),
    "regular_schedule": (
        ["regular_schedules.csv", "regular_schedule.csv"],
        "id service_id service_at_location_id weekday opens_at closes_at",
    ),
    "holiday_schedule": (
        ["holiday_schedules.csv", "holiday_schedule.csv"],
        "id service_id service_at_location_id closed opens_at closes_at start_date end_date",
    ),
    "funding": (["funding.csv", "fundings.csv"], "id service_id source"),
    "service_area": (["service_areas.csv", "service_area.csv"], "id service_id service_area"),
    "language": (["languages.csv", "language.csv"], "id service_id language"),
    "accessibility_for_disabilities": (
        ["accessibility_for_disabilities.csv"],
        "id location_id accessibility details",
    ),
    # Not kept: the directory has no place for them.
    "eligibility": (["eligibility.csv", "eligibilities.csv"], ""),
    "payment_accepted": (["payments_accepted.csv", "payment_accepted.csv"], ""),
    "program": (["programs.csv", "program.csv"], ""),
    "required_document": (["required_documents.csv", "required_document.csv"], ""),
    "metadata": (["metadata.csv"], ""),
    "meta_table_description": (["meta_table_descriptions.csv", "meta_table_description.csv"], ""),
}
WHY_NOT_KEPT = {
    "eligibility": "the directory has no field for eligibility words (such as 'adult')",
    "payment_accepted": "the directory has no field for the payments a service accepts",
    "program": "the directory does not keep programs",
    "required_document": "the directory does not keep required documents",
    "metadata": "the directory does not keep metadata",
    "meta_table_description": "the directory does not keep table descriptions",
}
ONLY_IN_1_1 = [
    "physical_address",
    "postal_address",
    "regular_schedule",
    "holiday_schedule",
    "service_taxonomy",
    "accessibility_for_disabilities",
    "payment_accepted",
    "eligibility",
]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
NAMES = {
    name: code
    for code, names in zip(
        DAYS,
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ],
        strict=True,
    )
    for name in (*names, code.lower())
}
TRUE = {"true", "yes", "1", "y", "t"}


def _paths(package: Package) -> dict[str, str]:
    """The file of each 1.1 table the package has: as datapackage.json names it, or as the
    standard does, or in the singular."""
    present = set(package.files())
    paths = {}
    for table, (files, _) in TABLES.items():
        described = package.described.get(table)
        for file in ([described] if described else []) + files:
            if file.rsplit("/", 1)[-1] in present:
                paths[table] = file
                break
    return paths


def recognised(package: Package) -> str | None:
    """Why ``package`` is HSDS 1.1, or None when it is not."""
    if package.version.startswith("1."):
        return f"its datapackage.json says version {package.version}"
    paths = _paths(package)
    only = [paths[t].rsplit("/", 1)[-1] for t in ONLY_IN_1_1 if t in paths]
    if only:
        return f"it has {', '.join(only)}, which only HSDS 1.1 has"
    if "taxonomy" in paths:
        columns = set(package.columns(paths["taxonomy"]) or [])
        if {"vocabulary", "parent_id"} & columns and "version" not in columns:
            return f"its {paths['taxonomy']} lists terms, with parent_id or vocabulary"
    return None


def read_hsds11_tables(package: Package, *, name: str, why: str):
    """The package's 1.1 tables as HSDS 3.0 tables, the notes of what was left out, and the
    file each 3.0 table came from (for the report)."""
    paths = _paths(package)
    tables = {}
    for table, path in paths.items():
        wanted = {"id"} | ({"name"} if table == "service" else set())
        tables[table] = package.rows(path, wanted) or []
    if "service" not in tables:
        raise ImportAborted(NO_SERVICES_TABLE.format(name=name))
    notes = [RECOGNISED.format(why=why)]
    for table, why_not in WHY_NOT_KEPT.items():
        count = len(tables.get(table) or [])
        if count:
            word = "row" if count == 1 else "rows"
            notes.append(NOT_KEPT.format(count=count, table=paths[table], rows=word, why=why_not))
    columns = []
    for table, rows in tables.items():
        mapped = set(TABLES[table][1].split())
        if not mapped:
            continue
        with_values = sorted({k for row in rows for k, v in row.items() if v is not None} - mapped)
        columns += [
            f"{paths[table].rsplit('/', 1)[-1].removesuffix('.csv')}.{c}" for c in with_values
        ]
    if columns:
        notes.append(UNKEPT_COLUMNS.format(columns=", ".join(columns)))
    read = {path.rsplit("/", 1)[-1] for path in paths.values()}
    unread = [file for file in package.files() if file not in read]
    if unread:
        notes.append(UNREAD_TABLES.format(tables=", ".join(unread)))
    files = {
        "organization": paths.get("organization"),
        "service": paths.get("service"),
        "taxonomy_term": paths.get("taxonomy"),
        "attribute": paths.get("service_taxonomy"),
        "location": paths.get("location"),
        "service_at_location": paths.get("service_at_location"),
        "contact": paths.get("contact"),
        "phone": paths.get("phone"),
        "address": "physical or postal address",
        "schedule": "regular or holiday schedule",
        "funding": paths.get("funding"),
        "service_area": paths.get("service_area"),
        "language": paths.get("language"),
        "accessibility": paths.get("accessibility_for_disabilities"),
    }
    return as_hsds_3(tables), notes, {k: v for k, v in files.items() if v}


def _pick(row: dict, names: str, **renamed: str) -> dict:
    values = {name: row.get(name) for name in names.split()}
    return values | {new: row.get(old) for new, old in renamed.items()}


def _apart(rows: list[dict], taken: set, suffix: str) -> list[dict]:
    """``rows`` with an id that another table already uses given ``suffix``: two 1.1 tables
    (regular and holiday schedules, physical and postal addresses) become one in 3.0."""
    result = []
    for row in rows:
        if row.get("id") in taken:
            row = row | {"id": f"{row['id']}-{suffix}"}
        result.append(row)
    return result


def byday(weekday) -> str | None:
    """A 1.1 weekday as an iCalendar day: a name (Monday, mon) or a number from 1, Monday,
    to 7, Sunday (ISO 8601)."""
    text = str(weekday or "").strip().lower()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 7:
        return DAYS[int(text) - 1]
    return NAMES.get(text) or (text.upper()[:2] if text else None)


def as_hsds_3(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The 1.1 ``tables`` as the HSDS 3.0 tables they map onto."""
    t = {table: tables.get(table) or [] for table in TABLES}
    physical = t["physical_address"]
    postal = _apart(t["postal_address"], {r.get("id") for r in physical}, "postal")
    regular = t["regular_schedule"]
    holiday = _apart(t["holiday_schedule"], {r.get("id") for r in regular}, "holiday")
    phones = t["phone"]
    return {
        "organization": [
            _pick(r, "id name description email", website="url") for r in t["organization"]
        ],
        "service": [
            _pick(r, "id organization_id name description url email status fees accreditations")
            for r in t["service"]
        ],
        "taxonomy_term": [
            _pick(r, "id name parent_id", taxonomy="vocabulary") for r in t["taxonomy"]
        ],
        "attribute": [
            _pick(
                r,
                "id",
                link_id="service_id",
                taxonomy_term_id="taxonomy_id",
                value="taxonomy_detail",
            )
            | {"link_entity": "service"}
            for r in t["service_taxonomy"]
        ],
        "location": [
            _pick(r, "id name description latitude longitude") | {"location_type": "physical"}
            for r in t["location"]
        ],
        "service_at_location": [
            _pick(r, "id service_id location_id") for r in t["service_at_location"]
        ],
        "contact": [_pick(r, "id service_id name title email") for r in t["contact"]],
        "phone": [
            _pick(r, "id location_id service_id contact_id number description") for r in phones
        ],
        "language": [_pick(r, "id service_id", name="language") for r in t["language"]]
        + [
            {"id": f"{r['id']}-language", "phone_id": r["id"], "name": r["language"]}
            for r in phones
            if r.get("language") and r.get("id")
        ],
        "address": [_address(r, "physical") for r in physical]
        + [_address(r, "postal") for r in postal],
        "schedule": [
            _pick(r, "id service_id service_at_location_id opens_at closes_at")
            | {"freq": "WEEKLY", "byday": byday(r.get("weekday"))}
            for r in regular
        ]
        + [_holiday(r) for r in holiday],
        "funding": [_pick(r, "id service_id source") for r in t["funding"]],
        "service_area": [
            _pick(r, "id service_id", name="service_area", service_area="service_area")
            for r in t["service_area"]
        ],
        "accessibility": [
            _pick(
                r,
                "id location_id details",
                description="accessibility",
                accessibility="accessibility",
            )
            for r in t["accessibility_for_disabilities"]
        ],
    }


def _address(row: dict, kind: str) -> dict:
    lines = [str(row[n]) for n in ("address_2", "address_3", "address_4") if row.get(n)]
    return _pick(
        row,
        "id location_id attention address_1 city region state_province postal_code country",
    ) | {"address_2": ", ".join(lines) or None, "address_type": kind}


def _holiday(row: dict) -> dict:
    closed = str(row.get("closed") or "").strip().lower() in TRUE
    schedule = _pick(row, "id service_id service_at_location_id", valid_from="start_date")
    schedule |= {
        "valid_to": row.get("end_date"),
        "dtstart": row.get("start_date"),
        "description": "Closed" if closed else "Holiday opening hours",
    }
    if not closed:
        schedule |= _pick(row, "opens_at closes_at")
    return schedule

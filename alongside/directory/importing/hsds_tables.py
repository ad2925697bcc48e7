"""The HSDS 3.0 tabular data package: its tables, their files and columns, in the order of the
standard's example package (``datapackage.json``, openreferral/specification 3.0). The
importer reads these tables and the exporter writes them."""

# resource name -> (file name, columns)
TABLES = {
    "organization": (
        "organizations.csv",
        "id name alternate_name description email website tax_status tax_id year_incorporated "
        "legal_status logo uri parent_organization_id",
    ),
    "program": ("programs.csv", "id organization_id name alternate_name description"),
    "service": (
        "services.csv",
        "id organization_id program_id name alternate_name description url email status "
        "interpretation_services application_process fees_description wait_time fees "
        "accreditations eligibility_description minimum_age maximum_age assured_date "
        "assurer_email licenses alert last_modified",
    ),
    "attribute": ("attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
    "service_at_location": ("service_at_location.csv", "id service_id location_id description"),
    "location": (
        "locations.csv",
        "id location_type url organization_id name alternate_name description transportation "
        "latitude longitude external_identifier external_identifier_type",
    ),
    "phone": (
        "phones.csv",
        "id location_id service_id organization_id contact_id service_at_location_id number "
        "extension type description",
    ),
    "contact": (
        "contacts.csv",
        "id organization_id service_id service_at_location_id location_id name title "
        "department email",
    ),
    "address": (
        "addresses.csv",
        "id location_id attention address_1 address_2 city region state_province postal_code "
        "country address_type",
    ),
    "schedule": (
        "schedules.csv",
        "id service_id location_id service_at_location_id valid_from valid_to dtstart timezone "
        "until count wkst freq interval byday byweekno bymonthday byyearday description "
        "opens_at closes_at schedule_link attending_type notes",
    ),
    "funding": ("funding.csv", "id organization_id service_id source"),
    "service_area": ("service_areas.csv", "id service_id name description extent extent_type uri"),
    "required_document": ("required_documents.csv", "id service_id document uri"),
    "language": ("languages.csv", "id service_id location_id phone_id name code note"),
    "accessibility": ("accessibility.csv", "id location_id description details url"),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id code name description parent_id taxonomy language taxonomy_id term_uri",
    ),
    "metadata": (
        "metadata.csv",
        "id resource_id resource_type last_action_date last_action_type field_name "
        "previous_value replacement_value updated_by",
    ),
    "meta_table_description": ("meta_table_descriptions.csv", "id name language character_set"),
    "cost_option": (
        "cost_options.csv",
        "id service_id valid_from valid_to option currency amount amount_description",
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        "id organization_id identifier_scheme identifier_type identifier",
    ),
    "taxonomy": ("taxonomies.csv", "id name description uri version"),
}

NUMBERS = {
    "year_incorporated",
    "minimum_age",
    "maximum_age",
    "latitude",
    "longitude",
    "extension",
    "timezone",
    "count",
    "interval",
    "amount",
}
DATES = {"assured_date", "valid_from", "valid_to", "dtstart", "until", "last_action_date"}
TIMES = {"opens_at", "closes_at"}
EMAILS = {"email", "assurer_email"}
# Web addresses the standard types as URIs (a logo, a service area's uri are plain text).
URIS = {
    ("organization", "website"),
    ("organization", "uri"),
    ("service", "url"),
    ("location", "url"),
    ("schedule", "schedule_link"),
    ("required_document", "uri"),
    ("accessibility", "url"),
    ("taxonomy_term", "term_uri"),
    ("taxonomy", "uri"),
}


def columns(resource: str) -> list[str]:
    return TABLES[resource][1].split()


def field_schema(resource: str, column: str) -> dict:
    """The Frictionless Table Schema field of ``column``, typed as the standard types it."""
    if column == "id" or (column.endswith("_id") and column != "tax_id"):
        return {"name": column, "type": "string", "format": "uuid"}
    if column in NUMBERS:
        return {"name": column, "type": "number"}
    if column in DATES:
        return {"name": column, "type": "date"}
    if column == "last_modified":
        return {"name": column, "type": "datetime"}
    if column in TIMES:
        return {"name": column, "type": "time"}
    if column in EMAILS:
        return {"name": column, "type": "string", "format": "email"}
    if (resource, column) in URIS:
        return {"name": column, "type": "string", "format": "uri"}
    return {"name": column, "type": "string"}

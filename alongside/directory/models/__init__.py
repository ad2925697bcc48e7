"""The community directory in the HSDS 3.0 data model, as profiled by Open Referral UK 3.0.

Field names follow the standard (``standards/oruk-3.0/schema/*.json``), so that reading and
writing ORUK JSON is a matter of naming the fields; where they differ it is said on the field.
Every record has a UUID and, when imported, the directory and id it came from (``Record``).
"""

from .base import Record
from .checks import FeedCheck
from .core import (
    Attribute,
    Location,
    LocationType,
    Organization,
    OrganizationIdentifier,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from .details import (
    Accessibility,
    Address,
    AddressType,
    Contact,
    CostOption,
    Frequency,
    Funding,
    Language,
    Phone,
    Schedule,
    ServiceArea,
)
from .imports import ImportRun as ImportRun  # re-exported
from .postcodes import Postcode as Postcode  # re-exported
from .suggestions import Suggestion, SuggestionStatus

__all__ = [
    "Accessibility",
    "Address",
    "AddressType",
    "Attribute",
    "Contact",
    "CostOption",
    "FeedCheck",
    "Frequency",
    "Funding",
    "Language",
    "Location",
    "LocationType",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Record",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceStatus",
    "Suggestion",
    "SuggestionStatus",
    "Taxonomy",
    "TaxonomyTerm",
]

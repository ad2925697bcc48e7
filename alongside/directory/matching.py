"""One listing per thing: the same organization or service arriving from two directories is
shown once, and categories from other directories are shown as ours.

* **Organizations** are the same when they share a charity or company number (or another
  identifier of the same scheme); where neither gives one, when their names are the same once
  tidied ("The Hillside Hub Ltd" and "hillside hub") and one of their services is at the same
  postcode.
* **Services** are the same when their organizations are and their names are, or when their
  names are and they are at the same postcode.
* A match is only ever between records of different sources (a directory's own listings are
  its business), and only between open services. The record shown is ours where we have one,
  else the first imported; the others point at it (``same_as``) and are left off the search
  pages, while the shown one lists them as "also listed by". An administrator who says two
  are not the same (``kept_apart``) is never second-guessed.
* **Categories** (taxonomy terms) from another directory are shown as our category of the
  same name where we have one, else as the first of that name, at once, so the category list
  never shows a name twice; an administrator confirms each mapping once, or maps it onto
  another of ours, or keeps it as a category of its own (``category_map``).

``listings_match`` works all of it out again from the records (after every import, and from
the administrators' page); it is cheap enough for that: one read of each kind of record.
"""

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from alongside.accounts.models import User

from .models import (
    Address,
    Organization,
    OrganizationIdentifier,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

OPEN = [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
_SUFFIXES = re.compile(r"\b(ltd|limited|cic|cio|plc|llp|inc)$")
_SCHEMES = {"gb-chc": "charity", "gb-sc": "charity", "gb-nic": "charity", "gb-coh": "company"}


def tidied_name(name: str) -> str:
    """A name as compared: lower case, "&" as "and", without punctuation, a leading "the" or
    a trailing "Ltd"."""
    text = re.sub(r"[^\w\s]", " ", name.lower().replace("&", " and "))
    text = " ".join(text.split())
    text = re.sub(r"^the ", "", text)
    return _SUFFIXES.sub("", text).strip()


def _postcode(value: str) -> str:
    return "".join(value.split()).upper()


def _scheme(scheme: str, kind: str) -> str:
    """The kind of number an identifier is: a charity's, a company's, or its own scheme."""
    scheme, kind = scheme.lower(), kind.lower()
    if scheme in _SCHEMES:
        return _SCHEMES[scheme]
    for word in ("charity", "company"):
        if word in kind:
            return word
    return scheme or kind


@dataclass
class Matched:
    organizations: int  # listings shown in another's place
    services: int
    categories: int  # categories shown as another


@dataclass
class _Row:
    pk: UUID
    source: str
    created_at: object
    keys: set


def _groups(rows: Iterable[_Row]) -> dict[UUID, UUID | None]:
    """Each record's ``same_as`` (None for those shown): records sharing a key, from
    different sources, are one thing, shown as ours or else the first imported."""
    rows = list(rows)
    parent: dict[UUID, UUID] = {row.pk: row.pk for row in rows}

    def root(pk: UUID) -> UUID:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    by_key: dict[Hashable, list[_Row]] = defaultdict(list)
    for row in rows:
        for key in row.keys:
            by_key[key].append(row)
    for sharing in by_key.values():
        for row in sharing:  # joined to one of another source sharing the key, if any
            other = next((r for r in sharing if r.source != row.source), None)
            if other is not None:
                parent[root(row.pk)] = root(other.pk)
    members: dict[UUID, list[_Row]] = defaultdict(list)
    for row in rows:
        members[root(row.pk)].append(row)
    result: dict[UUID, UUID | None] = {}
    for group in members.values():
        shown = min(group, key=lambda r: (r.source != "", r.created_at, str(r.pk)))
        for row in group:
            result[row.pk] = shown.pk if row.source != shown.source else None
    return result


def _save(model: type[Model], wanted: dict[UUID, UUID | None]) -> int:
    """Set ``same_as`` where it differs from ``wanted``; the number now shown as another."""
    held = dict(model._default_manager.filter(pk__in=list(wanted)).values_list("pk", "same_as"))
    changed = defaultdict(list)
    for pk, same_as in wanted.items():
        if held.get(pk) != same_as:
            changed[same_as].append(pk)
    for same_as, pks in changed.items():
        for start in range(0, len(pks), 500):
            model._default_manager.filter(pk__in=pks[start : start + 500]).update(same_as=same_as)
    return sum(1 for same_as in wanted.values() if same_as is not None)


def _places() -> dict[UUID, set[str]]:
    """Each open service's postcodes."""
    found: dict[UUID, set[str]] = defaultdict(set)
    rows = Address.objects.filter(
        location__service_at_locations__service__status__in=OPEN
    ).values_list("location__service_at_locations__service", "postal_code")
    for service_id, postcode in rows:
        if postcode:
            found[service_id].add(_postcode(postcode))
    return found


def _organizations(places: dict[UUID, set[str]]) -> dict[UUID, UUID | None]:
    rows: dict[UUID, _Row] = {}
    for pk, source, created in Organization.objects.filter(kept_apart=False).values_list(
        "pk", "source", "created_at"
    ):
        rows[pk] = _Row(pk, source, created, set())
    names = dict(Organization.objects.values_list("pk", "name"))
    identifiers = OrganizationIdentifier.objects.filter(organization__in=list(rows))
    for organization_id, scheme, kind, identifier in identifiers.values_list(
        "organization", "identifier_scheme", "identifier_type", "identifier"
    ):
        number = "".join(identifier.split()).upper().lstrip("0")
        if number:
            rows[organization_id].keys.add(("id", _scheme(scheme, kind), number))
    with_ids = {pk for pk, row in rows.items() if row.keys}
    services = Service.objects.filter(status__in=OPEN, organization__in=list(rows))
    for service_id, organization_id in services.values_list("pk", "organization"):
        if organization_id in with_ids:
            continue  # matched by its number, not its name
        for postcode in places.get(service_id, ()):
            rows[organization_id].keys.add(("place", tidied_name(names[organization_id]), postcode))
    return _groups(rows.values())


def _services(
    places: dict[UUID, set[str]], organizations: dict[UUID, UUID | None]
) -> dict[UUID, UUID | None]:
    rows = []
    for pk, source, created, name, organization_id in Service.objects.filter(
        status__in=OPEN, kept_apart=False
    ).values_list("pk", "source", "created_at", "name", "organization"):
        name = tidied_name(name)
        shown_as = organizations.get(organization_id) or organization_id
        keys: set[tuple] = {("organization", shown_as, name)}
        keys |= {("place", name, postcode) for postcode in places.get(pk, ())}
        rows.append(_Row(pk, source, created, keys))
    wanted = _groups(rows)
    # Closed services, and those kept apart, are shown as themselves.
    for pk in (
        Service.objects.exclude(pk__in=list(wanted))
        .exclude(same_as=None)
        .values_list("pk", flat=True)
    ):
        wanted[pk] = None
    return wanted


def _categories() -> dict[UUID, UUID | None]:
    """Each imported category not confirmed by an administrator, shown as ours of the same
    name, else as a confirmed one of that name, else as the first imported."""
    terms = list(
        TaxonomyTerm.objects.values_list(
            "pk", "source", "created_at", "name", "same_as", "mapping_confirmed_at"
        )
    )
    by_name: dict[str, list] = defaultdict(list)
    for term in terms:
        by_name[tidied_name(term[3])].append(term)
    wanted: dict[UUID, UUID | None] = {}
    for same in by_name.values():
        candidates = [t for t in same if t[1] == "" or (t[5] and t[4] is None)] or [
            t for t in same if not t[5]
        ]
        if not candidates:  # every one of the name mapped by an administrator
            continue
        shown = min(candidates, key=lambda t: (t[1] != "", t[5] is None, t[2], str(t[0])))
        for pk, source, _created, _name, _same_as, confirmed in same:
            if source and not confirmed:
                wanted[pk] = shown[0] if pk != shown[0] else None
    return wanted


def listings_match() -> Matched:
    """Work out again which listings are shown as another, and which categories."""
    with transaction.atomic():
        places = _places()
        organizations = _organizations(places)
        shown_organizations = _save(Organization, organizations)
        services = _services(places, organizations)
        matched = Matched(
            organizations=shown_organizations,
            services=_save(Service, services),
            categories=_save(TaxonomyTerm, _categories()),
        )
        _no_chains()
        return matched


def _no_chains() -> None:
    """A category an administrator mapped onto one since shown as another is shown as that
    other: never a chain of two."""
    chained = TaxonomyTerm.objects.filter(same_as__same_as__isnull=False)
    for pk, final in chained.values_list("pk", "same_as__same_as"):
        TaxonomyTerm.objects.filter(pk=pk).update(same_as=None if final == pk else final)


NOT_OURS = "Choose a category from the list: one shown as itself, not as another"


def category_map(*, user: User, term: TaxonomyTerm, shown_as: TaxonomyTerm | None) -> None:
    """An administrator's decision: the imported category ``term`` is shown as ``shown_as``
    (ours, or another shown as itself), or as a category of its own (None). Kept through
    later imports."""
    if shown_as is not None and shown_as.same_as_id:
        raise ValueError(NOT_OURS)
    if term.pk == getattr(shown_as, "pk", None):
        shown_as = None
    TaxonomyTerm.objects.filter(pk=term.pk).update(
        same_as=shown_as, mapping_confirmed_at=timezone.now(), mapping_confirmed_by=user
    )
    # Terms shown as this one now follow it to its new place (never a chain of two).
    TaxonomyTerm.objects.filter(same_as=term.pk, mapping_confirmed_at=None).update(
        same_as=shown_as or term
    )


def listing_keep_apart(*, service: Service) -> None:
    """An administrator's decision: ``service`` is not the same as the listing it matched."""
    Service.objects.filter(pk=service.pk).update(kept_apart=True, same_as=None)
    listings_match()


def listing_join_again(*, service: Service) -> None:
    """Undo ``listing_keep_apart``: match ``service`` again as any other."""
    Service.objects.filter(pk=service.pk).update(kept_apart=False)
    listings_match()

"""The ORUK 3.0 JSON schemas (``standards/oruk-3.0/schema``), as the ORUK OpenAPI document
names them for each path's answer: draft 2020-12, formats checked, the ``$ref``s between the
schema files resolved."""

import json
from functools import cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..serializers import STANDARD

SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/"
SHOWN = 3  # problems named in a message; the rest are counted


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (
            SCHEMA_URL + path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in (STANDARD / "schema").glob("*.json")
    )


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of one schema file, by its name (``service``, ``service_list``)."""
    return Draft202012Validator(
        {"$ref": SCHEMA_URL + f"{name}.json"},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def problems(data, name: str) -> list[str]:
    """Where ``data`` breaks the schema ``name``, each as "path: what", in document order."""
    errors = sorted(validator(name).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    return [f"{_path(e.absolute_path) or 'the top level'}: {e.message}" for e in errors]


def _path(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def summary(found: list[str]) -> str:
    """The first few problems, and how many more."""
    shown = "; ".join(found[:SHOWN])
    more = len(found) - SHOWN
    return f"{shown}; and {more} more" if more > 0 else shown

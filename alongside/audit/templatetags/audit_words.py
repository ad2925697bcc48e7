"""The audit trail in plain words, for its pages and its CSV export alike."""

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from alongside.audit.models import AuditEntry

register = template.Library()


@cache
def _models_by_record_type() -> dict[str, type[Model]]:
    """Each record type's model, as the models declare it (``audit_type``): read from the app
    registry, so that the audit app needs no import of the apps above it."""
    return {
        str(model.audit_type): model for model in apps.get_models() if hasattr(model, "audit_type")
    }


def field_words(names: Iterable[str], record_type: str = "") -> list[str]:
    """The fields' names as their forms call them: ``["whats_going_on", "date_of_birth"]`` →
    ``["what's going on", "date of birth"]``."""
    model = _models_by_record_type().get(record_type)
    words = []
    for name in names or ():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", "") or "")
        words.append((label or name.replace("_", " ")).lower())
    return words


@register.filter
def fields_in_words(entry: AuditEntry) -> list[str]:
    """The fields an entry names, in words (see ``field_words``)."""
    return field_words(entry.fields, entry.record_type)


@register.filter
def value_changes(values: Mapping[str, Sequence[str]]) -> list[str]:
    """``{"status": ["New introduction", "Supported"]}`` →
    ``["status: New introduction → Supported"]``; a missing old or new value reads "none"."""
    changes = []
    for name, pair in (values or {}).items():
        old, new = (list(pair) + ["", ""])[:2]
        changes.append(f"{name.replace('_', ' ')}: {old or 'none'} → {new or 'none'}")
    return changes

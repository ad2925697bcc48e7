"""The audit trail in plain words, for its pages and its CSV export alike."""

from collections.abc import Iterable, Mapping, Sequence

from django import template

register = template.Library()


@register.filter
def field_words(names: Iterable[str]) -> list[str]:
    """``["date_of_birth", "phone"]`` → ``["date of birth", "phone"]``."""
    return [name.replace("_", " ") for name in names or ()]


@register.filter
def value_changes(values: Mapping[str, Sequence[str]]) -> list[str]:
    """``{"status": ["New introduction", "Supported"]}`` →
    ``["status: New introduction → Supported"]``; a missing old or new value reads "none"."""
    changes = []
    for name, pair in (values or {}).items():
        old, new = (list(pair) + ["", ""])[:2]
        changes.append(f"{name.replace('_', ' ')}: {old or 'none'} → {new or 'none'}")
    return changes

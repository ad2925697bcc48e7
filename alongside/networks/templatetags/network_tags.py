from django import template

from alongside.networks.ties import Flow, Kind, Ring

register = template.Library()

_KINDS, _RINGS, _FLOWS = dict(Kind.choices), dict(Ring.choices), dict(Flow.choices)


@register.filter
def kind_label(value: str) -> str:
    return _KINDS.get(value, value)


@register.filter
def ring_label(value: int) -> str:
    return _RINGS.get(value, str(value))


@register.filter
def flows(values) -> str:
    return ", ".join(_FLOWS.get(v, v).lower() for v in values) or "—"


@register.filter
def kind_labels(values) -> str:
    return ", ".join(_KINDS.get(v, v).lower() for v in values)

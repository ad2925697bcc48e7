"""The words of the emails to introducers: templates an administrator edits, in Django's
template language but limited to plain text and a few placeholders, so an edited template
can neither break sending nor reach anything the introducer did not already know."""

from collections.abc import Mapping

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import TextNode, VariableNode

PLACEHOLDERS = {
    "introducer_name": "the name of who made the introduction (or 'there')",
    "first_name": "the first name of the person introduced",
    "received_on": "the date of the introduction, such as 1 December 2026",
    "area": "the name of the area",
    "coordinator": "the name of whoever sends it",
}

DEFAULTS = {
    "received": (
        "Your introduction has arrived: Local Area Coordination, {{ area }}",
        "Dear {{ introducer_name }},\n\n"
        "Thank you for introducing {{ first_name }} to Local Area Coordination in "
        "{{ area }} on {{ received_on }}. It has arrived, and a Local Area Coordinator "
        "will be in touch with them.\n\n"
        "With best wishes,\n{{ coordinator }}\nLocal Area Coordination, {{ area }}",
    ),
    "in_touch": (
        "We have been in touch with {{ first_name }}",
        "Dear {{ introducer_name }},\n\n"
        "Thank you for introducing {{ first_name }} on {{ received_on }}. We have now been "
        "in touch with them.\n\n"
        "With best wishes,\n{{ coordinator }}\nLocal Area Coordination, {{ area }}",
    ),
}

NO_EMAIL_ADDRESS = (
    "There is no email address to send it to: give one in \u201cHow to reach who introduced "
    "them\u201d, or do not send it"
)

_ENGINE = Engine(autoescape=False, libraries={}, builtins=[])


def template_problems(text: str) -> str:
    """What is wrong with a template an administrator typed, in words they can act on; ""
    when it is fine."""
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError:
        return "Use placeholders only as {{ name }}, with no {% %} tags or filters"
    for node in template.nodelist:
        if isinstance(node, TextNode):
            continue
        name = getattr(getattr(getattr(node, "filter_expression", None), "var", None), "var", "")
        if not isinstance(node, VariableNode) or node.filter_expression.filters:
            return "Use placeholders only as {{ name }}, with no {% %} tags or filters"
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{{ {key} }}}}" for key in PLACEHOLDERS)
            return f"{{{{ {name} }}}} is not one of the placeholders you can use: {known}"
    return ""


def render(text: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders filled in (a template that fails the checks above
    renders as it was typed, never half)."""
    if template_problems(text):
        return text
    return _ENGINE.from_string(text).render(Context(dict(values), autoescape=False))


# Added under every "we have been in touch" email, whatever its template says.
FEEDBACK_INVITATION = (
    "Would you tell us how it went? Two short questions, answered anonymously: we will not "
    "know who answered.\n{link}"
)

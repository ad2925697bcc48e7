from django import template
from django.utils.html import format_html

register = template.Library()

_STATUS_COLOURS = {
    "new": "govuk-tag--blue",
    "active": "govuk-tag--green",
    "not_now": "govuk-tag--grey",
    "stepped_back": "govuk-tag--grey",
}
_LEVEL_COLOURS = {
    "information": "govuk-tag--light-blue",
    "connection": "govuk-tag--turquoise",
    "short_term": "govuk-tag--yellow",
    "walking_alongside": "govuk-tag--purple",
}


@register.simple_tag
def status_tag(person):
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        _STATUS_COLOURS.get(person.status, ""),
        person.get_status_display(),
    )


@register.simple_tag
def level_tag(person):
    if not person.level or person.status != "active":
        return ""
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        _LEVEL_COLOURS.get(person.level, ""),
        person.get_level_display(),
    )


@register.filter
def days_label(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "1 day"
    return f"{days} days"

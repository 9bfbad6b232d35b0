from django import template

from .. import registry

register = template.Library()


@register.filter
def stream_name(stream: str) -> str:
    """A stream's name in the active language."""
    return registry.name_of(stream) or stream

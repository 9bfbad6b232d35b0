"""The ``date`` filter, with the month in the right grammatical case (``hub.dates``).

A template builtin (``TEMPLATES["OPTIONS"]["builtins"]``), loaded after Django's own, so
``{{ value|date:"j F Y" }}`` in any template gives "4 December 2026" in English and
"4 grudnia 2026" in Polish without each template having to know about grammatical cases.
"""

from django import template
from django.template.defaultfilters import date as django_date

from hub.dates import localize_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's ``date`` filter; a month after a day takes the genitive where the language
    has one."""
    return django_date(value, localize_format(arg) if arg else arg)

"""Dates in the visitor's language, with the month in the right grammatical case.

In Polish (and other languages whose Django catalogue has "alt. month" names) a month after
a day number takes the genitive: "4 grudnia 2026", not "4 grudzień 2026" (the nominative,
right on its own: "grudzień 2026"). Django's ``E`` format gives the genitive, ``F`` the
nominative. The hub's templates and code write dates as ``"j F Y"``; :func:`date_format`
turns every ``F`` that follows a day (``j`` or ``d``) into ``E`` when the active language
has its own genitive month names, so every date is right in one place. The ``date`` template
filter (``hub.templatetags.hub_dates``, a template builtin) uses it.
"""

import calendar
import re
from datetime import datetime

from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_ALT

# A day ("j" or "d"), optionally a weekday-free separator, then "F": "j F", "d F", "jS F".
_DAY_THEN_MONTH = re.compile(r"(?<!\\)([jd]S?[^A-Za-z\\]*)F")


def has_genitive_months() -> bool:
    """Whether the active language has month names for after a day number that differ from
    the names on their own (Polish: yes; English and Urdu: no)."""
    return any(str(MONTHS_ALT[month]) != str(MONTHS[month]) for month in (1, 2, 3))


def localize_format(format_string: str) -> str:
    """``format_string`` with each month name that follows a day in the genitive, if the
    active language has one: ``"j F Y"`` becomes ``"j E Y"`` in Polish."""
    if "F" not in format_string or not has_genitive_months():
        return format_string
    return _DAY_THEN_MONTH.sub(r"\1E", format_string)


def date_format(value, format_string: str) -> str:
    """:func:`django.utils.formats.date_format` with :func:`localize_format` applied."""
    return formats.date_format(value, localize_format(format_string))


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (clamped to month end)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)

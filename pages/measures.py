"""Reading a measure's data as editors paste it: one "date, value" per line.

Editors copy two columns from a spreadsheet (tab-separated) or type CSV. Every problem is
reported with its line number and what to do, so nothing is silently dropped.
"""

import datetime
import math
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATOR = re.compile(r"\t|;|,")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
_MONTH_FORMATS = ("%Y-%m", "%m/%Y", "%b %Y", "%B %Y")


def parse_date(text: str) -> datetime.date:
    """A date as editors write it: 2025-03-31, 31/03/2025, or a month (2025-03, Mar 2025)."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    for fmt in _MONTH_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date().replace(day=1)  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


def parse_number(text: str) -> float:
    cleaned = text.strip().replace("\u2212", "-").rstrip("%").strip()
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _lines(text: str):
    for number, line in enumerate((text or "").splitlines(), start=1):
        if line.strip():
            yield number, line


def _split(line: str) -> list[str]:
    return [part.strip() for part in _SEPARATOR.split(line.strip(), maxsplit=1)]


def _date_error(number, text):
    return _(
        "Line %(line)s: “%(text)s” is not a date. Use 2025-03-31, 31/03/2025 or a month "
        "such as 2025-03."
    ) % {"line": number, "text": text}


def parse_series(text: str) -> list[tuple[datetime.date, float]]:
    """Dated values, sorted by date. A header line ("Month, Falls") is allowed first."""
    values: dict[datetime.date, float] = {}
    errors = []
    for position, (number, line) in enumerate(_lines(text)):
        parts = _split(line)
        if len(parts) != 2:
            errors.append(
                _("Line %(line)s: expected a date and a value separated by a comma or tab.")
                % {"line": number}
            )
            continue
        raw_date, raw_value = parts
        try:
            day = parse_date(raw_date)
        except ValueError:
            if position == 0:
                continue  # a header row
            errors.append(_date_error(number, raw_date))
            continue
        try:
            value = parse_number(raw_value)
        except ValueError:
            errors.append(
                _("Line %(line)s: “%(text)s” is not a number.")
                % {"line": number, "text": raw_value}
            )
            continue
        if day in values:
            errors.append(
                _("Line %(line)s: %(date)s appears twice; give one value per date.")
                % {"line": number, "date": day.isoformat()}
            )
            continue
        values[day] = value
    if errors:
        raise ValidationError(errors)
    return sorted(values.items())


def parse_dates(text: str) -> list[datetime.date]:
    """One date per line (change points)."""
    dates, errors = [], []
    for number, line in _lines(text):
        try:
            dates.append(parse_date(line))
        except ValueError:
            errors.append(_date_error(number, line.strip()))
    if errors:
        raise ValidationError(errors)
    return sorted(set(dates))


def parse_annotations(text: str) -> list[tuple[datetime.date, str]]:
    """One "date, label" per line (PDSA cycles and other events to mark on the chart)."""
    notes, errors = [], []
    for number, line in _lines(text):
        parts = _split(line)
        if len(parts) != 2 or not parts[1]:
            errors.append(
                _("Line %(line)s: expected a date and a short label, e.g. “2025-04-01, PDSA 2”.")
                % {"line": number}
            )
            continue
        try:
            notes.append((parse_date(parts[0]), parts[1][:60]))
        except ValueError:
            errors.append(_date_error(number, parts[0]))
    if errors:
        raise ValidationError(errors)
    return sorted(notes)

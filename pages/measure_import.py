"""Reading a measure's data series from a file: a spreadsheet export rather than typing.

One small API, for every measure in the hub (case studies here; teams' and projects'
measures elsewhere call the same function)::

    imported = read_measure_file(data, filename)            # -> ImportedSeries
    imported = read_measure_file(data, filename, measure="Falls per 1,000 bed days")
    imported.points          # [(date, value), ...], oldest first
    series_text(imported.points)   # "2025-04-01, 6.2" lines, as a measure's ``data`` field

Every problem raises :class:`MeasureImportError`, whose ``messages`` name the line (or the
spreadsheet row) and say what to do; nothing is silently dropped.

The layouts it reads (see docs/case-studies.md, "Importing measure data"):

- **A two-column CSV** (or tab- or semicolon-separated): a date and a value on each line,
  with or without a header line (a first line whose first cell is not a date).
- **Life QI's measure export** (CSV): a header line naming the columns; the date column is
  "Date" (or "Period", "Month", "Week"), the value column "Value" (or "Result", "Data"),
  and a "Measure" / "Measure name" column when several measures are exported together.
  Other columns (Numerator, Denominator, Annotation, Notes...) are ignored, except an
  annotation column, whose text is returned for the chart.
- **NHS England's Making Data Count SPC tool** data layout: a header line with a date column
  and a value column ("Date", "Value"/"Data"), and for its multiple-chart tool a measure
  name column ("MeasureName", "Measure"), in a CSV or in an Excel ``.xlsx`` workbook (its
  "Data" sheet, or the first one).

Dates as 2025-03-31 (ISO, with or without a time), 31/03/2025 (UK day first), 31-03-2025,
31.03.2025, or a month (2025-03, Mar 2025); spreadsheet cells holding dates are read as
dates. Several measures in one file: the caller chooses one by name (``measure``); the
names are in the error and in :attr:`ImportedSeries.measure_names`.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpyxl import load_workbook

from hub import uploads

from .measures import parse_date, parse_number

MAX_BYTES = 1024 * 1024  # a few years of weekly values is a few kilobytes
MAX_POINTS = 1000
# Fewer than this is not yet a run chart worth drawing (the shift rule needs 6 points).
MIN_POINTS = 6
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx")
ACCEPT = ",".join([*EXTENSIONS, "text/csv"])

_DATE_HEADERS = {"date", "period", "month", "week", "day", "date of data", "period start"}
_VALUE_HEADERS = {"value", "result", "data", "measure value", "y", "count", "rate"}
_MEASURE_HEADERS = {"measure", "measure name", "measurename", "measure_name", "indicator"}
_ANNOTATION_HEADERS = {"annotation", "annotations", "note", "notes", "comment", "comments"}
_ISO_WITH_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_UK_WITH_TIME = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s+\d{1,2}:\d{2}(:\d{2})?$")


class Layout:
    TWO_COLUMN = "two_column"
    HEADED = "headed"
    WORKBOOK = "workbook"


@dataclass
class ImportedSeries:
    """What a file held: the points of one measure, and what the preview says about it."""

    points: list[tuple[datetime.date, float]]
    layout: str
    measure_names: list[str] = field(default_factory=list)
    measure: str = ""
    annotations: list[tuple[datetime.date, str]] = field(default_factory=list)

    @property
    def layout_label(self) -> str:
        return {
            Layout.TWO_COLUMN: _("Two columns: a date and a value"),
            Layout.HEADED: _("Named columns (Life QI or Making Data Count layout)"),
            Layout.WORKBOOK: _("Excel workbook (Making Data Count layout)"),
        }[self.layout]


class MeasureImportError(Exception):
    def __init__(self, messages):
        self.messages = [str(message) for message in messages]
        super().__init__("; ".join(self.messages))


def series_text(points) -> str:
    """``points`` as a measure's ``data`` text: one "date, value" per line."""
    return "\n".join(f"{day.isoformat()}, {_number_text(value)}" for day, value in points)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_measure_file(data: bytes, filename: str, *, measure: str = "") -> ImportedSeries:
    """Read ``data`` (a file's bytes, named ``filename``) as one measure's series."""
    name = (filename or "").lower()
    if not name.endswith(EXTENSIONS):
        raise MeasureImportError(
            [
                _(
                    "“%(name)s” is not a file the hub can read. Upload a CSV file or an "
                    "Excel .xlsx workbook."
                )
                % {"name": filename}
            ]
        )
    if len(data) > MAX_BYTES:
        raise MeasureImportError(
            [
                _(
                    "The file is too large: the most the hub reads is 1 MB. Upload the "
                    "measure's dates and values only."
                )
            ]
        )
    if not data.strip():
        raise MeasureImportError([_("The file is empty.")])
    if name.endswith(".xlsx"):
        rows, label = _workbook_rows(data), _("Row %(line)s")
        layout = Layout.WORKBOOK
    else:
        rows, label = _text_rows(data), _("Line %(line)s")
        layout = None
    return _read_rows(rows, label, layout, measure)


# --- from bytes to rows -----------------------------------------------------------------


def _decode(data: bytes) -> str:
    if b"\x00" in data or data.startswith(b"PK\x03\x04") or uploads.active_content(data):
        raise MeasureImportError(
            [
                _(
                    "This is not a CSV file. Save the spreadsheet as CSV (or upload the "
                    ".xlsx) and try again."
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows: the old Western European code page.
        return data.decode("cp1252", errors="replace")


def _text_rows(data: bytes):
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = (
            "\t" if "\t" in sample else (";" if sample.count(";") > sample.count(",") else ",")
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as error:
        raise MeasureImportError(
            [_("Line %(line)s: the file is not valid CSV.") % {"line": reader.line_num}]
        ) from error


def _workbook_rows(data: bytes):
    if not data.startswith(b"PK\x03\x04"):
        raise MeasureImportError(
            [_("This is not an Excel .xlsx workbook. Save it as .xlsx or CSV and try again.")]
        )
    try:
        uploads.check_zip(io.BytesIO(data))
    except (uploads.UnsafeFile, zipfile.BadZipFile) as error:
        raise MeasureImportError(
            [_("The hub cannot open this workbook safely. Save it again as .xlsx or CSV.")]
        ) from error
    # Read-only (rows streamed, not the whole workbook in memory), values not formulas.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise MeasureImportError(
            [_("The hub cannot open this workbook. Save it again as .xlsx or CSV.")]
        ) from error
    sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
    sheet = sheets.get("data") or workbook.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_POINTS + 50:
            break
        rows.append((number, [_cell(value) for value in row]))
    workbook.close()
    return rows


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value)
    return str(value).strip()


# --- from rows to points ------------------------------------------------------------------


def _header_key(cell) -> str:
    return (
        re.sub(r"\s+", " ", str(cell).strip().lower().replace("_", " "))
        if isinstance(cell, str)
        else ""
    )


def _find(header: list[str], names: set[str]) -> int | None:
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if key in names or key.replace(" ", "") in {name.replace(" ", "") for name in names}:
            return index
    return None


def _as_date(cell) -> datetime.date:
    if isinstance(cell, datetime.date):
        return cell
    text = str(cell).strip()
    for pattern in (_ISO_WITH_TIME, _UK_WITH_TIME):
        if match := pattern.match(text):
            text = match.group(1)
    return parse_date(text)


_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?%?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+%?$")


def _as_number(cell) -> float:
    """A number as spreadsheets write it: 6.2, 1,234.5 (thousands), 6,2 (a decimal comma,
    as Polish spreadsheets write it), 12%."""
    if isinstance(cell, float):
        return cell
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    return parse_number(text)


def _is_header(cells) -> bool:
    """A first line that is not data: its first cell is not a date and its second is not
    a number ("Month, Falls"). A mistyped date with a number beside it is an error."""
    try:
        _as_date(cells[0])
        return False
    except (ValueError, IndexError):
        pass
    try:
        _as_number(cells[1])
        return False
    except (ValueError, IndexError):
        return True


def _read_rows(rows, label, layout, measure) -> ImportedSeries:
    rows = [(number, cells) for number, cells in rows if any(str(cell).strip() for cell in cells)]
    if not rows:
        raise MeasureImportError([_("The file is empty.")])
    _first_number, first = rows[0]
    date_col = _find(first, _DATE_HEADERS)
    value_col = _find(first, _VALUE_HEADERS)
    measure_col = _find(first, _MEASURE_HEADERS)
    note_col = _find(first, _ANNOTATION_HEADERS)
    if date_col is not None and value_col is not None:
        body = rows[1:]
        layout = layout or Layout.HEADED
    else:
        body = rows[1:] if _is_header(first) else rows
        date_col, value_col, measure_col, note_col = 0, 1, None, None
        layout = layout or Layout.TWO_COLUMN

    names = []
    if measure_col is not None:
        names = list(
            dict.fromkeys(
                str(cells[measure_col]).strip()
                for _number, cells in body
                if len(cells) > measure_col and str(cells[measure_col]).strip()
            )
        )
    if len(names) > 1:
        if measure not in names:
            raise MeasureImportError(
                [
                    _("The file holds %(count)s measures: %(names)s. Choose one.")
                    % {"count": len(names), "names": ", ".join(f"“{name}”" for name in names)}
                ]
            )
        body = [(n, cells) for n, cells in body if str(cells[measure_col]).strip() == measure]
    chosen = measure if len(names) > 1 else (names[0] if names else "")

    if len(body) > MAX_POINTS:
        raise MeasureImportError(
            [
                _(
                    "The file has more than %(max)s rows. Import at most %(max)s points "
                    "for one measure."
                )
                % {"max": MAX_POINTS}
            ]
        )
    values: dict[datetime.date, float] = {}
    annotations = []
    errors = []
    for number, cells in body:
        where = label % {"line": number}
        if len(cells) <= max(date_col, value_col):
            errors.append(_("%(where)s: expected a date and a value.") % {"where": where})
            continue
        raw_date, raw_value = cells[date_col], cells[value_col]
        try:
            day = _as_date(raw_date)
        except ValueError:
            errors.append(
                _(
                    "%(where)s: “%(text)s” is not a date. Use 2025-03-31, 31/03/2025 or "
                    "a month such as 2025-03."
                )
                % {"where": where, "text": str(raw_date)[:40]}
            )
            continue
        if isinstance(raw_value, str) and not raw_value.strip():
            errors.append(
                _("%(where)s: the value for %(date)s is missing.")
                % {"where": where, "date": day.isoformat()}
            )
            continue
        try:
            value = _as_number(raw_value)
        except ValueError:
            errors.append(
                _("%(where)s: “%(text)s” is not a number.")
                % {"where": where, "text": str(raw_value)[:40]}
            )
            continue
        if day in values:
            errors.append(
                _("%(where)s: %(date)s appears twice; give one value per date.")
                % {"where": where, "date": day.isoformat()}
            )
            continue
        values[day] = value
        if note_col is not None and len(cells) > note_col and str(cells[note_col]).strip():
            annotations.append((day, str(cells[note_col]).strip()[:60]))
    if errors:
        raise MeasureImportError(
            errors[:20] + ([_("…and more problems after these.")] if len(errors) > 20 else [])
        )
    if len(values) < MIN_POINTS:
        raise MeasureImportError(
            [
                ngettext(
                    "The file has %(count)s point; a chart needs at least %(min)s.",
                    "The file has %(count)s points; a chart needs at least %(min)s.",
                    len(values),
                )
                % {"count": len(values), "min": MIN_POINTS}
            ]
        )
    return ImportedSeries(
        points=sorted(values.items()),
        layout=layout,
        measure_names=names,
        measure=chosen,
        annotations=sorted(annotations),
    )

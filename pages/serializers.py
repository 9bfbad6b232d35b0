"""Serializer fields for a measure's computed values in the v3 API.

Wagtail types each API field from its serializer's ``to_representation`` return annotation,
so the series, the SPC summary and the full chart model are typed in the contract rather
than ``Any``. Every figure and word comes from the code the case study page uses
(``pages.spc`` computes, ``pages.charts`` writes the table rows and draws the icons); nothing
is worked out again here. The words are in the page's language, as the page shows them.
"""

from datetime import date
from typing import Literal

from django.utils import translation

from ninja import Field, Schema
from rest_framework.fields import Field as SerializerField

from hub.api_schemas import TaxonomyRef, taxonomy_ref
from hub.enums import PlaceKind

from .charts import _assurance_badge as assurance_badge
from .charts import _row as table_row
from .charts import _variation_badge as variation_badge
from .enums import AdoptionStage
from .spc import Rule


def spc_in_page_language(measure):
    """``measure.spc`` worked out in its page's language (the summary and the note are
    written as the result is made), as the page shows it. Call inside
    ``translation.override`` of that language to have the labels in it too."""
    language = measure.page.locale.language_code
    if getattr(measure, "_spc_language", None) != language:
        with translation.override(language):
            measure.__dict__.pop("spc", None)
            measure.spc  # noqa: B018 (fills the cached property in this language)
        measure._spc_language = language
    return measure.spc


class DataPoint(Schema):
    date: date
    value: float


class SPCSummary(Schema):
    """What a measure's chart says, in numbers and words (see ``pages.spc``)."""

    chart: Literal["run", "xmr"]
    points: int
    mean: float | None
    upper_limit: float | None
    lower_limit: float | None
    latest: DataPoint | None
    special_cause_points: int
    variation: str | None
    assurance: str | None
    summary: str
    note: str | None


class SeriesField(SerializerField):
    """A measure's data as dated values, oldest first."""

    def to_representation(self, value) -> list[DataPoint]:
        return [{"date": day, "value": number} for day, number in value]


class SPCSummaryField(SerializerField):
    """The statistical process control reading of a measure's latest segment (the full
    chart is :class:`ChartField`)."""

    def to_representation(self, measure) -> SPCSummary:
        result = spc_in_page_language(measure)
        latest_segment = result.segments[-1] if result.segments else None
        latest = result.latest
        return {
            "chart": "xmr" if result.has_limits else "run",
            "points": len(result.points),
            "mean": latest_segment.mean if latest_segment else None,
            "upper_limit": latest_segment.ucl if latest_segment else None,
            "lower_limit": latest_segment.lcl if latest_segment else None,
            "latest": {"date": latest.date, "value": latest.value} if latest else None,
            "special_cause_points": sum(1 for point in result.points if point.is_special_cause),
            "variation": str(result.variation) if result.variation else None,
            "assurance": str(result.assurance) if result.assurance else None,
            "summary": result.summary,
            "note": result.note,
        }


# The full chart: everything the case study page draws, so a client never re-computes SPC --


RuleCode = Literal["outside_limits", "shift", "trend", "two_of_three"]
Marker = Literal["common", "improvement", "concern", "neither", "value"]


class Icon(Schema):
    """A Making Data Count icon as the page shows it."""

    kind: str = Field(description="The icon's code (e.g. improvement_low, pass).")
    label: str = Field(description="What it means, in the page's language.")
    colour: str = Field(description="The NHS.UK tag colour the page uses (blue, orange, ...).")
    svg: str = Field(description="The icon as the page draws it (SVG markup).")


class PointText(Schema):
    """The point's row in the page's data table, every figure written as the page writes it."""

    date: str
    value: str
    mean: str
    lower_limit: str
    upper_limit: str
    signal: str


class ChartPoint(Schema):
    date: date
    value: float
    segment: int = Field(description="Index into segments.")
    mean: float
    upper_limit: float | None
    lower_limit: float | None
    upper_two_sigma: float | None
    lower_two_sigma: float | None
    moving_range: float | None
    rules: list[RuleCode] = Field(description="The special-cause rules the point is part of.")
    signal: Literal["improvement", "concern", "neither"] | None
    side: Literal["high", "low"] | None
    marker: Marker = Field(description="How the page draws the point.")
    text: PointText


class ChartSegment(Schema):
    """A stretch between change points, with its own centre line and limits (null in a run
    chart)."""

    index: int
    start_date: date
    end_date: date
    points: int
    mean: float
    average_moving_range: float | None
    sigma: float | None
    upper_limit: float | None
    lower_limit: float | None
    upper_two_sigma: float | None
    lower_two_sigma: float | None


class ChartAnnotation(Schema):
    date: date
    period: str = Field(description="The date as the page writes it.")
    label: str


class ChartModel(Schema):
    """A measure's SPC chart as the case study page draws it (``pages.spc``, ``pages.charts``):
    every point with its signal and rules, the segments with their limits, change points,
    annotations, target, the icons and the text verdict, in the page's language."""

    language: str
    mode: Literal["run", "xmr"]
    direction: Literal["up", "down", "neither"]
    unit: str
    target: float | None
    monthly: bool = Field(description="Dates are written as months (\u201cMarch 2025\u201d).")
    decimals: int = Field(description="Decimal places of means and limits.")
    variation: Icon | None
    assurance: Icon | None
    summary: str = Field(description="The text verdict the page shows above the chart.")
    note: str | None
    change_points: list[date] = Field(description="Where the limits were recalculated.")
    ignored_change_points: list[date] = Field(
        description="Change points not applied yet (too few points on one side)."
    )
    annotations: list[ChartAnnotation]
    segments: list[ChartSegment]
    points: list[ChartPoint]


def _segment(segment) -> dict:
    return {
        "index": segment.index,
        "start_date": segment.start_date,
        "end_date": segment.end_date,
        "points": segment.count,
        "mean": segment.mean,
        "average_moving_range": segment.average_moving_range,
        "sigma": segment.sigma,
        "upper_limit": segment.ucl,
        "lower_limit": segment.lcl,
        "upper_two_sigma": segment.upper_two_sigma,
        "lower_two_sigma": segment.lower_two_sigma,
    }


def _point(result, point) -> dict:
    row = table_row(result, point)
    return {
        "date": point.date,
        "value": point.value,
        "segment": point.segment_index,
        "mean": point.mean,
        "upper_limit": point.ucl,
        "lower_limit": point.lcl,
        "upper_two_sigma": point.upper_two_sigma,
        "lower_two_sigma": point.lower_two_sigma,
        "moving_range": point.moving_range,
        "rules": sorted(point.rules, key=list(Rule).index),
        "signal": point.signal,
        "side": point.side,
        "marker": row["kind"],
        "text": {
            "date": row["date"],
            "value": row["value"],
            "mean": row["mean"],
            "lower_limit": row["lcl"],
            "upper_limit": row["ucl"],
            "signal": row["signal"],
        },
    }


def _icon(badge) -> dict | None:
    if badge is None:
        return None
    return {
        "kind": badge["kind"],
        "label": str(badge["label"]),
        "colour": badge["colour"],
        "svg": str(badge["icon"]),
    }


def chart_model(measure) -> dict:
    """The chart of ``measure`` as its case study page draws it, words in the page's language."""
    language = measure.page.locale.language_code
    with translation.override(language):
        result = spc_in_page_language(measure)
        return {
            "language": language,
            "mode": result.mode.value,
            "direction": result.direction.value,
            "unit": result.unit,
            "target": result.target,
            "monthly": result.monthly,
            "decimals": result.decimals,
            "variation": _icon(variation_badge(result.variation)),
            "assurance": _icon(assurance_badge(result.assurance)),
            "summary": result.summary,
            "note": result.note,
            "change_points": [segment.start_date for segment in result.segments[1:]],
            "ignored_change_points": list(result.ignored_change_points),
            "annotations": [
                {
                    "date": annotation.date,
                    "period": result.format_period(annotation.date),
                    "label": annotation.label,
                }
                for annotation in result.annotations
            ],
            "segments": [_segment(segment) for segment in result.segments],
            "points": [_point(result, point) for point in result.points],
        }


class ChartField(SerializerField):
    """A measure's full chart model (``APIField("chart", serializer=ChartField(source="*"))``)."""

    def to_representation(self, measure) -> ChartModel:
        return chart_model(measure)


# The spread register: approved adoptions only, never who registered them ----------------


class AdoptionItem(Schema):
    organisation: str = Field(description="The organisation's name as the page shows it.")
    organisation_id: int | None = Field(
        description="The organisation's id in /api/v3/taxonomies/; null for one not listed."
    )
    place: TaxonomyRef | None = Field(
        description="Where it is used: the entry's place, or its organisation's."
    )
    place_kind: PlaceKind | None
    team: str
    stage: AdoptionStage
    stage_label: str = Field(description="The stage in the page's language.")


class AdoptionsField(SerializerField):
    """A case study's approved adoptions ("We are adopting this"), as the page lists them.
    The contact details and notes are private: hub editors only."""

    def to_representation(self, page) -> list[AdoptionItem]:
        with translation.override(page.locale.language_code):
            return [
                {
                    "organisation": adoption.display_organisation,
                    "organisation_id": adoption.organisation_id,
                    "place": taxonomy_ref(adoption.where),
                    "place_kind": adoption.where.kind if adoption.where else None,
                    "team": adoption.team,
                    "stage": adoption.stage,
                    "stage_label": str(adoption.get_stage_display()),
                }
                for adoption in page.approved_adoptions()
            ]


class TeaserField(SerializerField):
    """What a page's cards and search results show (``BasePage.teaser``): the editors'
    listing summary, or the page's own summary (or search description) when that is empty.
    ``listing_summary`` itself is read as stored, so that writes round-trip."""

    def to_representation(self, value) -> str:
        return str(value or "")

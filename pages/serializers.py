"""Serializer fields for a measure's computed values in the v3 API.

Wagtail types each API field from its serializer's ``to_representation`` return annotation,
so the series and the SPC summary are typed in the contract rather than ``Any``.
"""

from datetime import date
from typing import Literal

from ninja import Schema
from rest_framework.fields import Field as SerializerField


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
    """The statistical process control reading of a measure's latest segment."""

    def to_representation(self, result) -> SPCSummary:
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

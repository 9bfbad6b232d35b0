"""How the page types read in the v3 API (``/api/v3/pages/``).

Wagtail builds each page type's schema from its ``api_fields``. This module teaches that
schema generator the hub's own field types, so every field in the contract is typed rather
than ``Any``:

- many-to-many links to a taxonomy (organisations, priorities, methods, audiences) and
  foreign keys to an organisation read as ``{id, name, slug}`` rather than a bare id;
- Core20PLUS5 lists (``MultipleChoiceListField``) read as a list of choice values;
- a measure carries its data series and a computed SPC summary (:class:`SPCSummaryField`).

:func:`register_field_schemas` must run before Wagtail's API registry is first imported
(``hub.apps.HubConfig.ready`` calls it): the registry builds every page schema at import.
"""

import sys
from datetime import date
from typing import Literal

from django.db.models import ForeignKey

from modelcluster.fields import ParentalManyToManyField

from ninja import Schema
from rest_framework.fields import Field as SerializerField

from hub.fields import MultipleChoiceListField


class TaxonomyRef(Schema):
    """A link to an organisation, priority, method, audience or skill."""

    id: int
    name: str
    slug: str


def _taxonomy_models():
    from directory.models import Language, Skill
    from hub.models import Audience, Organisation, Priority, QIMethod

    return (Organisation, Priority, QIMethod, Audience, Skill, Language)


def _is_taxonomy(model) -> bool:
    return model in _taxonomy_models()


def _ref(obj) -> dict:
    return {"id": obj.pk, "name": obj.name, "slug": obj.slug}


def _many_to_many_schema(generator, field):
    name = field.name

    def resolve(obj) -> list[dict]:
        return [_ref(item) for item in getattr(obj, name).all()]

    if not _is_taxonomy(field.related_model):
        return (
            list[int],
            [],
            staticmethod(lambda obj: [item.pk for item in getattr(obj, name).all()]),
        )
    return list[TaxonomyRef], [], staticmethod(resolve)


def _foreign_key_schema(default):
    def schema(generator, field):
        if not _is_taxonomy(field.related_model):
            return default(generator, field)
        name = field.name

        def resolve(obj) -> dict | None:
            value = getattr(obj, name)
            return _ref(value) if value is not None else None

        return TaxonomyRef | None, None, staticmethod(resolve)

    return schema


def _choice_list_schema(generator, field):
    name = field.name
    values = tuple(field.choices_enum.values)
    return (
        list[Literal[values]],  # type: ignore[valid-type]
        [],
        staticmethod(lambda obj: list(getattr(obj, name) or [])),
    )


def register_field_schemas() -> None:
    """Teach Wagtail's v3 read-schema generator the hub's field types (see module doc)."""
    if "wagtail.api.v3.registry" in sys.modules:
        raise RuntimeError(
            "pages.api.register_field_schemas() ran after Wagtail built the API schemas: "
            "call it before anything imports wagtail.api.v3.api."
        )
    from wagtail.api.v3.schemas.generators.read import foreign_key_schema, read_generator

    read_generator.register_field_schema(ParentalManyToManyField, _many_to_many_schema)
    read_generator.register_field_schema(ForeignKey, _foreign_key_schema(foreign_key_schema))
    read_generator.register_field_schema(MultipleChoiceListField, _choice_list_schema)


# Serializer fields for computed values (Wagtail types them from the return annotation) --


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

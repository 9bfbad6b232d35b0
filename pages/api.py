"""How the page types read in the v3 API (``/api/v3/pages/``).

Wagtail builds each page type's schema from its ``api_fields``. This module teaches that
schema generator the hub's own field types, so every field in the contract is typed rather
than ``Any``:

- many-to-many links to a taxonomy (organisations, priorities, methods, audiences) and
  foreign keys to an organisation read as ``{id, name, slug}`` rather than a bare id;
- Core20PLUS5 lists (``MultipleChoiceListField``) read as a list of choice values;
- a measure's data series and SPC summary are typed by their serializer fields
  (``pages.serializers``).

:func:`register_field_schemas` must run before Wagtail's API registry is first imported
(``hub.apps.HubConfig.ready`` calls it): the registry builds every page schema at import.
"""

import sys
from typing import Literal

from django.db.models import ForeignKey

from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v3.schemas.generators.read import foreign_key_schema, read_generator

from hub.api_schemas import TaxonomyRef, taxonomy_ref, taxonomy_refs
from hub.fields import MultipleChoiceListField
from hub.models import NamedTaxonomy


def _is_taxonomy(model) -> bool:
    """Organisations, priorities, methods, audiences, and the directory's skills and
    languages: every named taxonomy reads as a :class:`TaxonomyRef`."""
    return isinstance(model, type) and issubclass(model, NamedTaxonomy)


def _many_to_many_schema(generator, field):
    name = field.name

    def resolve(obj) -> list[dict]:
        return taxonomy_refs(getattr(obj, name).all(), obj.locale_id)

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
            return taxonomy_ref(getattr(obj, name))

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
    read_generator.register_field_schema(ParentalManyToManyField, _many_to_many_schema)
    read_generator.register_field_schema(ForeignKey, _foreign_key_schema(foreign_key_schema))
    read_generator.register_field_schema(MultipleChoiceListField, _choice_list_schema)

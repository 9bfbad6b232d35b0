"""How the page types read in the v3 API (``/api/v3/pages/``).

Wagtail builds each page type's schema from its ``api_fields``. This module teaches that
schema generator the hub's own field types, so every field in the contract is typed rather
than ``Any``:

- many-to-many links to a taxonomy (organisations, priorities, methods, audiences) and
  foreign keys to an organisation read as ``{id, name, slug}`` rather than a bare id;
- Core20PLUS5 lists (``MultipleChoiceListField``) read as a list of choice values;
- a measure's data series, SPC summary and full chart model, and a case study's approved
  adoptions, are typed by their serializer fields (``pages.serializers``).

It also declares the pages' own router, mounted at ``/api/v3/case-studies/`` by
``hub.api``: registering an adoption ("We are adopting this") as the page's form does.

:func:`register_field_schemas` must run before Wagtail's API registry is first imported
(``hub.apps.HubConfig.ready`` calls it): the registry builds every page schema at import.
"""

import sys
from typing import Literal

from django.conf import settings
from django.db.models import ForeignKey
from django.http import HttpRequest
from django.utils import translation

from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v3.schemas.generators.read import foreign_key_schema, read_generator

from ninja import Field, Router, Schema, Status

from hub.abuse import hit_rate_limit, retry_after
from hub.api_schemas import (
    COMMON_ERRORS,
    ProblemDetail,
    TaxonomyRef,
    problem_response,
    taxonomy_ref,
)
from hub.fields import MultipleChoiceListField
from hub.models import NamedTaxonomy, Organisation, localized

from .enums import AdoptionStage
from .forms import OTHER, AdoptionForm
from .models import CaseStudyPage


def _is_taxonomy(model) -> bool:
    """Organisations, priorities, methods, audiences, and the directory's skills and
    languages: every named taxonomy reads as a :class:`TaxonomyRef`."""
    return isinstance(model, type) and issubclass(model, NamedTaxonomy)


def _many_to_many_schema(generator, field):
    name = field.name

    def resolve(obj) -> list[dict]:
        return [taxonomy_ref(item) for item in getattr(obj, name).all()]

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


# "We are adopting this" through the API --------------------------------------------------

router = Router(tags=["case studies"])

LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]
ADOPTION_SCOPE = "adoption"  # the web form's rate-limit scope: the two count together
MAX_ID = 2**63 - 1

# A text answer the form requires: something other than spaces (the form strips them).
_NOT_BLANK = r"\S"


class AdoptionIn(Schema):
    """A team registering that it is adopting or adapting the case study: the web form's
    questions (``pages.forms.AdoptionForm``), with its rules and its messages in
    ``language``. Hub editors check it before it is shown; the contact details are never
    published."""

    language: LanguageCode = Field(  # type: ignore[valid-type]
        settings.LANGUAGE_CODE, description="The language of the error messages."
    )
    organisation: int | Literal["other"] = Field(
        description="An organisation id from /api/v3/taxonomies/, or “other” with "
        "organisation_name."
    )
    organisation_name: str = Field(
        "", max_length=200, description="The organisation's name, when it is “other”."
    )
    team: str = Field(max_length=200, pattern=_NOT_BLANK, description="Team or service.")
    stage: AdoptionStage = Field(description="How far the team has got.")
    notes: str = Field(
        "", max_length=2000, description="What the team is changing or adapting (optional)."
    )
    contact_name: str = Field(max_length=150, pattern=_NOT_BLANK)
    contact_email: str = Field(
        max_length=254,
        json_schema_extra={"format": "email"},
        description="Only the hub team sees it, to check the entry. Never published.",
    )


class AdoptionReceived(Schema):
    status: Literal["pending"] = Field(description="Waiting for a hub editor's review.")
    detail: str


ADOPTION_RESPONSES = {
    201: AdoptionReceived,
    404: ProblemDetail,
    413: ProblemDetail,
    429: ProblemDetail,
    **COMMON_ERRORS,
}


def _organisation_choice(value, locale) -> str:
    """An id from /api/v3/taxonomies/ (a default-language organisation) as the web form
    offers it in the page's language (its translation there, when it has one)."""
    if value == OTHER or not isinstance(value, int) or not 0 < value <= MAX_ID:
        return str(value)
    key = Organisation.objects.filter(pk=value).values_list("translation_key", flat=True).first()
    offered = localized(Organisation.objects.filter(translation_key=key), locale).first()
    return str(offered.pk if offered is not None else value)


@router.post(
    "/{page_id}/adoptions/",
    response=ADOPTION_RESPONSES,
    url_name="hub_adopt",
    summary="Register that a team is adopting a case study (“We are adopting this”)",
    description=(
        "The case study page's form, through the API: 201 when registered for review (an "
        "approved entry appears in the case study's `adoptions`); 404 for no such live, public "
        "case study; 422 with one error per refused answer; 429 when this address has sent "
        "too many of the hub's public forms this hour (`Retry-After`: the seconds left). "
        "Every attempt counts, as on the web form."
    ),
    operation_id="adoptions_create",
    auth=None,
)
def create_adoption(request: HttpRequest, page_id: int, adoption: AdoptionIn):
    if not 0 < page_id <= MAX_ID:
        return problem_response(status=404, detail="No case study at this address.")
    page = CaseStudyPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return problem_response(status=404, detail="No case study at this address.")
    limit = hit_rate_limit(request, ADOPTION_SCOPE, settings.HUB_PUBLIC_FORM_RATE_LIMIT)
    if limit:
        response = problem_response(
            status=429,
            detail="Too many forms from this address this hour. "
            f"Try again in {limit.retry_after} seconds (Retry-After).",
        )
        return retry_after(response, limit.retry_after)
    data = adoption.model_dump(exclude={"language"})
    data["organisation"] = _organisation_choice(adoption.organisation, page.locale)
    with translation.override(adoption.language):
        form = AdoptionForm(data=data, locale=page.locale)
        if not form.is_valid():
            errors = [
                {
                    "type": error.code or "invalid",
                    "loc": ["body", "adoption", field] if field != "__all__" else ["body"],
                    "msg": message,
                }
                for field, field_errors in form.errors.as_data().items()
                for error in field_errors
                for message in error.messages
            ]
            return problem_response(status=422, detail="Some answers need changing.", errors=errors)
    form.save_for(page)
    return Status(
        201,
        {
            "status": "pending",
            "detail": "Thank you: the hub team will check it before it is shown.",
        },
    )

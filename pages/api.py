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

import re
import sys
from datetime import datetime, time
from functools import wraps
from typing import Literal

from django.conf import settings
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v3.schemas.generators.read import foreign_key_schema, read_generator

from ninja import Field, Router, Schema, Status

from hub.abuse import hit_rate_limit, retry_after
from hub.api_schemas import (
    COMMON_ERRORS,
    ProblemDetail,
    TaxonomyRef,
    problem_response,
    request_language,
    taxonomy_ref,
    taxonomy_refs,
)
from hub.fields import MultipleChoiceListField
from hub.models import NamedTaxonomy, Organisation, Place, localized

from .enums import AdoptionStage
from .forms import OTHER, AdoptionForm
from .models import BasePage, CaseStudyPage, EventPage


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
    place: int | None = Field(
        None, description="A place id from /api/v3/taxonomies/ (optional): where it is used."
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


def _taxonomy_choice(model, value, locale) -> str:
    """An id from /api/v3/taxonomies/ (an organisation or place, in any language) as the
    web form offers it in the page's language (its translation there, when it has one)."""
    if value == OTHER or not isinstance(value, int) or not 0 < value <= MAX_ID:
        return str(value)
    key = model.objects.filter(pk=value).values_list("translation_key", flat=True).first()
    offered = localized(model.objects.filter(translation_key=key), locale).first()
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
    data["organisation"] = _taxonomy_choice(Organisation, adoption.organisation, page.locale)
    data["place"] = (
        "" if adoption.place is None else _taxonomy_choice(Place, adoption.place, page.locale)
    )
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


# The pages list: in the request's language, events by date, and ``fields=`` ---------------

EVENT_DATE_PARAMS = ("starts_after", "starts_before")
# The fields every hub page type reads with (BasePage.api_fields): what a list of mixed
# types may ask for.
COMMON_FIELDS = frozenset(field.name for field in BasePage.api_fields)
FIELDS_PARAM = "fields"
_FIELD = re.compile(r"\s*(-?)([A-Za-z_][A-Za-z0-9_]*|\*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


class ListRefused(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise ListRefused(422, "fields: a closing bracket has no opening one.")
        current += char
    if depth:
        raise ListRefused(422, "fields: a bracket is not closed.")
    return [*parts, current] if current.strip() or parts else []


def parse_fields(text: str) -> dict:
    """Wagtail's ``fields`` syntax (API v2): ``title,listing_summary`` adds fields,
    ``*`` every field, ``-name`` removes one, ``name(sub,sub)`` picks inside a nested object
    or list. Returns ``{"*": bool, "add": {name: nested or None}, "remove": {names}}``."""
    spec = {"*": False, "add": {}, "remove": set()}
    for part in _split_top_level(text):
        match = _FIELD.match(part)
        if not match:
            raise ListRefused(422, f"fields: “{part.strip()}” is not a field name.")
        minus, name, nested = match.groups()
        if name == "*":
            spec["*"] = True
        elif minus:
            spec["remove"].add(name)
        else:
            spec["add"][name] = parse_fields(nested) if nested is not None else None
    return spec


def _pick(value, spec: dict | None):
    """``value`` (a dumped field) narrowed by a nested ``fields`` spec."""
    if spec is None or spec["*"] and not spec["remove"] and not spec["add"]:
        return value
    if isinstance(value, list):
        return [_pick(item, spec) for item in value]
    if not isinstance(value, dict):
        raise ListRefused(422, "fields: only an object or a list of objects has fields.")
    names = set(value) if spec["*"] else set()
    for name in spec["add"]:
        if name not in value:
            raise ListRefused(422, f"fields: unknown field “{name}”.")
        names.add(name)
    return {
        name: _pick(value[name], spec["add"].get(name))
        for name in value
        if name in names and name not in spec["remove"]
    }


def _event_dates(request) -> dict:
    """``starts_after`` / ``starts_before``: events whose start falls on or after, or on or
    before, a date (a day, or a date and time)."""
    bounds = {}
    for name in EVENT_DATE_PARAMS:
        raw = request.GET.get(name)
        if raw is None:
            continue
        moment = parse_datetime(raw) if "T" in raw else None
        if moment is None:
            day = parse_date(raw) if len(raw) == 10 else None
            if day is None:
                raise ListRefused(422, f"{name} must be a date (2026-05-01) or a date and time.")
            moment = datetime.combine(
                day, time.min if name == "starts_after" else time.max
            ).replace(tzinfo=timezone.get_current_timezone())
        elif timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        bounds["start__gte" if name == "starts_after" else "start__lte"] = moment
    return bounds


def _events_only(queryset, dates: dict):
    """Only the events of ``queryset`` whose start is within ``dates`` (any other type of
    page has no start: asking for dates asks for events)."""
    if queryset.model is EventPage:
        return queryset.filter(**dates)
    if not issubclass(EventPage, queryset.model):
        return queryset.none()
    return queryset.type(EventPage).filter(
        **{f"eventpage__{lookup}": moment for lookup, moment in dates.items()}
    )


def extend_pages_list(operation) -> None:
    """Give Wagtail's ``GET /pages/`` what a separate front end needs (idempotent):

    - the pages in one language: ``locale`` if given (``locale=`` for every language),
      otherwise the request's ``Accept-Language``;
    - ``starts_after`` and ``starts_before``: only events, by the date they start;
    - ``fields``: Wagtail's own selection syntax, each page read by its type's own schema
      (the detail's), so a card grid takes one request.
    """
    if getattr(operation, "hub_list_extended", False):
        return
    # Imported here: Wagtail builds every page schema when its API registry is first
    # imported, which must follow register_field_schemas() (hub.api.install runs both).
    from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
    from wagtail.api.v3.registry import registry
    from wagtail.api.v3.schemas.pages import BasePageSchema

    paginated = operation.view_func
    wagtail_list = paginated.__wrapped__
    paginator = WagtailLimitOffsetPagination()

    @wraps(paginated)
    def list_pages(request, **kwargs):
        pagination = kwargs.pop("ninja_pagination", None) or paginator.Input()
        kwargs["pagination_info"] = pagination
        filters = kwargs["filters"]
        try:
            if "locale" not in request.GET:
                filters.locale = request_language(request)
            dates = _event_dates(request)
            models = list(filters.type)
            model = models[0] if len(models) == 1 else None
            spec = parse_fields(request.GET[FIELDS_PARAM]) if FIELDS_PARAM in request.GET else None
            schema = registry.get(model._meta.label).read_schema if model else None
            queryset = wagtail_list(request, **kwargs)
            if dates:
                if not isinstance(queryset, QuerySet):
                    raise ListRefused(
                        422, "Events cannot be searched and filtered by date at once."
                    )
                queryset = _events_only(queryset, dates)
            page = paginator.paginate_queryset(queryset, pagination=pagination, request=request)
            if spec is None:
                return page
            return JsonResponse(
                {
                    "count": page["count"],
                    "items": _with_fields(request, page["items"], spec, schema),
                }
            )
        except ListRefused as refused:
            return problem_response(status=refused.status, detail=refused.detail)

    def _with_fields(request, pages, spec, schema):
        base_names = set(BasePageSchema.model_fields)  # id, title, meta: always, unless removed
        available = set(schema.model_fields) if schema else base_names | COMMON_FIELDS
        unknown = (set(spec["add"]) | spec["remove"]) - available
        if unknown:
            raise ListRefused(
                422,
                f"fields: unknown field “{sorted(unknown)[0]}” (give one page type with `type` "
                "to ask for its own fields).",
            )
        chosen = (available if spec["*"] else base_names | set(spec["add"])) - spec["remove"]
        context = {"request": request}
        items = []
        for page in pages:
            item = BasePageSchema.model_validate(page, context=context).model_dump(mode="json")
            extra = chosen - base_names
            if extra:
                specific = page.specific
                page_schema = schema or registry.get(specific._meta.label).read_schema
                item.update(
                    page_schema.model_validate(specific, context=context).model_dump(
                        mode="json", include=extra
                    )
                )
            items.append(
                {
                    name: _pick(value, spec["add"].get(name))
                    for name, value in item.items()
                    if name in chosen
                }
            )
        return items

    operation.view_func = list_pages
    operation.hub_list_extended = True

"""Ideas in the API: ``POST /api/v3/submissions/`` for anyone, reading for the huddle only.

Posting an idea runs the web form's own step forms (``submissions.forms``) over the JSON
body, so the rules and the error messages are the web form's, in the submitter's language;
then the one way a draft becomes an idea (``services.submit_draft``) files it and records the
receipt email. An API caller is untrusted: the body size is capped
(``API_MAX_BODY_BYTES``, ``hub.middleware``), ideas per address per hour are limited
(``API_SUBMISSIONS_RATE_LIMIT``), and attachments are not accepted (a coach asks for files
later by message). An ``Idempotency-Key`` header makes a retried post file one idea.

Reading ideas needs the bearer token of a huddle member; anyone else gets 401 or 403.
"""

import contextlib
import hashlib
from datetime import datetime
from typing import Any, Literal

from django import forms as django_forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import Locale

from ninja import Field, Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import create_model

from hub import abuse
from hub.api_schemas import COMMON_ERRORS, ProblemDetail, problem_response

from . import emails, services
from .enums import Route, SubmitterType
from .forms import HONEYPOT_FIELD
from .models import IdeaDraft, IdeaSubmission
from .permissions import is_huddle_member
from .status import Status
from .steps import STEPS

router = Router(tags=["submissions"])

API_SUBMIT_SCOPE = "api-submit"
# Answers that name organisations or priorities by id (from /api/v3/taxonomies/).
ID_FIELDS = {"organisation", "organisations_involved", "priorities"}
MAX_ID = 2**63 - 1  # the largest id a database integer column holds

LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


# The request body, built from the step forms so the contract follows the form --------------


def _form_fields():
    """(step slug, name, form field) for every answer an idea takes, in form order."""
    for step in STEPS:
        for name, field in step.form_class.base_fields.items():
            if name == HONEYPOT_FIELD or isinstance(field, django_forms.FileField):
                continue
            yield step.slug, name, field


def _describe(field) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    label = str(field.label or "")
    if label and label[-1] not in ".?:":
        label += "."
    text = " ".join(part for part in (label, str(field.help_text or "")) if part)
    if getattr(field, "max_length", None):
        extra["maxLength"] = field.max_length
    if isinstance(field, django_forms.EmailField):
        extra["format"] = "email"
    return {"description": text, "json_schema_extra": extra}


def _choices(field) -> list[str]:
    return [str(value) for value, _label in field.choices if value != ""]


def _annotation(name, field):
    """The JSON type of one answer. Lengths, formats and choices are documented in the
    schema and enforced by the form itself, so errors read as they do on the web form."""
    described = _describe(field)
    if name == "organisation":
        return (
            int | Literal["other"] | None,
            Field(
                None,
                description=f"{described['description']} An organisation id, or "
                "“other” with organisation_other.",
            ),
        )
    if name in ID_FIELDS:
        return list[int], Field([], description=f"{described['description']} Ids.")
    if isinstance(field, django_forms.BooleanField):
        return bool, Field(False, **described)
    if isinstance(field, django_forms.MultipleChoiceField):
        choices = _choices(field)
        item = Literal[tuple(choices)] if choices else str  # type: ignore[valid-type]
        return list[item], Field([], **described)
    if isinstance(field, django_forms.ChoiceField):
        described["json_schema_extra"]["enum"] = _choices(field)
        return str, Field("", **described)
    return str, Field("", **described)


def _required_answers() -> list[str]:
    return [name for _slug, name, field in _form_fields() if field.required]


def _mark_required(schema: dict[str, Any]) -> None:
    schema["required"] = _required_answers()
    # A required answer has no default (and "" would break its enum or email format).
    for name in schema["required"]:
        schema["properties"][name].pop("default", None)


IdeaIn = create_model(
    "IdeaIn",
    __base__=Schema,
    __doc__=(
        "An idea, framed by the Model for Improvement: the same questions as the web form "
        "at /submit-an-idea/. Answers the form requires are listed as required; an answer "
        "it refuses comes back as a 422 error naming the field, in `language`."
    ),
    language=(
        LanguageCode,
        Field(
            settings.LANGUAGE_CODE,
            description="The submitter's language: error messages and emails use it.",
        ),
    ),
    **{name: _annotation(name, field) for _slug, name, field in _form_fields()},
)
IdeaIn.model_config["json_schema_extra"] = _mark_required


class IdeaCreated(Schema):
    reference: str = Field(description="What the submitter quotes, e.g. IH-2026-0042.")
    status: Status
    submitted_at: datetime
    status_url: str | None = Field(
        description="The submitter's private page to follow the idea (also emailed). Give "
        "it only to the submitter. Absent on a replay of an earlier post."
    )


def _in_active_language(name: str, ids: list) -> list[str]:
    """Ids from /api/v3/taxonomies/ name default-language objects; the form offers the
    visitor's language's objects (falling back to the default), so map across."""
    from hub.models import Organisation, Priority, localized

    model = Priority if name == "priorities" else Organisation
    # An id no database column can hold names nothing (and would crash the lookup); the
    # form refuses it with its own message.
    numbers = [int(pk) for pk in ids if isinstance(pk, int) and 0 < pk <= MAX_ID]
    if not numbers:
        return [str(pk) for pk in ids]
    keys = dict(model.objects.filter(pk__in=numbers).values_list("pk", "translation_key"))
    offered = dict(
        localized(model.objects.all(), Locale.get_active()).values_list("translation_key", "pk")
    )
    return [str(offered.get(keys.get(pk), pk)) if isinstance(pk, int) else pk for pk in ids]


def _form_data(payload) -> MultiValueDict:
    data = MultiValueDict()
    for _slug, name, _field in _form_fields():
        value = getattr(payload, name)
        if name in ID_FIELDS and value is not None:
            value = _in_active_language(name, value if isinstance(value, list) else [value])
            value = value if name != "organisation" else value[0]
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def _validate(payload) -> tuple[dict, list[dict]]:
    """Run every step form; return the draft data and the errors (web-form messages)."""
    data = _form_data(payload)
    answers, errors = {}, []
    for step in STEPS:
        form = step.form_class(data=data)
        if form.is_valid():
            answers[step.slug] = form.to_draft()
            continue
        for field, field_errors in form.errors.as_data().items():
            for error in field_errors:
                for message in error.messages:
                    errors.append(
                        {
                            "type": error.code or "invalid",
                            "loc": ["body", "idea", field] if field != "__all__" else ["body"],
                            "msg": message,
                        }
                    )
    return answers, errors


def _draft_key(request: HttpRequest) -> str | None:
    """A stable draft key for a client's ``Idempotency-Key`` (scoped to its address)."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    if len(key) > 200:
        raise HttpError(400, "Idempotency-Key must be 200 characters or fewer.")
    scoped = f"api:{abuse.client_ip(request)}:{key}".encode()
    return hashlib.sha256(scoped).hexdigest()


def _created(submission: IdeaSubmission, token: str | None) -> dict:
    return {
        "reference": submission.reference,
        "status": submission.status,
        "submitted_at": submission.submitted_at,
        "status_url": emails.status_page_url(token) if token else None,
    }


@router.post(
    "/",
    response={
        200: IdeaCreated,
        201: IdeaCreated,
        413: ProblemDetail,
        429: ProblemDetail,
        **COMMON_ERRORS,
    },
    url_name="hub_submit_idea",
    summary="Submit an improvement idea",
    description=(
        "Files an idea in the huddle's inbox and emails the submitter a receipt with a "
        "private status link. 201 with the reference; 200 with the same reference when an "
        "`Idempotency-Key` repeats an earlier post; 422 with one error per refused answer; "
        "429 when this address has posted too many ideas this hour. Text only: attachments "
        "are not accepted through the API."
    ),
    operation_id="submissions_create",
    auth=None,
)
def submit_idea(request: HttpRequest, idea: IdeaIn):
    key = _draft_key(request)
    if key:
        earlier = IdeaSubmission.objects.filter(source_draft_key=key).first()
        if earlier is not None:
            return Reply(200, _created(earlier, None))

    with translation.override(idea.language):
        answers, errors = _validate(idea)
    if errors:
        return problem_response(status=422, detail="Some answers need changing.", errors=errors)

    if abuse.hit_rate_limit(request, API_SUBMIT_SCOPE, settings.API_SUBMISSIONS_RATE_LIMIT):
        response = problem_response(
            status=429, detail="Too many ideas from this address. Try again in an hour."
        )
        response["Retry-After"] = "3600"
        return response

    draft = IdeaDraft(language=idea.language, data=answers)
    if key:
        draft.key = key
    # The same key submitted concurrently: submit_draft settles which post files the idea.
    with contextlib.suppress(IntegrityError), transaction.atomic():
        draft.save()

    result = services.submit_draft(draft.key, ip=abuse.client_ip(request), language=idea.language)
    return Reply(201 if result.created else 200, _created(result.submission, result.status_token))


# Reading, for the huddle ---------------------------------------------------------------------


class Named(Schema):
    id: int
    name: str


class StatusEntry(Schema):
    from_status: str
    to_status: Status
    changed_at: datetime
    by_submitter: bool
    reason: str


class IdeaSummary(Schema):
    reference: str
    title: str
    status: Status
    route: str
    submitted_at: datetime
    status_changed_at: datetime | None
    language: str
    submitter_type: SubmitterType | Literal[""]
    organisation: Named | None
    priorities: list[Named]
    lead: str | None = Field(description="The huddle member leading it (username).")
    coach: str | None = Field(description="The coach assigned (display name).")


class IdeaDetail(IdeaSummary):
    submitter_name: str
    submitter_email: str
    submitter_role: str
    organisation_other: str
    problem: str
    who_affected: str
    aim: str
    outcome_measures: str
    process_measures: str
    balancing_measures: str
    baseline_data: str
    change_ideas: str
    first_test: str
    organisations_involved: list[Named]
    services_pathway: str
    proposed_route: Route | Literal[""]
    core20: str
    plus_groups: list[str]
    plus_groups_other: str
    adult_clinical_areas: list[str]
    child_clinical_areas: list[str]
    inequalities: str
    involvement: str
    involvement_detail: str
    digital_opportunity: str
    support_wanted: list[str]
    support_detail: str
    history: list[StatusEntry]


class IdeaList(Schema):
    count: int
    items: list[IdeaSummary]


class IdeaFilters(Schema):
    status: list[Status] = []
    submitted_after: datetime | None = None
    limit: int = Field(20, ge=1, le=settings.WAGTAILAPI_LIMIT_MAX)
    offset: int = Field(0, ge=0)


HUDDLE_ERRORS = {401: ProblemDetail, 403: ProblemDetail}


def _require_huddle(request: HttpRequest) -> None:
    # BearerTokenAuth already answered 401 for no token or a bad one.
    if not is_huddle_member(request.user):
        raise HttpError(403, "Only huddle members may read ideas.")


def _named(obj):
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def _summary(idea: IdeaSubmission) -> dict:
    return {
        "reference": idea.reference,
        "title": idea.title,
        "status": idea.status,
        "route": idea.route,
        "submitted_at": idea.submitted_at,
        "status_changed_at": idea.status_changed_at,
        "language": idea.language,
        "submitter_type": idea.submitter_type,
        "organisation": _named(idea.organisation),
        "priorities": [_named(item) for item in idea.priorities.all()],
        "lead": idea.lead.get_username() if idea.lead else None,
        "coach": idea.coach.display_name if idea.coach else None,
    }


DETAIL_TEXT = [name for name in IdeaDetail.model_fields if name not in IdeaSummary.model_fields]


def _detail(idea: IdeaSubmission) -> dict:
    detail = _summary(idea)
    for name in DETAIL_TEXT:
        if name in ("organisations_involved", "history"):
            continue
        detail[name] = getattr(idea, name)
    detail["organisations_involved"] = [_named(o) for o in idea.organisations_involved.all()]
    detail["history"] = [
        {
            "from_status": change.from_status,
            "to_status": change.to_status,
            "changed_at": change.changed_at,
            "by_submitter": change.by_submitter,
            "reason": change.reason,
        }
        for change in idea.status_changes.all()
    ]
    return detail


def _ideas():
    return IdeaSubmission.objects.select_related("organisation", "lead", "coach").prefetch_related(
        "priorities"
    )


@router.get(
    "/",
    response={200: IdeaList, **HUDDLE_ERRORS, **COMMON_ERRORS},
    url_name="hub_ideas",
    summary="List ideas (huddle members only)",
    operation_id="submissions_list",
    auth=BearerTokenAuth(),
)
def list_ideas(request: HttpRequest, filters: IdeaFilters = Query(...)):  # noqa: B008
    _require_huddle(request)
    ideas = _ideas().order_by("-submitted_at", "-pk")
    if filters.status:
        ideas = ideas.filter(status__in=filters.status)
    if filters.submitted_after:
        ideas = ideas.filter(submitted_at__gt=filters.submitted_after)
    total = ideas.count()
    page = ideas[filters.offset : filters.offset + filters.limit]
    return {"count": total, "items": [_summary(idea) for idea in page]}


@router.get(
    "/{reference}/",
    response={200: IdeaDetail, 404: ProblemDetail, **HUDDLE_ERRORS},
    url_name="hub_idea",
    summary="One idea with its answers and status history (huddle members only)",
    operation_id="submissions_detail",
    auth=BearerTokenAuth(),
)
def get_idea(request: HttpRequest, reference: str):
    _require_huddle(request)
    idea = get_object_or_404(
        _ideas().prefetch_related("organisations_involved", "status_changes"),
        reference=reference,
    )
    return _detail(idea)

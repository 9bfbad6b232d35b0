"""Posting an idea through the API (``POST /api/v3/submissions/``, open to anyone; the route
itself is declared in ``submissions.api``).

Posting an idea runs the web form's own step forms (``submissions.portal.forms``) over the
JSON body, so the rules and the error messages are the web form's, in the submitter's
language; then the one way a draft becomes an idea (``actions.submit_draft``) files it and
records the receipt email. An API caller is untrusted: the body size is capped
(``API_MAX_BODY_BYTES``, ``hub.middleware``), ideas per address per hour are limited
(``API_SUBMISSIONS_RATE_LIMIT``), and attachments are not accepted (a coach asks for files
later by message). An ``Idempotency-Key`` header makes a retried post file one idea.
"""

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django import forms as django_forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from wagtail.models import Locale

from ninja import Field, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import create_model

from hub import abuse
from hub.api_schemas import COMMON_ERRORS, ProblemDetail, problem_response, request_language
from hub.models import Organisation, Priority, localized
from hub.multistep import HONEYPOT_FIELD
from submissions import emails
from submissions.enums import Status
from submissions.models import IdeaDraft, IdeaSubmission

from . import actions
from .steps import STEPS

API_SUBMIT_SCOPE = "api-submit"
# Answers that name organisations or priorities by id (from /api/v3/taxonomies/).
ID_FIELDS = {"organisation", "organisations_involved", "priorities"}
MAX_ID = 2**63 - 1  # the largest id a database integer column holds
NOT_BLANK = r"\S"  # the form strips spaces: an answer of spaces is no answer

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
    """What the form requires, as JSON Schema says it: required answers with no default,
    and what "answered" means for each (text that is not only spaces, the consent box
    ticked, at least one choice)."""
    fields = {name: field for _slug, name, field in _form_fields()}
    schema["required"] = _required_answers()
    # A required answer has no default (and "" would break its enum or email format).
    for name in schema["required"]:
        prop = schema["properties"][name]
        prop.pop("default", None)
        field = fields[name]
        if isinstance(field, django_forms.BooleanField):
            prop["const"] = True
        elif isinstance(field, django_forms.MultipleChoiceField):
            prop["minItems"] = 1
        elif "enum" not in prop and prop.get("type") == "string":
            prop["pattern"] = NOT_BLANK


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


# An Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the idea's draft key is
# made of two halves, the key (scoped to the client's address) and the body's fingerprint,
# both kept on the idea (``source_draft_key``). The same key with the same body replays the
# first answer; with another body it is refused (422), and while the first request is still
# being handled, a second one with the key is refused too (409).
IDEMPOTENCY_KEY_MAX = 200
IDEMPOTENCY_LOCK_SECONDS = 60
HALF = 32  # hex characters of each half: 128 bits


@dataclass(frozen=True)
class Idempotency:
    key_half: str
    body_half: str

    @property
    def draft_key(self) -> str:
        return self.key_half + self.body_half

    @property
    def lock(self) -> str:
        return f"idempotency:{self.key_half}"


def _idempotency(request: HttpRequest, idea) -> Idempotency | None:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    if len(key) > IDEMPOTENCY_KEY_MAX:
        with translation.override(request_language(request)):
            # (The message names the limit: IDEMPOTENCY_KEY_MAX.)
            raise HttpError(400, gettext("Idempotency-Key must be 200 characters or fewer."))
    scoped = f"api:{abuse.client_ip(request)}:{key}".encode()
    # The answers as parsed, so the same idea sent with its keys in another order or other
    # white space is the same request.
    body = json.dumps(idea.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return Idempotency(
        key_half=hashlib.sha256(scoped).hexdigest()[:HALF],
        body_half=hashlib.sha256(body.encode()).hexdigest()[:HALF],
    )


def _replay(idempotency: Idempotency):
    """The answer to a request whose key was used before: the first idea, or a refusal."""
    earlier = IdeaSubmission.objects.filter(
        source_draft_key__startswith=idempotency.key_half
    ).first()
    if earlier is None:
        return None
    if earlier.source_draft_key != idempotency.draft_key:
        return problem_response(
            status=422,
            title="Idempotency-Key reused",
            detail="This Idempotency-Key was already used for a different idea. Send a new "
            "key with each new idea; repeat a key only to retry the same request.",
        )
    return Reply(200, _created(earlier, None))


def _created(submission: IdeaSubmission, token: str | None) -> dict:
    return {
        "reference": submission.reference,
        "status": submission.status,
        "submitted_at": submission.submitted_at,
        "status_url": emails.status_page_url(token) if token else None,
    }


SUBMIT_RESPONSES = {
    200: IdeaCreated,
    201: IdeaCreated,
    409: ProblemDetail,
    413: ProblemDetail,
    429: ProblemDetail,
    **COMMON_ERRORS,
}


def submit_idea(request: HttpRequest, idea: IdeaIn):
    idempotency = _idempotency(request, idea)
    if idempotency is None:
        return _submit(request, idea, None)
    replay = _replay(idempotency)
    if replay is not None:
        return replay
    if not cache.add(idempotency.lock, 1, timeout=IDEMPOTENCY_LOCK_SECONDS):
        response = problem_response(
            status=409,
            title="Request in progress",
            detail="A request with this Idempotency-Key is still being handled. Retry it "
            "in a moment to get its answer.",
        )
        return abuse.retry_after(response, 1)
    try:
        return _submit(request, idea, idempotency)
    finally:
        cache.delete(idempotency.lock)


def _submit(request: HttpRequest, idea, idempotency: Idempotency | None):
    # Messages in the submitter's language, or the client's (Accept-Language) if not given.
    language = request_language(
        request, idea.language if "language" in idea.model_fields_set else None
    )
    with translation.override(language):
        answers, errors = _validate(idea)
        if errors:
            return problem_response(
                status=422, detail=gettext("Some answers need changing."), errors=errors
            )

    limit = abuse.hit_rate_limit(request, API_SUBMIT_SCOPE, settings.API_SUBMISSIONS_RATE_LIMIT)
    if limit:
        response = problem_response(
            status=429,
            detail=(
                "Too many ideas from this address this hour. "
                f"Try again in {limit.retry_after} seconds (Retry-After)."
            ),
        )
        return abuse.retry_after(response, limit.retry_after)

    draft = IdeaDraft(language=idea.language, data=answers)
    if idempotency:
        draft.key = idempotency.draft_key
    # The same key submitted concurrently: submit_draft settles which post files the idea.
    with contextlib.suppress(IntegrityError), transaction.atomic():
        draft.save()

    result = actions.submit_draft(draft.key, ip=abuse.client_ip(request), language=idea.language)
    return Reply(201 if result.created else 200, _created(result.submission, result.status_token))

"""Reading ideas through the API (``GET /api/v3/submissions/`` and ``.../<reference>/``):
huddle members only, with a bearer token; anyone else gets 401 or 403. The routes are
declared in ``submissions.api``."""

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ninja import Field, Query, Schema
from ninja.errors import HttpError

from hub.api_schemas import COMMON_ERRORS, ProblemDetail
from submissions.enums import Route, Status, SubmitterType
from submissions.models import IdeaSubmission
from submissions.permissions import is_huddle_member


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
LIST_RESPONSES = {200: IdeaList, **HUDDLE_ERRORS, **COMMON_ERRORS}
DETAIL_RESPONSES = {200: IdeaDetail, 404: ProblemDetail, **HUDDLE_ERRORS}


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


def get_idea(request: HttpRequest, reference: str):
    _require_huddle(request)
    idea = get_object_or_404(
        _ideas().prefetch_related("organisations_involved", "status_changes"),
        reference=reference,
    )
    return _detail(idea)

"""The huddle's day on the Wagtail dashboard: what a huddle member sees first when they sign
in. New ideas (each with its one-click "Start triage"), ideas past a target (the working-day
clocks of :mod:`.clocks`), the open ideas they lead or coach, the next meeting and its
agenda, and one click to the inbox.

Registered by ``submissions.wagtail_hooks`` through Wagtail's ``construct_homepage_panels``
hook, for huddle members only. :func:`huddle_day` reads it all in a fixed number of queries
(one for the counts, one per list, two for the meeting, one for the targets), however many
ideas there are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.utils import timezone

from wagtail.admin.ui.components import Component

from submissions.enums import Status
from submissions.models import AgendaItem, HuddleMeeting, IdeaSubmission, IdeaSubmissionQuerySet
from submissions.permissions import is_huddle_member
from submissions.transitions import newest_change_subquery

from .clocks import Clock, Targets, clock_for, overdue_q, targets

# How many ideas each list shows; the counts and the inbox links say how many there are.
LIST_LENGTH = 5
AGENDA_LENGTH = 8


def mine_q(user) -> Q:
    """Ideas the user leads or coaches (through their coach profile)."""
    return Q(lead=user) | Q(coach__user=user)


@dataclass
class HuddleDay:
    new_count: int
    new_ideas: list[IdeaSubmission]
    overdue_count: int
    overdue_ideas: list[tuple[IdeaSubmission, Clock]]
    mine_count: int
    my_ideas: list[IdeaSubmission]
    next_meeting: HuddleMeeting | None
    agenda: list[AgendaItem]
    targets: Targets


def huddle_day(user, now: datetime | None = None) -> HuddleDay:
    """Everything the panel shows for ``user`` at ``now``, in a fixed number of queries."""
    now = now or timezone.now()
    targets_ = targets()
    overdue = overdue_q(now, targets_)
    new = Q(status=Status.SUBMITTED)
    mine = IdeaSubmissionQuerySet.open_q() & mine_q(user)
    ideas = IdeaSubmission.objects.all()
    counts = ideas.aggregate(
        new=Count("pk", filter=new),
        overdue=Count("pk", filter=overdue),
        mine=Count("pk", filter=mine),
    )
    new_ideas = list(
        ideas.filter(new)
        .annotate(latest_change_id=newest_change_subquery())
        .order_by("-submitted_at", "-pk")[:LIST_LENGTH]
    )
    overdue_ideas = [
        (idea, clock_for(idea, now, targets_))
        for idea in ideas.filter(overdue).order_by("submitted_at", "pk")[:LIST_LENGTH]
    ]
    my_ideas = list(
        ideas.filter(mine)
        .select_related("lead", "coach")
        .order_by("status_changed_at", "pk")[:LIST_LENGTH]
    )
    for idea in my_ideas:
        idea.my_roles = _roles(idea, user)
    next_meeting = (
        HuddleMeeting.objects.filter(date__gte=timezone.localdate(now))
        .annotate(item_count=Count("items"))
        .order_by("date", "pk")
        .first()
    )
    agenda = []
    if next_meeting is not None:
        agenda = list(
            next_meeting.items.select_related("submission").order_by("sort_order", "pk")[
                :AGENDA_LENGTH
            ]
        )
    return HuddleDay(
        new_count=counts["new"],
        new_ideas=new_ideas,
        overdue_count=counts["overdue"],
        overdue_ideas=overdue_ideas,
        mine_count=counts["mine"],
        my_ideas=my_ideas,
        next_meeting=next_meeting,
        agenda=agenda,
        targets=targets_,
    )


def _roles(idea, user) -> list[str]:
    roles = []
    if idea.lead_id == user.pk:
        roles.append("lead")
    if idea.coach_id and idea.coach.user_id == user.pk:
        roles.append("coach")
    return roles


class HuddlePanel(Component):
    """The dashboard panel (Wagtail's own are ordered from 210: this one comes first)."""

    name = "huddle_day"
    order = 50
    template_name = "submissions/admin/home/huddle_panel.html"

    class Media:
        css = {"all": ["submissions/admin/huddle-day.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        request = self.request
        return {
            "day": huddle_day(request.user),
            "request": request,
            # Components render without the request's context processors; the "Start
            # triage" forms need the token.
            "csrf_token": get_token(request),
            "next_url": request.get_full_path(),
        }


def add_huddle_panel(request, panels) -> None:
    """``construct_homepage_panels`` hook: the huddle's day, for huddle members only."""
    if is_huddle_member(request.user):
        panels.append(HuddlePanel(request))

"""The status machine for idea submissions: the one place that decides which status may
follow which, and who may move an idea along.

Everything that changes a submission's status calls :func:`transition`, which checks the
move against :data:`TRANSITIONS`, writes a :class:`~submissions.models.StatusChange` row (from,
to, who, when, why) in the same transaction as the new status, and raises
:class:`InvalidTransition` for anything else.

::

    submitted → in triage → more information requested ⇄ submitter replied → accepted
    (routed: one provider | integrated) → in coaching → completed
    declined or redirected by the huddle while the idea is being triaged
    withdrawn by the submitter at any point before it is closed

The huddle's inbox (issue 5) adds its screens over this module; the submitter uses it from
the private status page to reply and to withdraw. Checking that ``by_user`` is allowed to
triage ideas is the calling view's job (it knows the request); this module checks that a
move is made by the right kind of actor: huddle moves need a user, submitter moves need
``by_submitter=True``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Route, Status


class InvalidTransition(Exception):  # noqa: N818 - reads better at the call site
    """A status change the machine does not allow; the message says why."""


class StaleStatus(InvalidTransition):
    """Someone else changed the idea's status since the person acting loaded the page."""

    def __init__(self, message, *, latest=None):
        super().__init__(message)
        self.latest = latest


@dataclass(frozen=True)
class Move:
    to: Status
    actor: str  # HUDDLE or SUBMITTER


HUDDLE = "huddle"
SUBMITTER = "submitter"

# The whole machine: from status → the moves allowed from it, and who may make each.
_OPEN_FOR_WITHDRAWAL = Move(Status.WITHDRAWN, SUBMITTER)
TRANSITIONS: dict[Status, tuple[Move, ...]] = {
    Status.SUBMITTED: (Move(Status.IN_TRIAGE, HUDDLE), _OPEN_FOR_WITHDRAWAL),
    Status.IN_TRIAGE: (
        Move(Status.MORE_INFO_REQUESTED, HUDDLE),
        Move(Status.ACCEPTED, HUDDLE),
        Move(Status.DECLINED, HUDDLE),
        Move(Status.REDIRECTED, HUDDLE),
        _OPEN_FOR_WITHDRAWAL,
    ),
    Status.MORE_INFO_REQUESTED: (
        Move(Status.SUBMITTER_REPLIED, SUBMITTER),
        Move(Status.DECLINED, HUDDLE),
        Move(Status.REDIRECTED, HUDDLE),
        _OPEN_FOR_WITHDRAWAL,
    ),
    Status.SUBMITTER_REPLIED: (
        Move(Status.MORE_INFO_REQUESTED, HUDDLE),
        Move(Status.ACCEPTED, HUDDLE),
        Move(Status.DECLINED, HUDDLE),
        Move(Status.REDIRECTED, HUDDLE),
        _OPEN_FOR_WITHDRAWAL,
    ),
    Status.ACCEPTED: (Move(Status.IN_COACHING, HUDDLE), _OPEN_FOR_WITHDRAWAL),
    Status.IN_COACHING: (Move(Status.COMPLETED, HUDDLE), _OPEN_FOR_WITHDRAWAL),
    Status.COMPLETED: (),
    Status.DECLINED: (),
    Status.REDIRECTED: (),
    Status.WITHDRAWN: (),
}

CLOSED = frozenset(status for status, moves in TRANSITIONS.items() if not moves)
OPEN = frozenset(Status) - CLOSED
# Moves that must say why: the submitter is told.
REASON_REQUIRED = frozenset({Status.DECLINED, Status.REDIRECTED})
# Moves that decide an idea's future (the "decision" clock stops at the first of them).
DECISIONS = frozenset({Status.ACCEPTED, Status.DECLINED, Status.REDIRECTED})
# Moves the submitter is emailed about (their own moves and the "in triage" step are not).
NOTIFY_SUBMITTER = frozenset(
    {
        Status.MORE_INFO_REQUESTED,
        Status.ACCEPTED,
        Status.IN_COACHING,
        Status.COMPLETED,
        Status.DECLINED,
        Status.REDIRECTED,
    }
)
# The statuses the huddle still has to act on first (the "first response" clock runs).
AWAITING_FIRST_RESPONSE = frozenset({Status.SUBMITTED})

# How the submitter's private status page describes each status.
SUBMITTER_LABELS = {
    Status.SUBMITTED: _("Received"),
    Status.IN_TRIAGE: _("Being reviewed by the huddle"),
    Status.MORE_INFO_REQUESTED: _("The huddle needs more information from you"),
    Status.SUBMITTER_REPLIED: _("You replied: waiting for the huddle"),
    Status.ACCEPTED: _("Accepted"),
    Status.IN_COACHING: _("In coaching"),
    Status.COMPLETED: _("Completed"),
    Status.DECLINED: _("Not taken forward"),
    Status.REDIRECTED: _("Joined to existing work"),
    Status.WITHDRAWN: _("Withdrawn by you"),
}
SUBMITTER_DESCRIPTIONS = {
    Status.SUBMITTED: _(
        "Your idea has been received. The huddle reads new ideas every week and will "
        "start reviewing it soon."
    ),
    Status.IN_TRIAGE: _("The huddle is reviewing your idea and deciding how best to support it."),
    Status.MORE_INFO_REQUESTED: _(
        "The huddle has asked you a question. Read their message below and reply."
    ),
    Status.SUBMITTER_REPLIED: _(
        "Thank you for your reply. The huddle will read it and be in touch."
    ),
    Status.ACCEPTED: _("The huddle has accepted your idea and will arrange support for it."),
    Status.IN_COACHING: _("A coach is working with you to test your idea."),
    Status.COMPLETED: _("The work on your idea is complete. Thank you for sharing it."),
    Status.DECLINED: _(
        "The huddle has decided not to take your idea forward. Their reason is below."
    ),
    Status.REDIRECTED: _(
        "Your idea is close to work that already exists, so the huddle has connected it there. "
        "Details are below."
    ),
    Status.WITHDRAWN: _("You withdrew this idea. Nothing more will happen with it."),
}
# Tag colours (NHS.UK tag modifiers) for the status page.
TAG_COLOURS = {
    Status.SUBMITTED: "blue",
    Status.IN_TRIAGE: "blue",
    Status.MORE_INFO_REQUESTED: "orange",
    Status.SUBMITTER_REPLIED: "blue",
    Status.ACCEPTED: "green",
    Status.IN_COACHING: "green",
    Status.COMPLETED: "green",
    Status.DECLINED: "grey",
    Status.REDIRECTED: "purple",
    Status.WITHDRAWN: "grey",
}


def allowed_moves(from_status: str, *, by_submitter: bool = False) -> list[Status]:
    """The statuses one actor may move an idea to from ``from_status``."""
    actor = SUBMITTER if by_submitter else HUDDLE
    return [move.to for move in TRANSITIONS[Status(from_status)] if move.actor == actor]


def can_transition(from_status: str, to_status: str, *, by_submitter: bool = False) -> bool:
    return Status(to_status) in allowed_moves(from_status, by_submitter=by_submitter)


def is_closed(status: str) -> bool:
    return Status(status) in CLOSED


def latest_change_id(submission) -> int | None:
    """The id of the newest history entry: what a form shows, to detect a concurrent change."""
    from .models import StatusChange

    return (
        StatusChange.objects.filter(submission_id=submission.pk)
        .order_by("-changed_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _check(submission, to_status, by_user, by_submitter, reason, route, redirected_to=""):
    try:
        to_status = Status(to_status)
    except ValueError:
        raise InvalidTransition(f"{to_status!r} is not a status.") from None
    from_status = Status(submission.status)
    if by_submitter and by_user is not None:
        raise InvalidTransition("A move is made either by a user or by the submitter, not both.")
    if not by_submitter and by_user is None:
        raise InvalidTransition("Say who makes the move: by_user=... or by_submitter=True.")
    moves = {move.to: move for move in TRANSITIONS[from_status]}
    if to_status not in moves:
        raise InvalidTransition(
            f"{submission.reference}: cannot move from {from_status.label} to "
            f"{to_status.label}. Allowed: "
            + (", ".join(str(move.to.label) for move in moves.values()) or "nothing (closed)")
            + "."
        )
    wanted_actor = moves[to_status].actor
    actor = SUBMITTER if by_submitter else HUDDLE
    if wanted_actor != actor:
        raise InvalidTransition(
            f"{submission.reference}: only the {wanted_actor} may move an idea to "
            f"{to_status.label}."
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise InvalidTransition(f"Give a reason for moving an idea to {to_status.label}.")
    if to_status == Status.REDIRECTED and not (
        redirected_to.strip() or submission.redirected_to.strip()
    ):
        raise InvalidTransition("Say which existing project or service the idea joins.")
    if to_status == Status.ACCEPTED:
        route = route or submission.route
        if route not in Route.values:
            raise InvalidTransition(
                "Choose a route (one provider or integrated) when accepting an idea."
            )
    return from_status, to_status


def transition(
    submission,
    to_status,
    *,
    by_user=None,
    by_submitter: bool = False,
    reason: str = "",
    route: str | None = None,
    redirected_to: str = "",
    expected_change_id: int | None | object = ...,
):
    """Move ``submission`` to ``to_status`` and log it; return the ``StatusChange``.

    Raises :class:`InvalidTransition` (and changes nothing) when the move is not allowed
    from the submission's current status, is made by the wrong kind of actor, or lacks a
    required reason, route or (for a redirect) destination. The status is re-read under a
    row lock first, so two people acting at once cannot both move the idea from the same
    status. A screen that showed the idea passes ``expected_change_id`` (the
    :func:`latest_change_id` it showed): if anyone moved the idea since, :class:`StaleStatus`
    says who and nothing changes.

    The move is also written to Wagtail's audit log, and stamps the clocks the huddle is
    measured by (first response, decision, days in status).
    """
    from wagtail.log_actions import log

    from .models import IdeaSubmission, StatusChange

    with transaction.atomic():
        current = (
            IdeaSubmission.objects.select_for_update()
            .only("status", "redirected_to")
            .get(pk=submission.pk)
        )
        submission.status = current.status
        if expected_change_id is not ...:
            latest = (
                StatusChange.objects.filter(submission_id=submission.pk)
                .select_related("changed_by")
                .order_by("-changed_at", "-pk")
                .first()
            )
            if (latest.pk if latest else None) != expected_change_id:
                if latest is None:
                    raise StaleStatus(_("Reload the page: the idea's history has changed."))
                who = _("the submitter") if latest.by_submitter else _actor_name(latest.changed_by)
                raise StaleStatus(
                    _(
                        "%(reference)s was changed to “%(status)s” by %(who)s at %(when)s "
                        "while you were looking at it. Reload the page to see the change, "
                        "then decide again."
                    )
                    % {
                        "reference": submission.reference,
                        "status": Status(latest.to_status).label,
                        "who": who,
                        "when": timezone.localtime(latest.changed_at).strftime("%H:%M"),
                    },
                    latest=latest,
                )
        submission.redirected_to = current.redirected_to
        from_status, to_status = _check(
            submission, to_status, by_user, by_submitter, reason, route, redirected_to
        )
        now = timezone.now()
        submission.status = to_status
        submission.status_changed_at = now
        update_fields = ["status", "status_changed_at"]
        if to_status == Status.ACCEPTED and route:
            submission.route = route
            update_fields.append("route")
        if to_status == Status.REDIRECTED and redirected_to.strip():
            submission.redirected_to = redirected_to.strip()[:300]
            update_fields.append("redirected_to")
        if not by_submitter and submission.first_response_at is None:
            submission.first_response_at = now
            update_fields.append("first_response_at")
        if to_status in DECISIONS and submission.decided_at is None:
            submission.decided_at = now
            update_fields.append("decided_at")
        submission.save(update_fields=update_fields)
        change = StatusChange.objects.create(
            submission=submission,
            from_status=from_status,
            to_status=to_status,
            changed_by=by_user,
            by_submitter=by_submitter,
            reason=reason.strip(),
            changed_at=now,
        )
        log(
            instance=submission,
            action="submissions.status_change",
            user=by_user,
            data={
                "from": from_status.value,
                "to": to_status.value,
                "by_submitter": by_submitter,
                "reason": reason.strip()[:500],
            },
        )
        return change


def _actor_name(user) -> str:
    if user is None:
        return str(_("someone"))
    return user.get_full_name() or user.get_username()


def record_initial_status(submission):
    """The first entry of a new submission's history: (nothing) → submitted."""
    from .models import StatusChange

    return StatusChange.objects.create(
        submission=submission,
        from_status="",
        to_status=Status.SUBMITTED,
        by_submitter=True,
        changed_at=submission.submitted_at,
    )

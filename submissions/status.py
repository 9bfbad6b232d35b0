"""The status machine for idea submissions: the one place that decides which status may
follow which, who may move an idea along, and what each move needs.

Everything that changes a submission's status calls
:func:`submissions.transitions.transition`, which checks the move here (:func:`check_move`),
writes a :class:`~submissions.models.StatusChange` row (from, to, who, when, why) in the same
transaction as the new status, and raises :class:`InvalidTransition` for anything else. This
module imports no model, so the models may use its rules.

::

    submitted → in triage → more information requested ⇄ submitter replied → accepted
    (routed: one provider | integrated) → in coaching → completed
    declined or redirected by the huddle while the idea is being triaged
    withdrawn by the submitter at any point before it is closed

A decision of the huddle on a new idea passes through triage in one step
(:func:`huddle_decisions`, :func:`steps_to`; applied by
:func:`submissions.transitions.decide` as two recorded moves).

The huddle's inbox adds its screens over this module; the submitter uses it from the
private status page to reply and to withdraw. Checking that ``by_user`` is allowed to
triage ideas is the calling view's job (it knows the request); this module checks that a
move is made by the right kind of actor: huddle moves need a user, submitter moves need
``by_submitter=True``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import Route, Status


class InvalidTransition(Exception):  # noqa: N818 - reads better at the call site
    """A status change the machine does not allow; the message says why, and ``field`` names
    the answer it is about when one is missing (``reason``, ``route``, ``redirected_to``)."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field


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
# The statuses in which the huddle still has to decide on an idea (not while it waits for
# the submitter's answer): a meeting's "add all ideas awaiting a decision" takes these.
AWAITING_DECISION = frozenset({Status.SUBMITTED, Status.IN_TRIAGE, Status.SUBMITTER_REPLIED})
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


# A new idea is triaged on the way to any decision the huddle makes on it: one decision,
# recorded as two moves (submitted → in triage → the decision), each checked and logged.
TRIAGED_ON_THE_WAY = {Status.SUBMITTED: Status.IN_TRIAGE}


def huddle_decisions(from_status: str) -> list[Status]:
    """Every status the huddle may move an idea to in one decision from ``from_status``: its
    own moves and, for a new idea, those from "in triage" too (see :func:`steps_to`)."""
    decisions = allowed_moves(from_status)
    via = TRIAGED_ON_THE_WAY.get(Status(from_status))
    if via in decisions:
        decisions += [to for to in allowed_moves(via) if to not in decisions]
    return decisions


def steps_to(from_status: str, to_status: str) -> list[Status]:
    """The moves one huddle decision makes: ``[to_status]`` when the machine allows it
    directly, ``[in triage, to_status]`` for a decision on a new idea, ``[]`` when no
    decision leads there."""
    from_status, to_status = Status(from_status), Status(to_status)
    if can_transition(from_status, to_status):
        return [to_status]
    via = TRIAGED_ON_THE_WAY.get(from_status)
    if via is not None and can_transition(from_status, via) and can_transition(via, to_status):
        return [via, to_status]
    return []


def is_closed(status: str) -> bool:
    return Status(status) in CLOSED


def missing_for_move(to_status, *, reason="", route="", redirected_to="") -> dict[str, str]:
    """What a move to ``to_status`` still lacks, as ``{field: message}`` (empty when nothing).

    The one statement of what each move requires: declining or redirecting needs a reason
    (the submitter is sent it), redirecting needs the existing project or service the idea
    joins, accepting needs a route. The huddle's forms show each message at its field; the
    machine refuses the move with the first.
    """
    to_status = Status(to_status)
    missing = {}
    if to_status in REASON_REQUIRED and not (reason or "").strip():
        missing["reason"] = gettext("Give a reason for moving an idea to %(status)s.") % {
            "status": to_status.label
        }
    if to_status == Status.REDIRECTED and not (redirected_to or "").strip():
        missing["redirected_to"] = gettext("Say which existing project or service the idea joins.")
    if to_status == Status.ACCEPTED and route not in Route.values:
        missing["route"] = gettext(
            "Choose a route (one provider or integrated) when accepting an idea."
        )
    return missing


def check_move(submission, to_status, by_user, by_submitter, reason, route, redirected_to=""):
    """The move's ``(from_status, to_status)``, or :class:`InvalidTransition` saying why not."""
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
    require_answers_for_move(submission, to_status, reason, route, redirected_to)
    return from_status, to_status


def require_answers_for_move(submission, to_status, reason="", route="", redirected_to=""):
    """Refuse (``InvalidTransition`` naming the field) a move to ``to_status`` that lacks
    what it needs: a reason, a route, where the idea was redirected to."""
    missing = missing_for_move(
        to_status,
        reason=reason,
        route=route or submission.route,
        redirected_to=redirected_to or submission.redirected_to,
    )
    if missing:
        field, message = next(iter(missing.items()))
        raise InvalidTransition(message, field=field)

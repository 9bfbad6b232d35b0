"""The one write path of the status machine (:mod:`submissions.status` holds its rules):
:func:`transition` moves an idea and writes its history, under a row lock; :func:`decide`
applies one decision of the huddle, which on a new idea is two moves (through triage)."""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from .enums import Status
from .models import IdeaSubmission, StatusChange
from .status import (
    DECISIONS,
    InvalidTransition,
    check_move,
    require_answers_for_move,
    steps_to,
)

# Sent inside the transaction of a move to a decision (accepted, declined, redirected), with
# ``submission`` and ``change`` (the StatusChange): what happens after a decision lives in the
# apps above this one (the feedback app emails a survey), which connect to it.
decided = Signal()


class StaleStatus(InvalidTransition):
    """Someone else changed the idea's status since the person acting loaded the page."""

    def __init__(self, message, *, latest=None):
        super().__init__(message)
        self.latest = latest


def newest_change_subquery(outer="pk"):
    """The id of the newest history entry of the idea whose id is ``OuterRef(outer)``: to
    annotate a list of ideas (or of rows pointing to ideas) in the query that reads it."""
    return Subquery(
        StatusChange.objects.filter(submission_id=OuterRef(outer))
        .order_by("-changed_at", "-pk")
        .values("pk")[:1]
    )


def latest_change_id(submission) -> int | None:
    """The id of the newest history entry: what a form shows, to detect a concurrent change."""
    return (
        StatusChange.objects.filter(submission_id=submission.pk)
        .order_by("-changed_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


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
        from_status, to_status = check_move(
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
        if to_status in DECISIONS:
            decided.send(sender=IdeaSubmission, submission=submission, change=change)
        return change


def decide(
    submission,
    to_status,
    *,
    by_user,
    reason: str = "",
    route: str | None = None,
    redirected_to: str = "",
    expected_change_id: int | None | object = ...,
):
    """One decision of the huddle: move ``submission`` to ``to_status`` and return the last
    ``StatusChange``.

    A move the machine allows directly is one :func:`transition`. A decision on a new idea
    (accept, decline, redirect, ask for more information) first moves it into triage, then
    to the decision, in one transaction: both moves are checked, logged and stamp the
    clocks, and if either is refused neither happens (nor does ``submission`` change).
    ``expected_change_id`` is checked against the first move, as for :func:`transition`.
    """
    saved = {name: getattr(submission, name) for name in _MOVED_FIELDS}
    try:
        with transaction.atomic():
            current = (
                IdeaSubmission.objects.select_for_update().only("status").get(pk=submission.pk)
            )
            steps = steps_to(current.status, to_status) or [to_status]  # refused, saying why
            if len(steps) > 1:
                # Nothing is written when the decision itself would be refused.
                require_answers_for_move(submission, to_status, reason, route, redirected_to)
            change = None
            for step in steps:
                final = step == steps[-1]
                change = transition(
                    submission,
                    step,
                    by_user=by_user,
                    reason=reason if final else "",
                    route=route if final else None,
                    redirected_to=redirected_to if final else "",
                    expected_change_id=expected_change_id if change is None else change.pk,
                )
            return change
    except InvalidTransition:
        for name, value in saved.items():
            setattr(submission, name, value)
        raise


# What a move changes on the submission (restored when a decision is refused part-way).
_MOVED_FIELDS = (
    "status",
    "status_changed_at",
    "route",
    "redirected_to",
    "first_response_at",
    "decided_at",
)


def _actor_name(user) -> str:
    if user is None:
        return str(_("someone"))
    return user.get_full_name() or user.get_username()


def record_initial_status(submission):
    """The first entry of a new submission's history: (nothing) → submitted."""
    return StatusChange.objects.create(
        submission=submission,
        from_status="",
        to_status=Status.SUBMITTED,
        by_submitter=True,
        changed_at=submission.submitted_at,
    )

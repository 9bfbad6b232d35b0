"""What the huddle does to an idea, kept apart from HTTP: the inbox, the meeting minutes and
the demo content all call these, so every change is checked, logged and emailed the same way.

- :func:`change_status` moves an idea through the status machine (:mod:`submissions.status`)
  and emails the submitter when the move matters to them, in the language they used;
- :func:`send_message` writes to the submitter (shown on their status page and emailed);
- :func:`add_note` keeps a private note between huddle members and emails anyone @mentioned;
- :func:`sift`, :func:`assign` record the route, organisations, priorities, lead and coach;
- :func:`log_coaching_session` keeps the coaching log.

Each writes Wagtail's audit log (``submissions.*`` actions, see ``wagtail_hooks``) and its
emails are recorded in the same transaction (see :mod:`submissions.emails`).
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from submissions import emails
from submissions.enums import Route
from submissions.models import CoachingSession, IdeaSubmission, InternalNote, SubmissionMessage
from submissions.permissions import huddle_members
from submissions.status import NOTIFY_SUBMITTER
from submissions.transitions import decide

MENTION = re.compile(r"(?<![\w@.])@([\w.+-]+)")


def _stamp_first_response(submission: IdeaSubmission, now) -> None:
    if submission.first_response_at is None:
        IdeaSubmission.objects.filter(pk=submission.pk, first_response_at__isnull=True).update(
            first_response_at=now
        )
        submission.first_response_at = now


def can_email_submitter(submission: IdeaSubmission) -> bool:
    return bool(submission.submitter_email) and submission.personal_data_removed_at is None


def change_status(
    submission: IdeaSubmission,
    to_status,
    *,
    user,
    reason: str = "",
    route: str | None = None,
    redirected_to: str = "",
    expected_change_id=...,
):
    """Apply one decision (see :func:`submissions.transitions.decide`: a decision on a new
    idea moves it through triage; what is refused) and tell the submitter when the move
    matters to them. Returns the ``StatusChange`` of the decision."""
    with transaction.atomic():
        change = decide(
            submission,
            to_status,
            by_user=user,
            reason=reason,
            route=route,
            redirected_to=redirected_to,
            expected_change_id=expected_change_id,
        )
        if change.to_status in NOTIFY_SUBMITTER and can_email_submitter(submission):
            emails.record_status_email(submission, change)
    return change


def send_message(submission: IdeaSubmission, *, user, body: str) -> SubmissionMessage:
    """Write to the submitter: shown on their status page, emailed to them."""
    body = body.strip()
    if not body:
        raise ValueError("A message needs some text.")
    with transaction.atomic():
        message = SubmissionMessage.objects.create(
            submission=submission, sender="huddle", author=user, body=body
        )
        _stamp_first_response(submission, message.created_at)
        if can_email_submitter(submission):
            emails.record_message_email(submission, message)
        log(
            instance=submission,
            action="submissions.message",
            user=user,
            data={"message": message.pk},
        )
    return message


def mentioned_members(body: str):
    """The huddle members @mentioned in a note (by username); others are ignored."""
    usernames = {name.rstrip(".") for name in MENTION.findall(body)}
    if not usernames:
        return get_user_model().objects.none()
    field = get_user_model().USERNAME_FIELD
    return huddle_members().filter(**{f"{field}__in": usernames})


def add_note(submission: IdeaSubmission, *, user, body: str) -> InternalNote:
    """A private note; each @mentioned huddle member (not the author) gets an email."""
    body = body.strip()
    if not body:
        raise ValueError("A note needs some text.")
    with transaction.atomic():
        note = InternalNote.objects.create(submission=submission, author=user, body=body)
        mentioned = [member for member in mentioned_members(body) if member.pk != user.pk]
        note.mentions.set(mentioned)
        for member in mentioned:
            if member.email:
                emails.record_mention_email(submission, note, member)
        log(
            instance=submission,
            action="submissions.note",
            user=user,
            data={"note": note.pk, "mentions": [member.pk for member in mentioned]},
        )
    return note


@dataclass
class SiftResult:
    changed: list[str]


def sift(submission: IdeaSubmission, *, user, route: str, organisations, priorities) -> SiftResult:
    """Record the route (one provider or integrated), the organisations taking it on and
    the system priorities the huddle confirms."""
    if route not in Route.values:
        raise ValueError(_("Choose one provider or integrated."))
    organisations = list(organisations)
    if route == Route.SINGLE_PROVIDER and len(organisations) != 1:
        raise ValueError(_("Choose the one organisation taking the idea on."))
    if route == Route.INTEGRATED and len(organisations) < 2:
        raise ValueError(_("Choose at least two organisations for an integrated idea."))
    with transaction.atomic():
        before = (
            submission.route,
            sorted(submission.route_organisations.values_list("pk", flat=True)),
            sorted(submission.priorities.values_list("pk", flat=True)),
        )
        submission.route = route
        submission.sifted_at = timezone.now()
        submission.sifted_by = user
        submission.save(update_fields=["route", "sifted_at", "sifted_by"])
        submission.route_organisations.set(organisations)
        submission.priorities.set(priorities)
        after = (
            route,
            sorted(o.pk for o in organisations),
            sorted(p.pk for p in priorities),
        )
        changed = [
            name
            for name, old, new in zip(
                ("route", "organisations", "priorities"), before, after, strict=True
            )
            if old != new
        ]
        _stamp_first_response(submission, submission.sifted_at)
        log(
            instance=submission,
            action="submissions.sift",
            user=user,
            data={
                "route": route,
                "organisations": [o.name for o in organisations],
                "priorities": [p.name for p in priorities],
            },
        )
    return SiftResult(changed)


_UNSET = object()


def assign(submission: IdeaSubmission, *, user, lead=_UNSET, coach=_UNSET) -> list[str]:
    """Set the lead huddle member and/or the coach (``None`` clears). Returns what changed."""
    changed = []
    with transaction.atomic():
        if lead is not _UNSET and submission.lead_id != (lead.pk if lead else None):
            if lead is not None and not huddle_members().filter(pk=lead.pk).exists():
                raise ValueError(_("The lead must be a huddle member."))
            submission.lead = lead
            changed.append("lead")
        if coach is not _UNSET and submission.coach_id != (coach.pk if coach else None):
            submission.coach = coach
            changed.append("coach")
        if changed:
            submission.save(update_fields=changed)
            log(
                instance=submission,
                action="submissions.assign",
                user=user,
                data={
                    "lead": str(submission.lead) if submission.lead else "",
                    "lead_name": _name(submission.lead),
                    "coach": str(submission.coach) if submission.coach else "",
                    "changed": changed,
                },
            )
    return changed


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def log_coaching_session(
    submission: IdeaSubmission, *, user, coach, date, note: str = ""
) -> CoachingSession:
    with transaction.atomic():
        session = CoachingSession.objects.create(
            submission=submission,
            coach=coach or submission.coach,
            date=date,
            note=note.strip(),
            recorded_by=user,
        )
        log(
            instance=submission,
            action="submissions.coaching",
            user=user,
            data={"session": session.pk, "date": date.isoformat()},
        )
    return session

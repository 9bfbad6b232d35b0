"""An idea's timeline for the huddle: status changes, messages both ways, notes with their
mentions, coaching sessions and the audit-logged actions (sift, assignment, case study,
downloads), newest first, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry

from submissions.enums import Status
from submissions.models import IdeaSubmission

LOGGED_ACTIONS = (
    "submissions.sift",
    "submissions.assign",
    "submissions.case_study",
    "submissions.view_attachment",
    "submissions.project_consent",
    "submissions.project_approved",
    "submissions.project",
    "submissions.benefits",
)


@dataclass
class Event:
    at: datetime
    kind: str  # status, message, reply, note, coaching, log
    who: str
    title: str
    body: str = ""
    extra: str = ""


def _name(user) -> str:
    if user is None:
        return _("A former member")
    return user.get_full_name() or user.get_username()


def timeline(idea: IdeaSubmission) -> list[Event]:
    """Everything that happened to the idea, newest first, in a fixed number of queries."""
    events = []
    for change in idea.status_changes.select_related("changed_by"):
        who = _("Submitter") if change.by_submitter else _name(change.changed_by)
        title = (
            _("Moved from %(from)s to %(to)s")
            % {"from": Status(change.from_status).label, "to": Status(change.to_status).label}
            if change.from_status
            else _("Submitted")
        )
        events.append(Event(change.changed_at, "status", who, title, change.reason))
    for message in idea.messages.select_related("author"):
        if message.sender == "submitter":
            events.append(
                Event(message.created_at, "reply", _("Submitter"), _("Reply"), message.body)
            )
        else:
            events.append(
                Event(
                    message.created_at,
                    "message",
                    _name(message.author),
                    _("Message to the submitter"),
                    message.body,
                )
            )
    for note in idea.notes.select_related("author").prefetch_related("mentions"):
        mentioned = ", ".join(_name(user) for user in note.mentions.all())
        events.append(
            Event(
                note.created_at,
                "note",
                _name(note.author),
                _("Huddle note"),
                note.body,
                _("Mentioned: %(names)s") % {"names": mentioned} if mentioned else "",
            )
        )
    for session in idea.coaching_sessions.select_related("coach", "recorded_by"):
        coach = session.coach.display_name if session.coach else _("Coach")
        events.append(
            Event(
                timezone.make_aware(datetime.combine(session.date, datetime.min.time())),
                "coaching",
                _name(session.recorded_by),
                _("Coaching session with %(coach)s") % {"coach": coach},
                session.note,
            )
        )
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(IdeaSubmission),
        object_id=str(idea.pk),
        action__in=LOGGED_ACTIONS,
    ).select_related("user")
    for entry in entries:
        events.append(
            Event(entry.timestamp, "log", _name(entry.user), _log_title(entry), _log_body(entry))
        )
    events.sort(key=lambda event: event.at, reverse=True)
    return events


def _log_title(entry) -> str:
    return {
        "submissions.sift": _("Sifted"),
        "submissions.assign": _("Assigned"),
        "submissions.case_study": _("Draft case study created"),
        "submissions.view_attachment": _("Attachment downloaded"),
        "submissions.project_consent": _("Submitter consented to a public project"),
        "submissions.project_approved": _("Publication as a project approved"),
        "submissions.project": _("Project page published"),
        "submissions.benefits": _("Benefits recorded"),
    }.get(entry.action, entry.action)


def _log_body(entry) -> str:
    data = entry.data or {}
    if entry.action == "submissions.sift":
        return _("Route: %(route)s. Organisations: %(orgs)s. Priorities: %(priorities)s.") % {
            "route": data.get("route", ""),
            "orgs": ", ".join(data.get("organisations", [])) or "–",
            "priorities": ", ".join(data.get("priorities", [])) or "–",
        }
    if entry.action == "submissions.assign":
        return _("Lead: %(lead)s. Coach: %(coach)s.") % {
            "lead": data.get("lead_name") or "–",
            "coach": data.get("coach") or "–",
        }
    if entry.action in ("submissions.case_study", "submissions.project"):
        return data.get("title", "")
    if entry.action == "submissions.view_attachment":
        return data.get("file", "")
    return ""

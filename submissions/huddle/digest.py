"""The huddle's weekly digest: one email to each huddle member with an email address.

Each digest lists, by reference, title, status and days (never anything about the submitter):

- **new ideas**: those submitted during the previous week (Monday to Sunday, hub time), so
  each idea is announced in exactly one digest whatever day the digest is sent on;
- **ideas you lead**: the member's open ideas;
- **overdue ideas**: every idea past a target (:func:`submissions.huddle.clocks.overdue_q`), for
  the whole huddle.

A member with nothing in any of the three gets no email. Each email is recorded through
:func:`submissions.emails.record` under the key ``digest:<user id>:<ISO year>-W<ISO week>``
of the week it is sent in: sending again in the same week (a re-run, a second scheduler)
sends nothing new, and the email is queued, retried and never lost like every other.

Run it weekly with ``manage.py send_huddle_digest`` (``--dry-run`` lists who would get
what) or by enqueuing :data:`send_huddle_digest_task`. The queries do not grow with the
number of members or ideas (one email row per member is written, of course).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from django_tasks import task

from hub.dates import date_format
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import OutboxEmail
from submissions import emails
from submissions.enums import Status
from submissions.models import IdeaSubmission
from submissions.permissions import huddle_members

from .clocks import Clock, Targets, clock_for, overdue_q, targets
from .process_measures import calendar_days

# What a digest reads of an idea: nothing about the submitter.
IDEA_FIELDS = (
    "reference",
    "title",
    "status",
    "submitted_at",
    "status_changed_at",
    "first_response_at",
    "decided_at",
    "lead_id",
)


@dataclass(frozen=True)
class DigestWeek:
    """The ISO week a digest is sent in, and the week before it (whose new ideas it lists)."""

    monday: date

    @classmethod
    def containing(cls, day: date) -> "DigestWeek":
        return cls(day - timedelta(days=day.weekday()))

    @property
    def iso(self) -> tuple[int, int]:
        iso_year, iso_week, _weekday = self.monday.isocalendar()
        return iso_year, iso_week

    @property
    def label(self) -> str:
        iso_year, iso_week = self.iso
        return f"{iso_year}-W{iso_week:02d}"

    @property
    def previous_monday(self) -> date:
        return self.monday - timedelta(weeks=1)

    @property
    def previous_sunday(self) -> date:
        return self.monday - timedelta(days=1)

    def key_for(self, user) -> str:
        return f"digest:{user.pk}:{self.label}"


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class DigestItem:
    """One idea in a digest. ``days``: calendar days since it was received (new and overdue
    ideas) or days in its current status (ideas you lead)."""

    reference: str
    title: str
    status: str
    days: int
    url: str
    due: date | None = None  # for overdue ideas: the target missed
    due_kind: str = ""  # "first response" or "decision"


@dataclass
class Digest:
    member: object
    week: DigestWeek
    new: list[DigestItem] = field(default_factory=list)
    leading: list[DigestItem] = field(default_factory=list)
    overdue: list[DigestItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.week.key_for(self.member)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.leading or self.overdue)

    @property
    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "leading": len(self.leading), "overdue": len(self.overdue)}

    def summary(self) -> str:
        return _("%(new)d new, %(leading)d you lead, %(overdue)d overdue") % self.counts


def _item(idea: IdeaSubmission, days: int, *, overdue: Clock | None = None) -> DigestItem:
    """One line of the digest; ``overdue`` is the idea's clock when it is past a target."""
    due, due_kind = None, ""
    if overdue is not None:
        clock = overdue
        if clock.first_response_overdue:
            due, due_kind = clock.first_response_due, _("first response")
        else:
            due, due_kind = clock.decision_due, _("decision")
    return DigestItem(
        reference=idea.reference,
        title=idea.title,
        status=str(Status(idea.status).label),
        days=days,
        url=emails.admin_idea_url(idea),
        due=due,
        due_kind=due_kind,
    )


def build_digests(now=None) -> list[Digest]:
    """Every huddle member's digest for the week ``now`` falls in (empty ones included)."""
    now = now or timezone.now()
    week = DigestWeek.containing(timezone.localdate(now))
    targets_: Targets = targets()
    members = list(huddle_members())
    ideas = IdeaSubmission.objects.only(*IDEA_FIELDS).order_by("submitted_at", "pk")

    new = [
        _item(idea, calendar_days(idea.submitted_at, now))
        for idea in ideas.filter(
            submitted_at__gte=_midnight(week.previous_monday),
            submitted_at__lt=_midnight(week.monday),
        )
    ]
    overdue = [
        _item(idea, calendar_days(idea.submitted_at, now), overdue=clock_for(idea, now, targets_))
        for idea in ideas.filter(overdue_q(now, targets_))
    ]
    leading = defaultdict(list)
    for idea in ideas.filter(lead__in=members).open():
        days_in_status = clock_for(idea, now, targets_).days_in_status
        leading[idea.lead_id].append(_item(idea, days_in_status))
    return [
        Digest(member, week, new=new, leading=leading[member.pk], overdue=overdue)
        for member in members
    ]


@dataclass
class DigestRun:
    """What one run did (or, for a dry run, would do), by member."""

    week: DigestWeek
    dry_run: bool = False
    sent: list[Digest] = field(default_factory=list)
    already_sent: list[Digest] = field(default_factory=list)
    nothing_to_report: list[Digest] = field(default_factory=list)
    no_email_address: list[Digest] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "week": self.week.label,
            "dry_run": self.dry_run,
            "sent": [digest.member.get_username() for digest in self.sent],
            "already_sent": [digest.member.get_username() for digest in self.already_sent],
            "nothing_to_report": [
                digest.member.get_username() for digest in self.nothing_to_report
            ],
            "no_email_address": [digest.member.get_username() for digest in self.no_email_address],
        }


def _inbox_url(**query) -> str:
    url = absolute_url(reverse("huddle:inbox"))
    return f"{url}?{urlencode(query)}" if query else url


def record_digest(digest: Digest) -> OutboxEmail:
    member = digest.member
    week_of = date_format(digest.week.monday, "j F Y")
    return emails.record(
        digest.key,
        purpose=EmailPurpose.DIGEST,
        to=member.email,
        subject=_("Huddle digest, week of %(week)s: %(summary)s")
        % {"week": week_of, "summary": digest.summary()},
        template="digest",
        context={
            "digest": digest,
            "name": member.first_name or member.get_username(),
            "week_of": week_of,
            "new_from": date_format(digest.week.previous_monday, "j F Y"),
            "new_to": date_format(digest.week.previous_sunday, "j F Y"),
            "inbox_url": _inbox_url(),
            "leading_url": _inbox_url(lead="me"),
            "overdue_url": _inbox_url(overdue="yes"),
        },
        cause=member,
    )


def send_digests(now=None, *, dry_run: bool = False) -> DigestRun:
    """Record this week's digest for every member who has something to read and has not
    had it yet. With ``dry_run``, record nothing and report what would be sent."""
    digests = build_digests(now)
    week = DigestWeek.containing(timezone.localdate(now or timezone.now()))
    run = DigestRun(week, dry_run=dry_run)
    keys = [digest.key for digest in digests]
    already = set(OutboxEmail.objects.filter(key__in=keys).values_list("key", flat=True))
    # The huddle works in the hub's main language; every email of the run, or none.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for digest in digests:
            if not digest.member.email:
                run.no_email_address.append(digest)
            elif digest.is_empty:
                run.nothing_to_report.append(digest)
            elif digest.key in already:
                run.already_sent.append(digest)
            else:
                if not dry_run:
                    record_digest(digest)
                run.sent.append(digest)
    return run


@task()
def send_huddle_digest_task() -> dict:
    """The weekly digest, for a scheduler that enqueues tasks (see ``send_digests``)."""
    return send_digests().as_dict()

"""The emails the idea portal and the huddle send: what each says and who gets it.

Each email is recorded in the hub's one outbox (:mod:`hub.outbox`) inside the transaction
that caused it (so it is never lost), under a key naming it (so it is never recorded twice),
with its purpose and its cause (the idea, the draft, the member). The outbox sends it once
that transaction commits, retries it with back-off, and never sends a row that has gone.

Plain text and HTML bodies are rendered from templates under ``submissions/emails/``; the
HTML is autoescaped, so whatever a person typed arrives as text. Emails to the huddle carry
the reference and title only, never the submitter's personal details: those stay behind
the admin's sign-in.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import HubSettings, OutboxEmail, hub_name

from .enums import Status
from .status import SUBMITTER_DESCRIPTIONS, SUBMITTER_LABELS


def _render(template: str, context: dict) -> tuple[str, str]:
    context = {"hub_name": hub_name(), **context}
    text = render_to_string(f"submissions/emails/{template}.txt", context).strip() + "\n"
    html = render_to_string(f"submissions/emails/{template}.html", context)
    return text, html


def rendered(
    key: str,
    *,
    purpose: EmailPurpose,
    to: str,
    subject: str,
    template: str,
    context: dict,
    cause=None,
) -> dict:
    """The outbox's arguments for the email, rendered in the active language."""
    text, html = _render(template, context)
    return {
        "key": key,
        "purpose": purpose,
        "to": to,
        "subject": subject,
        "body": text,
        "html_body": html,
        "cause": cause,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }


def record(key: str, **email) -> OutboxEmail:
    """Render the email and record it in the outbox (once per key), sent after the commit."""
    return outbox.record(**rendered(key, **email))


def record_submission_emails(submission, *, status_url: str) -> list[OutboxEmail]:
    """The receipt to the submitter and the notice to the huddle contact (if there is one),
    recorded together and sent by one task, in the transaction that creates the idea (so
    no email about it can exist yet)."""
    emails = [
        rendered(
            f"receipt:{submission.reference}",
            purpose=EmailPurpose.IDEA_RECEIPT,
            to=submission.submitter_email,
            subject=_("Your idea has been received: %(reference)s")
            % {"reference": submission.reference},
            template="receipt",
            context={"submission": submission, "status_url": status_url},
            cause=submission,
        )
    ]
    notice = huddle_notice(submission, kind="new")
    if notice:
        emails.append(notice)
    return outbox.record_all(emails, fresh=True)


_HUDDLE_SUBJECTS = {
    "new": gettext_noop("New idea: %(reference)s"),
    "reply": gettext_noop("The submitter replied: %(reference)s"),
    "withdrawn": gettext_noop("Idea withdrawn: %(reference)s"),
}


def admin_idea_url(submission) -> str:
    """The idea in the huddle inbox (behind the admin sign-in)."""
    return absolute_url(reverse("huddle:idea", args=[submission.reference]))


def status_page_url(token: str) -> str:
    """The private status page for ``token``, in the active language."""
    return absolute_url(reverse("submissions:status", args=[token]))


def _status_link(submission) -> str:
    """A fresh private link for this email, in the submitter's language."""
    return status_page_url(submission.issue_extra_status_link())


def record_status_email(submission, change) -> OutboxEmail:
    """Tell the submitter about a move that matters to them (see status.NOTIFY_SUBMITTER)."""
    status = Status(change.to_status)
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        return record(
            f"status:{submission.reference}:{change.pk}",
            purpose=EmailPurpose.STATUS_CHANGE,
            to=submission.submitter_email,
            subject=_("Your idea %(reference)s: %(status)s")
            % {"reference": submission.reference, "status": SUBMITTER_LABELS[status]},
            template="status_changed",
            context={
                "submission": submission,
                "change": change,
                "label": SUBMITTER_LABELS[status],
                "description": SUBMITTER_DESCRIPTIONS[status],
                "status_url": _status_link(submission),
            },
            cause=submission,
        )


def record_message_email(submission, message) -> OutboxEmail:
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        return record(
            f"message:{submission.reference}:{message.pk}",
            purpose=EmailPurpose.HUDDLE_MESSAGE,
            to=submission.submitter_email,
            subject=_("A message from the huddle about your idea %(reference)s")
            % {"reference": submission.reference},
            template="huddle_message",
            context={
                "submission": submission,
                "message": message,
                "status_url": _status_link(submission),
            },
            cause=submission,
        )


def record_mention_email(submission, note, member) -> OutboxEmail:
    """A huddle member was @mentioned in a note. Carries the note, never personal data."""
    with translation.override(settings.LANGUAGE_CODE):
        author = note.author.get_full_name() or note.author.get_username() if note.author else ""
        return record(
            f"mention:{note.pk}:{member.pk}",
            purpose=EmailPurpose.MENTION,
            to=member.email,
            subject=_("%(author)s mentioned you on %(reference)s")
            % {"author": author, "reference": submission.reference},
            template="mention",
            context={
                "submission": submission,
                "note": note,
                "author": author,
                "member": member,
                "admin_url": admin_idea_url(submission),
            },
            cause=submission,
        )


def record_huddle_notice(submission, *, kind: str, key_suffix: str = "") -> OutboxEmail | None:
    email = huddle_notice(submission, kind=kind, key_suffix=key_suffix)
    return outbox.record(**email) if email else None


def huddle_notice(submission, *, kind: str, key_suffix: str = "") -> dict | None:
    """The huddle contact's notice about the idea, rendered (None without a contact)."""
    settings_ = HubSettings.for_default_site()
    address = settings_.huddle_contact_email if settings_ else ""
    if not address:
        return None
    admin_url = admin_idea_url(submission)
    key = f"huddle-{kind}:{submission.reference}" + (f":{key_suffix}" if key_suffix else "")
    # The huddle works in the hub's main language, whatever the submitter's.
    with translation.override(settings.LANGUAGE_CODE):
        return rendered(
            key,
            purpose=EmailPurpose.HUDDLE_NOTICE,
            to=address,
            subject=_(_HUDDLE_SUBJECTS[kind]) % {"reference": submission.reference},
            template="huddle_notice",
            context={"submission": submission, "kind": kind, "admin_url": admin_url},
            cause=submission,
        )


def record_continue_link(draft, *, to: str, continue_url: str, expires_at) -> OutboxEmail:
    return record(
        f"continue:{draft.pk}:{get_random_string(12)}",
        purpose=EmailPurpose.CONTINUE_LINK,
        to=to,
        subject=_("Continue your improvement idea"),
        template="continue_later",
        context={"continue_url": continue_url, "expires_at": expires_at},
        cause=draft,
    )


def record_benefit_review(benefit, *, key: str) -> OutboxEmail | None:
    """Remind the huddle contact that ``benefit`` is due for review (None without a
    contact). In the hub's main language, like every email to the huddle."""
    settings_ = HubSettings.for_default_site()
    address = settings_.huddle_contact_email if settings_ else ""
    if not address:
        return None
    submission = benefit.submission
    with translation.override(settings.LANGUAGE_CODE):
        return record(
            key,
            purpose=EmailPurpose.BENEFIT_REVIEW,
            to=address,
            subject=_("Benefit due for review: %(reference)s")
            % {"reference": submission.reference},
            template="benefit_review",
            context={
                "benefit": benefit,
                "submission": submission,
                "benefits_url": absolute_url(
                    reverse("huddle:benefits", args=[submission.reference])
                ),
            },
            cause=submission,
        )

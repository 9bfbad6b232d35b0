"""The outbox: every email the hub sends, recorded, sent after the commit, retried, sent once.

An app records an email with :func:`record` inside the transaction that causes it (the idea
being submitted, the contact request being stored): one :class:`~hub.models.OutboxEmail` row,
once per key, so the email is never lost and never recorded twice. Once that transaction
commits, one :func:`deliver_emails` task is queued on the "email" task backend (immediate by
default, the database queue with ``EMAIL_QUEUE=database``) for every email that transaction
recorded: an idea's receipt and the huddle's notice travel together. Each row is sent at most
once:

- the row is claimed under a row lock (status ``sending``), so two workers given the same
  email do not both send it, and a row already ``sent`` or ``failed`` is skipped;
- a failure puts it back to ``pending`` with ``next_attempt_at`` pushed back (1 minute,
  5 minutes, 30 minutes, 2 hours, 12 hours) and, where the task backend can defer work (the
  database queue), re-queues it for then; after ``MAX_ATTEMPTS`` it is ``failed``, logged
  as an error for a person to look at, and :data:`email_given_up` is sent so the app that
  recorded it can tell someone (the directory writes to whoever asked for the coach);
- once sent, the bodies are cleared (they may hold a private link).

:func:`send_due_emails` (``manage.py send_outbox``, run every few minutes by the scheduler)
sends whatever is due: retries, emails whose task never got queued (the immediate backend,
a queue that was down) and claims left by a worker that died mid-send.

Exactly-once delivery is impossible with SMTP: if a worker dies after the mail server
accepted a message but before the row is marked sent, the stale claim is retried after
``STALE_CLAIM`` and that one email can arrive twice. Everything short of that is sent once.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone, translation

from django_tasks import task

from .enums import EmailPurpose, EmailStatus
from .models import OutboxEmail

logger = logging.getLogger(__name__)

RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claim older than this belongs to a worker that died: the sweep sends the email again.
STALE_CLAIM = timedelta(minutes=15)
# An email not yet attempted is left this long for its own queued task before the sweep
# sends it itself.
QUEUE_GRACE = timedelta(minutes=1)
# The name of the iCalendar attachment an email may carry (``record(calendar=...)``).
CALENDAR_FILENAME = "invite.ics"


# Sent (sender: OutboxEmail, argument: ``email``) once the outbox gives up on an email for
# good: recorded with no address to send to, or failed MAX_ATTEMPTS times. The row is already
# ``failed``. Receivers run in the transaction that recorded the email, or in none; a
# receiver that writes should do so in its own ``transaction.atomic()``. A receiver's error
# is logged and never undoes the outcome.
email_given_up = Signal()


def _announce_given_up(email: OutboxEmail) -> None:
    for receiver, response in email_given_up.send_robust(sender=OutboxEmail, email=email):
        if isinstance(response, Exception):
            logger.error(
                "A receiver of email_given_up (%s) failed for %s",
                getattr(receiver, "__qualname__", receiver),
                email.key,
                exc_info=response,
            )


def record(
    *,
    key: str,
    purpose: EmailPurpose,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    reply_to: str = "",
    cause=None,
    undeliverable: str = "",
    language: str = "",
    calendar: str = "",
    headers: dict[str, str] | None = None,
) -> OutboxEmail:
    """Write the email (once per ``key``) in the caller's transaction, and queue it for
    sending once that transaction commits. Returns the row, new or already recorded.

    ``cause`` is the object the email is about. ``undeliverable`` says why it can never be
    sent (no address to send to): it is then recorded as failed at once, with that reason
    as its error, and never attempted. ``calendar`` is an iCalendar file's text, sent as the
    attachment ``invite.ics`` (an event's date in the reader's calendar). ``headers`` are
    extra message headers (``List-Unsubscribe``...).
    """
    defaults = {
        "purpose": purpose,
        "cause": cause,
        "to": to,
        "reply_to": reply_to,
        "subject": subject,
        "body": body,
        "html_body": html_body,
        "calendar": calendar,
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
        "headers": headers or {},
    }
    if undeliverable:
        defaults.update(status=EmailStatus.FAILED, last_error=undeliverable)
    email, created = OutboxEmail.objects.get_or_create(key=key[:150], defaults=defaults)
    if created and undeliverable:
        logger.error("Cannot send %s: %s", email.key, undeliverable)
        _announce_given_up(email)
    elif created:
        _queue_after_commit([email.pk])
    return email


def record_all(emails: list[dict], *, fresh: bool = False) -> list[OutboxEmail]:
    """:func:`record` for several emails at once (each a dict of its arguments): one query to
    find those already recorded, one to write the others, one task once the transaction
    commits. Undeliverable emails are recorded one by one, as :func:`record` does.

    ``fresh``: the emails are about something created in the running transaction, so none
    can have been recorded before and the first query is skipped (the unique key would
    still refuse a duplicate, rolling the transaction back)."""
    if any(email.get("undeliverable") for email in emails):
        return [record(**email) for email in emails]
    keys = [email["key"][:150] for email in emails]
    existing = {} if fresh else {row.key: row for row in OutboxEmail.objects.filter(key__in=keys)}
    active = translation.get_language() or settings.LANGUAGE_CODE
    new = [
        OutboxEmail(
            key=key,
            purpose=email["purpose"],
            cause=email.get("cause"),
            to=email["to"],
            reply_to=email.get("reply_to", ""),
            subject=email["subject"],
            body=email["body"],
            html_body=email.get("html_body", ""),
            calendar=email.get("calendar", ""),
            language=email.get("language") or active,
            headers=email.get("headers") or {},
        )
        for key, email in zip(keys, emails, strict=True)
        if key not in existing
    ]
    if new:
        OutboxEmail.objects.bulk_create(new)
        _queue_after_commit([row.pk for row in new])
    made = {row.key: row for row in new}
    return [existing.get(key) or made[key] for key in keys]


def _queue_after_commit(email_ids: list[int]) -> None:
    """Queue the emails once the transaction commits, with every other email recorded in
    that transaction: one task for them all.

    The batch is found among the transaction's own on-commit callbacks, which Django drops
    when the transaction (or the savepoint that registered them) rolls back, so nothing
    outlives a rollback. The callback is registered with every email, so a savepoint rolled
    back cannot drop the batch: the first to run takes it all, the others find it empty (an
    email whose savepoint rolled back is simply not found by the task)."""
    connection = transaction.get_connection()
    batch = []
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in reversed(connection.run_on_commit):
            if isinstance(callback, partial) and callback.func is _enqueue_batch:
                batch = callback.args[0]
                break
    batch.extend(email_ids)
    transaction.on_commit(partial(_enqueue_batch, batch))


def _enqueue_batch(batch: list[int]) -> None:
    ids = list(dict.fromkeys(batch))
    batch.clear()
    if ids:
        enqueue(*ids)


def enqueue(*email_ids: int) -> None:
    """Hand the emails to the task backend, in one task; if even that fails, the sweep sends
    them."""
    try:
        deliver_emails.enqueue(list(email_ids))
    except Exception:
        logger.exception("Could not queue outbox emails %s; the sweep will send them", email_ids)


def _claim(email_id: int, now) -> OutboxEmail | None:
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
            return None
        if email.status == EmailStatus.SENDING and email.updated_at > now - STALE_CLAIM:
            return None  # another worker is sending it right now
        email.status = EmailStatus.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts", "updated_at"])
        return email


def _send(email: OutboxEmail) -> None:
    """Hand the message to Django's mail backend (SMTP, or the .eml files). Raises on failure."""
    if not email.to:
        raise ValueError("the email has no address to send to")
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=email.headers or None,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    if email.calendar:
        message.attach(CALENDAR_FILENAME, email.calendar, "text/calendar")
    message.send(fail_silently=False)


def _schedule_retry(email: OutboxEmail) -> None:
    if not deliver_email.get_backend().supports_defer:
        return  # the sweep sends it when it is due
    try:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    except Exception:
        logger.exception("Could not re-queue outbox email %s; the sweep will send it", email.pk)


def _record_outcome(email: OutboxEmail, **fields) -> None:
    # An update, not save(): if the row was deleted while it was being sent (its idea purged
    # by retention, its contact request deleted), save() would write it back.
    OutboxEmail.objects.filter(pk=email.pk).update(updated_at=timezone.now(), **fields)
    for name, value in fields.items():
        setattr(email, name, value)


def attempt_delivery(email_id: int, *, now=None) -> str:
    """Send the email unless it has gone already (or is being sent); record the outcome.
    Returns its status afterwards ("missing" for a row that no longer exists)."""
    now = now or timezone.now()
    email = _claim(email_id, now)
    if email is None:
        current = OutboxEmail.objects.filter(pk=email_id).values_list("status", flat=True)
        return current.first() or "missing"
    try:
        _send(email)
    except Exception as error:
        last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            _record_outcome(
                email, status=EmailStatus.FAILED, last_error=last_error, next_attempt_at=None
            )
            logger.error(
                "Gave up sending %s after %s attempts: %s", email.key, email.attempts, last_error
            )
            _announce_given_up(email)
        else:
            _record_outcome(
                email,
                status=EmailStatus.PENDING,
                last_error=last_error,
                next_attempt_at=now + RETRY_DELAYS[email.attempts - 1],
            )
            logger.warning(
                "Sending %s failed (attempt %s), will retry: %s",
                email.key,
                email.attempts,
                last_error,
            )
            _schedule_retry(email)
        return email.status
    # Sent: forget the bodies, which may hold a private link.
    _record_outcome(
        email,
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        body="",
        html_body="",
        calendar="",
        last_error="",
        next_attempt_at=None,
    )
    return email.status


@task(backend="email", queue_name="email")
def deliver_email(email_id: int) -> str:
    """One email (a retry, deferred to its time)."""
    return attempt_delivery(email_id)


@task(backend="email", queue_name="email")
def deliver_emails(email_ids: list[int]) -> list[str]:
    """The emails one transaction recorded, each claimed and sent on its own."""
    return [attempt_delivery(email_id) for email_id in email_ids]


def due_emails(now=None):
    """Emails the sweep should send now: retries that are due, emails whose own task has not
    run within ``QUEUE_GRACE``, and claims older than ``STALE_CLAIM``."""
    now = now or timezone.now()
    return OutboxEmail.objects.filter(
        Q(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        | Q(
            status=EmailStatus.PENDING,
            next_attempt_at__isnull=True,
            created_at__lte=now - QUEUE_GRACE,
        )
        | Q(status=EmailStatus.SENDING, updated_at__lte=now - STALE_CLAIM)
    )


def send_due_emails(*, now=None) -> int:
    """Try every email that is due, oldest first; returns how many were attempted."""
    ids = list(due_emails(now).order_by("created_at", "pk").values_list("pk", flat=True))
    for email_id in ids:
        attempt_delivery(email_id, now=now)
    return len(ids)


def waiting():
    """Emails not yet sent nor given up: what ``/health/`` reports as the outbox backlog."""
    return OutboxEmail.objects.filter(status__in=[EmailStatus.PENDING, EmailStatus.SENDING])

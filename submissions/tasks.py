"""Background work for idea submissions: sending emails with retries, and retention.

``deliver_email`` sends one :class:`~submissions.models.OutgoingEmail` at most once:

- the row is claimed under a row lock (status ``sending``), so two workers given the same
  email do not both send it, and a row already ``sent`` is skipped;
- a failure puts it back to ``pending`` with ``next_attempt_at`` pushed back (1 minute,
  5 minutes, 30 minutes, 2 hours, 12 hours) and, where the task backend can defer work (the
  database queue), re-queues it for then; after ``MAX_ATTEMPTS`` it is marked ``failed`` and
  logged as an error for a person to look at;
- ``retry_due_emails`` (``manage.py send_submission_emails``, run every few minutes by the
  scheduler) picks up anything due, which also covers the immediate backend and emails
  whose worker died mid-send.

Exactly-once delivery is impossible with SMTP: if a worker dies after the mail server
accepted a message but before the row is marked sent, the stale claim is retried after
``STALE_CLAIM`` and that one email can arrive twice. Everything short of that is sent once.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from django_tasks import task

from hub.tasks import send_email

from .models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STALE_CLAIM = timedelta(minutes=15)


def _claim(email_id: int, now):
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (EmailStatus.SENT, EmailStatus.FAILED):
            return None
        if email.status == EmailStatus.SENDING and email.updated_at > now - STALE_CLAIM:
            return None  # another worker is sending it right now
        email.status = EmailStatus.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts", "updated_at"])
        return email


def _schedule_retry(email) -> None:
    backend = deliver_email.get_backend()
    if not backend.supports_defer:
        return  # the retry sweep sends it when it is due
    try:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    except Exception:
        logger.exception("Could not re-queue email %s; the retry sweep will send it", email.pk)


def attempt_delivery(email_id: int, *, now=None) -> str:
    """Send the email unless it has gone already; record the outcome. Returns its status."""
    now = now or timezone.now()
    email = _claim(email_id, now)
    if email is None:
        current = OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True)
        return current.first() or "missing"
    try:
        send_email.call(
            subject=email.subject,
            body=email.body,
            to=[email.to],
            html_body=email.html_body or None,
        )
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            email.status = EmailStatus.FAILED
            email.next_attempt_at = None
            logger.error(
                "Gave up sending %s after %s attempts: %s",
                email.key,
                email.attempts,
                email.last_error,
            )
        else:
            email.status = EmailStatus.PENDING
            email.next_attempt_at = now + RETRY_DELAYS[email.attempts - 1]
            logger.warning(
                "Sending %s failed (attempt %s), will retry: %s",
                email.key,
                email.attempts,
                email.last_error,
            )
        email.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
        if email.status == EmailStatus.PENDING:
            _schedule_retry(email)
        return email.status
    # Sent: forget the body, which may hold a private link.
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.body = email.html_body = email.last_error = ""
    email.next_attempt_at = None
    email.save()
    return email.status


@task(backend="email", queue_name="email")
def deliver_email(email_id: int) -> str:
    return attempt_delivery(email_id)


def due_emails(now=None):
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        Q(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        | Q(
            status=EmailStatus.PENDING,
            next_attempt_at__isnull=True,
            created_at__lte=now - timedelta(minutes=1),
        )
        | Q(status=EmailStatus.SENDING, updated_at__lte=now - STALE_CLAIM)
    )


def retry_due_emails(*, now=None) -> int:
    """Try again every email that is due; returns how many were attempted."""
    ids = list(due_emails(now).values_list("pk", flat=True))
    for email_id in ids:
        attempt_delivery(email_id, now=now)
    return len(ids)


@task()
def retry_due_emails_task() -> int:
    return retry_due_emails()


@task()
def purge_personal_data_task() -> dict:
    from .retention import purge_personal_data

    return purge_personal_data().as_dict()

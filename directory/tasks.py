"""Relaying contact requests to coaches by email: queued, retried, never lost, sent once.

The request is stored before anything is sent (``views.contact``). ``relay_contact_request``
runs on the "email" task backend (a database queue in production, see ``EMAIL_QUEUE``) and
records the outcome on the :class:`~directory.models.ContactRequest` itself:

- the row is claimed under a row lock (status ``sending``), so two workers given the same
  request do not both send it, and a request already ``sent`` is never sent again;
- a failure puts it back to ``pending`` with ``next_attempt_at`` pushed back (1 minute,
  5 minutes, 30 minutes, 2 hours, 12 hours); after the last attempt it is ``failed``, logged
  as an error, and hub editors see it in the admin's contact requests;
- ``retry_contact_relays`` (``manage.py retry_contact_relays``, run every few minutes by the
  scheduler) sends whatever is due, which covers the immediate backend, a queue that was
  down when the request came in, and workers that died mid-send.

It sends with ``hub.tasks.send_email`` (the function behind ``hub.email.queue_email``), run
inside this task rather than queued again, so the outcome is known here on every backend.
The same shape as ``submissions.tasks``, to be folded into one outbox later.

Exactly-once is impossible with SMTP: if a worker dies after the server accepted a message
but before the row says so, the stale claim is retried after ``STALE_CLAIM`` and that one
email can arrive twice. Everything short of that is sent once.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from django_tasks import task

from hub.tasks import send_email

from .enums import RelayStatus
from .models import ContactRequest

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
# A request with no attempt yet is left this long for its queued task before the sweep
# sends it itself.
QUEUE_GRACE = timedelta(minutes=1)


def _claim(request_id: int, now) -> ContactRequest | None:
    with transaction.atomic():
        contact = (
            ContactRequest.objects.select_for_update(of=("self",))
            .select_related("coach__user")
            .filter(pk=request_id)
            .first()
        )
        if contact is None or contact.relay_status in (RelayStatus.SENT, RelayStatus.FAILED):
            return None
        if contact.relay_status == RelayStatus.SENDING and contact.updated_at > now - STALE_CLAIM:
            return None  # another worker is sending it right now
        contact.relay_status = RelayStatus.SENDING
        contact.attempts += 1
        contact.save(update_fields=["relay_status", "attempts", "updated_at"])
        return contact


def attempt_relay(request_id: int, *, now=None) -> str:
    """Send the request to its coach unless it has gone already; record the outcome.

    Returns the request's relay status afterwards.
    """
    from .emails import relay_email

    now = now or timezone.now()
    contact = _claim(request_id, now)
    if contact is None:
        status = ContactRequest.objects.filter(pk=request_id).values_list("relay_status")
        return (status.first() or ("missing",))[0]
    try:
        email = relay_email(contact)
        send_email.call(
            subject=email.subject,
            body=email.body,
            to=email.to,
            html_body=email.html_body,
            reply_to=email.reply_to,
        )
    except Exception as error:
        contact.last_error = f"{type(error).__name__}: {error}"[:2000]
        if contact.attempts >= MAX_ATTEMPTS:
            contact.relay_status = RelayStatus.FAILED
            contact.next_attempt_at = None
            logger.error(
                "Gave up relaying contact request %s after %s attempts: %s",
                contact.pk,
                contact.attempts,
                contact.last_error,
            )
        else:
            contact.relay_status = RelayStatus.PENDING
            contact.next_attempt_at = now + RETRY_DELAYS[contact.attempts - 1]
            logger.warning(
                "Relaying contact request %s failed (attempt %s), will retry: %s",
                contact.pk,
                contact.attempts,
                contact.last_error,
            )
        contact.save(update_fields=["relay_status", "last_error", "next_attempt_at", "updated_at"])
        if contact.relay_status == RelayStatus.PENDING:
            _schedule_retry(contact)
        return contact.relay_status
    contact.relay_status = RelayStatus.SENT
    contact.sent_at = timezone.now()
    contact.last_error = ""
    contact.next_attempt_at = None
    contact.save(
        update_fields=["relay_status", "sent_at", "last_error", "next_attempt_at", "updated_at"]
    )
    return contact.relay_status


@task(backend="email", queue_name="email")
def relay_contact_request(request_id: int) -> str:
    return attempt_relay(request_id)


def queue_relay(contact: ContactRequest) -> None:
    """Queue the relay of a just-stored request. Never raises: if the queue is down, the
    retry sweep sends it."""
    try:
        relay_contact_request.enqueue(contact.pk)
    except Exception:
        logger.exception("Could not queue contact request %s; the retry sweep will", contact.pk)


def _schedule_retry(contact: ContactRequest) -> None:
    if not relay_contact_request.get_backend().supports_defer:
        return  # the retry sweep sends it when it is due
    try:
        relay_contact_request.using(run_after=contact.next_attempt_at).enqueue(contact.pk)
    except Exception:
        logger.exception("Could not re-queue contact request %s; the sweep will", contact.pk)


def due_relays(now=None):
    now = now or timezone.now()
    return ContactRequest.objects.filter(
        Q(relay_status=RelayStatus.PENDING, next_attempt_at__lte=now)
        | Q(
            relay_status=RelayStatus.PENDING,
            next_attempt_at__isnull=True,
            created_at__lte=now - QUEUE_GRACE,
        )
        | Q(relay_status=RelayStatus.SENDING, updated_at__lte=now - STALE_CLAIM)
    )


def retry_contact_relays(*, now=None) -> int:
    """Try again every relay that is due; returns how many were attempted."""
    ids = list(due_relays(now).order_by("pk").values_list("pk", flat=True))
    for request_id in ids:
        attempt_relay(request_id, now=now)
    return len(ids)


@task()
def retry_contact_relays_task() -> int:
    return retry_contact_relays()

"""The data migrations that moved both old outboxes into the one outbox: the idea portal's
``OutgoingEmail`` rows (submissions 0003) and the relay state on contact requests
(directory 0003). Run for real with the migration executor: back to the old schema (which
also runs the reverse copy), old rows written there, then forward again."""

from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from demo.factories import (
    CoachProfileFactory,
    ContactRequestFactory,
    IdeaSubmissionFactory,
    OutboxEmailFactory,
)
from directory.emails import record_contact_relay
from directory.models import ContactRequest
from hub import outbox
from hub.enums import EmailPurpose, EmailStatus
from hub.models import OutboxEmail

BEFORE = [
    ("submissions", "0002_huddle_inbox"),
    ("directory", "0002_starting_skills_languages_offers"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_schema():
    """The database as it was before the outbox, for the length of the test."""
    try:
        yield lambda: migrate(BEFORE)
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_emails_and_relays_move_into_the_outbox_and_back(old_schema, mailoutbox):
    idea = IdeaSubmissionFactory()
    coach = CoachProfileFactory(contact_email="coach@example.org")
    waiting, relayed, failed = ContactRequestFactory.create_batch(3, coach=coach, relay=False)
    # Rows the new code wrote: going back copies them into the old places.
    OutboxEmailFactory(
        key=f"receipt:{idea.reference}", purpose=EmailPurpose.IDEA_RECEIPT, cause=idea
    )
    record_contact_relay(waiting)  # no transaction here: sent at once

    old = old_schema()

    OutgoingEmail = old.get_model("submissions", "OutgoingEmail")
    OldRequest = old.get_model("directory", "ContactRequest")
    assert OutgoingEmail.objects.get().submission_id == idea.pk
    went_back = OldRequest.objects.get(pk=waiting.pk)
    assert (went_back.relay_status, went_back.attempts) == ("sent", 1)
    assert went_back.sent_at is not None
    mailoutbox.clear()

    # The old outboxes in flight.
    now = timezone.now()
    long_ago = now - timedelta(hours=3)
    OutgoingEmail.objects.all().delete()
    for key, fields in {
        f"receipt:{idea.reference}": {"status": "pending", "attempts": 2, "last_error": "451"},
        f"huddle-new:{idea.reference}": {"status": "sending", "attempts": 1},
        f"status:{idea.reference}:9": {"status": "failed", "attempts": 6, "last_error": "550"},
        "digest:5:2026-W49": {"status": "sent", "attempts": 1, "body": "", "sent_at": long_ago},
        "continue:3:abcdef": {"status": "pending"},
    }.items():
        email = OutgoingEmail.objects.create(
            key=key,
            submission_id=idea.pk if idea.reference in key else None,
            to="jo@example.org",
            subject=f"Subject of {key}",
            body=fields.pop("body", f"Body of {key}"),
            html_body="",
            **fields,
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(
            created_at=long_ago,
            updated_at=long_ago,
            next_attempt_at=now - timedelta(minutes=1) if key.startswith("receipt") else None,
        )
    OldRequest.objects.filter(pk=waiting.pk).update(
        relay_status="pending", attempts=1, last_error="Connection refused", next_attempt_at=now
    )
    OldRequest.objects.filter(pk=relayed.pk).update(
        relay_status="sent", attempts=1, sent_at=long_ago, updated_at=long_ago
    )
    OldRequest.objects.filter(pk=failed.pk).update(
        relay_status="failed", attempts=6, last_error="550 no such user"
    )

    migrate(latest())

    emails = {email.key: email for email in OutboxEmail.objects.all()}
    assert sorted(emails) == sorted(
        [
            f"receipt:{idea.reference}",
            f"huddle-new:{idea.reference}",
            f"status:{idea.reference}:9",
            "digest:5:2026-W49",
            "continue:3:abcdef",
            f"coach-contact:{waiting.pk}",
            f"coach-contact:{relayed.pk}",
            f"coach-contact:{failed.pk}",
        ]
    )
    receipt = emails[f"receipt:{idea.reference}"]
    assert (receipt.purpose, receipt.cause, receipt.status) == ("idea_receipt", idea, "pending")
    assert (receipt.attempts, receipt.last_error, receipt.body) == (
        2,
        "451",
        f"Body of receipt:{idea.reference}",
    )
    assert receipt.created_at == long_ago  # the old dates, not the upgrade's
    assert emails[f"huddle-new:{idea.reference}"].purpose == "huddle_notice"
    assert emails[f"status:{idea.reference}:9"].status == EmailStatus.FAILED
    assert emails["digest:5:2026-W49"].purpose == "digest"
    assert emails["digest:5:2026-W49"].sent_at == long_ago
    assert emails["continue:3:abcdef"].cause is None

    relay = ContactRequest.objects.get(pk=waiting.pk).relay
    assert (relay.purpose, relay.status, relay.attempts) == (
        EmailPurpose.COACH_CONTACT,
        "pending",
        1,
    )
    assert (relay.to, relay.reply_to) == ("coach@example.org", waiting.email)
    assert waiting.message in relay.body and waiting.name in relay.subject
    relayed = ContactRequest.objects.get(pk=relayed.pk)
    assert relayed.relay_status() == "Sent" and relayed.relayed_at() == long_ago
    assert relayed.relay.body == ""
    failed = ContactRequest.objects.get(pk=failed.pk)
    assert failed.relay_status() == "Could not be sent"
    assert failed.relay_error() == "550 no such user"

    # The one sweep carries on where the old ones stopped: what was due goes, once (the
    # retry due, the claim gone stale, the continue link never queued, the relay due).
    assert outbox.send_due_emails(now=now + timedelta(seconds=1)) == 4
    assert sorted(message.subject for message in mailoutbox) == sorted(
        [
            f"Subject of receipt:{idea.reference}",
            f"Subject of huddle-new:{idea.reference}",
            "Subject of continue:3:abcdef",
            relay.subject,
        ]
    )
    (relayed_now,) = [message for message in mailoutbox if message.subject == relay.subject]
    assert relayed_now.reply_to == [waiting.email]
    assert outbox.send_due_emails(now=now + timedelta(days=1)) == 0

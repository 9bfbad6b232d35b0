"""Retention: personal data leaves ideas closed long enough ago; the idea stays."""

from datetime import datetime, timedelta
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

import pytest

from demo.factories import (
    ContactRequestFactory,
    IdeaDraftFactory,
    IdeaSubmissionFactory,
    OutboxEmailFactory,
    StatusChangeFactory,
)
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from submissions.enums import Status
from submissions.models import IdeaDraft, IdeaSubmission, SubmissionAttachment
from submissions.portal.retention import months_before, purge_personal_data
from submissions.tasks import purge_personal_data_task

pytestmark = pytest.mark.django_db


def closed_idea(status=Status.DECLINED, *, closed_days_ago, **kwargs):
    """An idea closed ``closed_days_ago`` days ago (time travel on its status history)."""
    submission = IdeaSubmissionFactory(status=status, status_token="tok-" + status, **kwargs)
    closed_at = timezone.now() - timedelta(days=closed_days_ago)
    submission.status_changes.update(changed_at=closed_at - timedelta(days=30))
    StatusChangeFactory(
        submission=submission,
        from_status=Status.IN_TRIAGE,
        to_status=status,
        changed_at=closed_at,
        reason="Closed",
    )
    return submission


def with_attachment(submission):
    return SubmissionAttachment.objects.create(
        submission=submission,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf"),
        original_name="Jo Bloggs baseline.pdf",
        content_type="application/pdf",
        size=15,
    )


@pytest.mark.parametrize(
    "status", [Status.COMPLETED, Status.DECLINED, Status.REDIRECTED, Status.WITHDRAWN]
)
def test_personal_data_is_removed_from_ideas_closed_over_24_months_ago(
    status, private_storage, django_capture_on_commit_callbacks
):
    old = closed_idea(status, closed_days_ago=740, title="Fewer falls on ward 7")
    attachment = with_attachment(old)
    stored = private_storage / attachment.file.name
    OutboxEmailFactory(cause=old, to=old.submitter_email, purpose=EmailPurpose.IDEA_RECEIPT)
    OutboxEmailFactory(cause=old, purpose=EmailPurpose.MENTION)
    kept = [
        OutboxEmailFactory(cause=IdeaSubmissionFactory(), purpose=EmailPurpose.IDEA_RECEIPT),
        OutboxEmailFactory(cause=ContactRequestFactory(relay=False)),
    ]
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        result = purge_personal_data()

    assert result.references == [old.reference]
    old.refresh_from_db()
    assert old.submitter_name == old.submitter_email == old.submitter_role == ""
    assert old.submitter_ip is None
    assert old.status_token_hash is None
    assert old.personal_data_removed_at is not None
    assert not old.attachments.exists()
    assert not stored.exists()
    # Its emails in the outbox go; other ideas' emails (and other causes') stay.
    assert not old.outbox_emails.exists()
    assert list(OutboxEmail.objects.all()) == kept
    # The anonymised idea stays for reporting.
    assert old.title == "Fewer falls on ward 7"
    assert old.aim and old.change_ideas
    assert old.status == status
    assert old.status_changes.count() == 2


def test_recent_and_open_ideas_keep_their_data():
    recent = closed_idea(closed_days_ago=300)
    open_for_ages = IdeaSubmissionFactory(status=Status.IN_COACHING)
    open_for_ages.status_changes.update(changed_at=timezone.now() - timedelta(days=2000))

    assert purge_personal_data().references == []

    for submission in (recent, open_for_ages):
        submission.refresh_from_db()
        assert submission.submitter_email
        assert submission.personal_data_removed_at is None


def test_the_period_is_configurable(settings):
    idea = closed_idea(closed_days_ago=100)
    settings.SUBMISSIONS_RETENTION_MONTHS = 3
    assert purge_personal_data().references == [idea.reference]


def test_purging_is_idempotent():
    closed_idea(closed_days_ago=800)
    first = purge_personal_data()
    removed_at = IdeaSubmission.objects.get().personal_data_removed_at
    second = purge_personal_data()
    assert len(first.references) == 1
    assert second.references == []
    assert IdeaSubmission.objects.get().personal_data_removed_at == removed_at


def test_dry_run_changes_nothing():
    idea = closed_idea(closed_days_ago=800)
    with_attachment(idea)
    result = purge_personal_data(dry_run=True)
    assert result.references == [idea.reference]
    assert result.attachments == 1
    idea.refresh_from_db()
    assert idea.submitter_email and idea.personal_data_removed_at is None
    assert idea.attachments.count() == 1


def test_expired_drafts_and_old_continue_emails_are_deleted():
    expired = IdeaDraftFactory()
    IdeaDraft.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    current = IdeaDraftFactory()
    month_ago = timezone.now() - timedelta(days=31)
    old_link = OutboxEmailFactory(purpose=EmailPurpose.CONTINUE_LINK, cause=expired)
    old_digest = OutboxEmailFactory(purpose=EmailPurpose.DIGEST)
    old_relay = ContactRequestFactory().relay  # a contact request's email stays with it
    OutboxEmail.objects.filter(pk__in=[old_link.pk, old_digest.pk, old_relay.pk]).update(
        created_at=month_ago
    )
    new_link = OutboxEmailFactory(purpose=EmailPurpose.CONTINUE_LINK, cause=current)

    result = purge_personal_data()

    assert result.drafts == 1
    assert list(IdeaDraft.objects.all()) == [current]
    assert list(OutboxEmail.objects.all()) == [old_relay, new_link]


def test_the_command_and_the_task(capsys):
    closed_idea(closed_days_ago=800)
    out = StringIO()
    call_command("purge_submission_personal_data", "--dry-run", stdout=out)
    assert "Would remove personal data from 1 idea(s)" in out.getvalue()
    assert IdeaSubmission.objects.get().personal_data_removed_at is None

    call_command("purge_submission_personal_data", stdout=out)
    assert "Removed personal data from 1 idea(s)" in out.getvalue()

    closed_idea(Status.WITHDRAWN, closed_days_ago=800)
    result = purge_personal_data_task.enqueue()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["submissions"] == 1


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2027, 3, 31, 9, 0), 1, datetime(2027, 2, 28, 9, 0)),
        (datetime(2028, 3, 31), 1, datetime(2028, 2, 29)),
        (datetime(2027, 1, 15), 24, datetime(2025, 1, 15)),
        (datetime(2027, 1, 15), 13, datetime(2025, 12, 15)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected

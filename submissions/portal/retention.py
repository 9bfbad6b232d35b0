"""Retention: remove submitters' personal data from ideas closed long enough ago.

An idea is closed once it is completed, declined, redirected or withdrawn; it closed when
its last status change was made (closed statuses are final). After
``SUBMISSIONS_RETENTION_MONTHS`` the submitter's name, email, role and IP address are
blanked, the attachments deleted (files included), the emails about it deleted and the
status-page link stops working. The idea itself (what, why, measures, status history,
organisation, priorities) stays, anonymised, for reporting. Expired drafts, with their
files, are deleted; so are the huddle's digests and every public form's continue-later
emails (``hub.drafts.old_continue_links``) once a continue link would have expired.

Idempotent: an idea already purged has ``personal_data_removed_at`` set and is skipped.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hub.dates import months_before
from hub.drafts import old_continue_links
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from hub.private_files import private_storage
from submissions.models import ATTACHMENT_ROOT, IdeaDraft, IdeaSubmission, SubmissionAttachment
from submissions.status import CLOSED


@dataclass
class PurgeResult:
    cutoff: datetime
    references: list[str] = field(default_factory=list)
    attachments: int = 0
    drafts: int = 0
    orphan_files: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return {
            "cutoff": self.cutoff.isoformat(),
            "submissions": len(self.references),
            "references": self.references,
            "attachments": self.attachments,
            "expired_drafts": self.drafts,
            "orphan_files": self.orphan_files,
            "dry_run": self.dry_run,
        }


def due_for_purge(*, now=None, months=None):
    now = now or timezone.now()
    months = settings.SUBMISSIONS_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now, months)
    queryset = (
        IdeaSubmission.objects.filter(status__in=CLOSED, personal_data_removed_at__isnull=True)
        .annotate(closed_at=Max("status_changes__changed_at"))
        .filter(closed_at__lt=cutoff)
        .order_by("closed_at")
    )
    return queryset, cutoff


def remove_submitter_data(submission: IdeaSubmission, *, now=None) -> None:
    """Blank the submitter's details on one idea, stop its status-page links working and
    delete its attachments (files too) and the emails about it. The idea itself stays,
    anonymised. The rule for retention and for erasure on request alike
    (``submissions.privacy``); call it inside a transaction."""
    for name in IdeaSubmission.PERSONAL_DATA_FIELDS:
        setattr(submission, name, None if name == "submitter_ip" else "")
    submission.status_token_hash = None
    submission.personal_data_removed_at = now or timezone.now()
    submission.save(
        update_fields=[
            *IdeaSubmission.PERSONAL_DATA_FIELDS,
            "status_token_hash",
            "personal_data_removed_at",
        ]
    )
    submission.status_links.all().delete()
    # Files go too (post_delete signal, after commit).
    SubmissionAttachment.objects.filter(submission=submission).delete()
    submission.outbox_emails.all().delete()  # they name the submitter


def purge_personal_data(*, now=None, months=None, dry_run=False) -> PurgeResult:
    now = now or timezone.now()
    queryset, cutoff = due_for_purge(now=now, months=months)
    result = PurgeResult(cutoff=cutoff, dry_run=dry_run)
    for submission in queryset:
        result.references.append(submission.reference)
        attachments = SubmissionAttachment.objects.filter(submission=submission)
        result.attachments += attachments.count()
        if dry_run:
            continue
        with transaction.atomic():
            remove_submitter_data(submission, now=now)
    expired = IdeaDraft.objects.filter(expires_at__lte=now)
    result.drafts = expired.count()
    if not dry_run:
        with transaction.atomic():
            expired.delete()  # cascades to their attachments and files
            # Emails about no idea (every form's continue-later links, which name an
            # address, and the huddle's digests) serve no purpose once a continue link would
            # have expired.
            old_continue_links(now).delete()
            OutboxEmail.objects.filter(
                purpose=EmailPurpose.DIGEST,
                created_at__lt=now - timedelta(days=settings.SUBMISSIONS_DRAFT_EXPIRY_DAYS),
            ).delete()
    result.orphan_files = remove_orphan_files(now=now, dry_run=dry_run)
    return result


ORPHAN_GRACE = timedelta(days=1)


def remove_orphan_files(*, now=None, dry_run=False) -> int:
    """Delete attachment files no row points to, older than a day: left by an upload whose
    transaction rolled back, or a deletion whose commit hook never ran. Expired drafts' own
    files go with their rows above (the attachment's post_delete signal)."""
    now = now or timezone.now()
    storage = private_storage()
    known = set(SubmissionAttachment.objects.values_list("file", flat=True))
    removed = 0
    for name in _walk(storage, ATTACHMENT_ROOT):
        if name in known:
            continue
        try:
            modified = storage.get_modified_time(name)
        except (OSError, NotImplementedError):
            continue
        if now - modified < ORPHAN_GRACE:
            continue  # perhaps an upload still on its way into the database
        removed += 1
        if not dry_run:
            storage.delete(name)
    return removed


def _walk(storage, folder):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")

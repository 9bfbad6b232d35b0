"""The personal data "Share your work" holds, registered with ``hub.personal_data``.

A shared case study's record keeps the sender's name, work email and role (and the files
they sent) until ``SHARING_RETENTION_MONTHS`` after the case study first went live, or after
it was sent when it never goes live (abandoned); then the details are blanked, the files
and the emails about it deleted, and the record stays, anonymised (reference, organisation,
page). Erasure on request does the same at once. Drafts, and the emails with a link to
continue one, go ``SHARING_DRAFT_EXPIRY_DAYS`` after their last save (``hub.drafts``). The
scheduled purge (``manage.py purge_personal_data``) applies all of it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import page_cache
from hub.dates import months_before
from hub.drafts import personal_data_entries
from hub.personal_data import PersonalData, register, with_setting

from .models import ShareAttachment, ShareDraft, SharedWork

LAWFUL_BASIS = _(
    "Public task: improving health services (UK GDPR Article 6(1)(e)), with your consent to "
    "publish the case study and, if you agreed, to name you as its contact."
)


def _without_name(text: str, name: str) -> str:
    if not text or not name or name not in text:
        return text
    return text.replace(name, "").strip(" ,;-–")


def _unname_page(shared: SharedWork) -> None:
    """A sender who agreed to be named is the case study's contact ("name, role"): their
    name comes off the page and off each of its revisions (what editors may have done with
    the rest of the text stays), so no later publish brings it back."""
    name = shared.submitter_name.strip()
    if not (shared.named_contact and name and shared.page_id):
        return
    page = shared.page.specific
    role = getattr(page, "contact_role", None)
    if role is None:
        return
    if name in role:
        # An update, not a save: the page's other fields and its live state stay as they are.
        type(page).objects.filter(pk=page.pk).update(contact_role=_without_name(role, name))
        page_cache.invalidate()
    for revision in page.revisions.all():
        kept = revision.content.get("contact_role") or ""
        if name in kept:
            revision.content["contact_role"] = _without_name(kept, name)
            revision.save(update_fields=["content"])


def remove_sender_data(shared: SharedWork, *, now=None) -> None:
    """Blank the sender's details on one record, take their name off the case study if they
    were named as its contact, and delete its files and emails. The rule for retention and
    for erasure on request alike."""
    with transaction.atomic():
        _unname_page(shared)
        for name in SharedWork.PERSONAL_DATA_FIELDS:
            setattr(shared, name, "")
        shared.personal_data_removed_at = now or timezone.now()
        shared.save(update_fields=[*SharedWork.PERSONAL_DATA_FIELDS, "personal_data_removed_at"])
        ShareAttachment.objects.filter(shared=shared).delete()  # files go after the commit
        shared.outbox_emails.all().delete()  # they name the sender


def _anonymise(rows) -> int:
    count = 0
    for shared in rows:
        remove_sender_data(shared)
        count += 1
    return count


def expired_records(now):
    """Records whose case study went live, or was sent and never went live, longer ago than
    ``SHARING_RETENTION_MONTHS``."""
    cutoff = months_before(now, settings.SHARING_RETENTION_MONTHS)
    return SharedWork.objects.filter(personal_data_removed_at__isnull=True).filter(
        Q(published_at__lt=cutoff) | Q(published_at__isnull=True, submitted_at__lt=cutoff)
    )


def register_personal_data() -> None:
    register(
        PersonalData(
            key="sharing.shared_work",
            label=_("Case studies you shared (your details)"),
            model=SharedWork,
            email_lookups=("submitter_email",),
            fields=SharedWork.PERSONAL_DATA_FIELDS,
            retention=with_setting(
                _(
                    "The sender's name, email address and role are removed %(months)s months "
                    "after the case study goes live, or after it was sent if it never does."
                ),
                "months",
                "SHARING_RETENTION_MONTHS",
            ),
            lawful_basis=LAWFUL_BASIS,
            erase=_anonymise,
            expired=expired_records,
        )
    )
    for entry in personal_data_entries(
        "sharing",
        draft_model=ShareDraft,
        drafts_label=_("Case studies not yet sent (saved to continue later)"),
        files_label=_("Files sent with a shared case study"),
        files_retention=_("Deleted with the sender's details, or with the draft."),
        owner="shared",
        expired_owners=expired_records,
        lawful_basis=LAWFUL_BASIS,
    ):
        register(entry)

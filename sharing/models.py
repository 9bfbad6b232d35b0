"""What "Share your work" keeps: the form in progress (``ShareDraft``), the files sent with
it (``ShareAttachment``) and, once sent, the record of who shared which case study draft
(``SharedWork``).

The submitter's details live on ``SharedWork`` only, never on the page: the case study
draft names the organisation and, only when the person agreed to be named as the contact,
their name and role (never their email address).
"""

import secrets
import uuid
from pathlib import PurePath

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.drafts import FormDraft
from hub.enums import EmailPurpose
from hub.models import Organisation
from hub.private_files import delete_file_on_commit, private_storage

# Longest answers accepted, in characters (the forms say so beside the field).
LIMITS = {
    "submitter_name": 200,
    "submitter_email": 254,
    "submitter_role": 150,
    "title": 150,
    "summary": 400,
    "long": 5000,
    "topics": 300,
    "measure_name": 150,
    "measure_unit": 60,
    "measure_data": 20000,
}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """``SW-`` and six characters nobody misreads (no 0/O, 1/I)."""
    return "SW-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class ShareDraft(FormDraft):
    """A case study being shared, kept on the server (``hub.drafts``). Expires
    ``SHARING_DRAFT_EXPIRY_DAYS`` after it was last saved."""

    expiry_days_setting = "SHARING_DRAFT_EXPIRY_DAYS"
    continue_salt = "sharing.draft.continue-later"
    continue_link_purpose = EmailPurpose.SHARE_CONTINUE_LINK

    class Meta:
        verbose_name = _("case study being shared")
        verbose_name_plural = _("case studies being shared")


class SharedWork(models.Model):
    """A case study a member of staff sent through "Share your work": who sent it, and the
    draft page it became in their partner's section."""

    PERSONAL_DATA_FIELDS = ("submitter_name", "submitter_email", "submitter_role")

    reference = models.CharField(max_length=12, unique=True)
    source_draft_key = models.CharField(max_length=64, unique=True, editable=False)
    submitter_name = models.CharField(_("name"), max_length=LIMITS["submitter_name"], blank=True)
    submitter_email = models.EmailField(_("work email address"), blank=True)
    submitter_role = models.CharField(_("role"), max_length=LIMITS["submitter_role"], blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    named_contact = models.BooleanField(_("agreed to be named as the contact"), default=False)
    publication_consent_at = models.DateTimeField()
    language = models.CharField(max_length=16, default="en")
    submitted_at = models.DateTimeField(default=timezone.now)
    # When the case study first went live (the submitter is told then, once).
    published_at = models.DateTimeField(null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)
    outbox_emails = GenericRelation(
        "hub.OutboxEmail", content_type_field="cause_type", object_id_field="cause_id"
    )

    class Meta:
        verbose_name = _("shared case study")
        verbose_name_plural = _("shared case studies")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.reference


ATTACHMENT_ROOT = "sharing"


def attachment_path(instance, filename):
    # Never the uploaded name: it is kept in original_name.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"{ATTACHMENT_ROOT}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ShareAttachment(models.Model):
    """A file sent with a shared case study: first on the draft, then on the record, where
    the partner's editors download it from the admin."""

    shared = models.ForeignKey(
        SharedWork, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    draft = models.ForeignKey(
        ShareDraft, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared__isnull=False) | Q(draft__isnull=False),
                name="share_attachment_belongs_somewhere",
            )
        ]

    def __str__(self):
        return self.original_name


post_delete.connect(delete_file_on_commit, sender=ShareAttachment)

"""What every public multi-step form shares: a draft kept on the server, the files sent with
it, the signed link that puts it back into a browser ("save and come back later"), and how
long all of that is kept.

A form's draft model inherits :class:`FormDraft` and names the setting that says how many
days it lives (``expiry_days_setting``), the salt of its links (``continue_salt``) and the
purpose of its continue-later emails (``continue_link_purpose``); its attachment model
points at it with ``related_name="attachments"``. The session holds only the draft's key;
the URL never holds answers. :func:`continue_token` signs the key for one purpose;
:func:`draft_for_token` opens it again, refusing anything expired, tampered with, made for
another form, or whose draft has been submitted or removed. :func:`submit` turns a draft
into what it is for, once. :func:`personal_data_entries` registers a form's drafts and
files with ``hub.personal_data``; :func:`old_continue_links` are the emails the scheduled
purge deletes. The idea form (``submissions.portal``) and "Share your work" (``sharing``)
use all of it.
"""

import secrets
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.models import OutboxEmail
from hub.personal_data import PersonalData, delete_rows, with_setting


def new_draft_key() -> str:
    return secrets.token_urlsafe(24)


class FormDraft(models.Model):
    """A form in progress. Expires ``<expiry_days_setting>`` days after it was last saved."""

    #: The setting holding how many days a draft lives after its last save.
    expiry_days_setting = ""
    #: The salt of its continue-later links (:func:`continue_token`), used for nothing else.
    continue_salt = ""
    #: The ``EmailPurpose`` of its continue-later emails.
    continue_link_purpose = ""

    key = models.CharField(max_length=64, unique=True, default=new_draft_key, editable=False)
    data = models.JSONField(default=dict, blank=True)  # {step slug: {field: value}}
    email = models.EmailField(blank=True, help_text=_("Where the continue-later link was sent."))
    language = models.CharField(max_length=16, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"Draft {self.pk}"

    def save(self, *args, **kwargs):
        self.expires_at = timezone.now() + timedelta(days=self.expiry_days())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "expires_at", "updated_at"}
        super().save(*args, **kwargs)

    @classmethod
    def expiry_days(cls) -> int:
        return getattr(settings, cls.expiry_days_setting)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def current(cls, key):
        """The draft with ``key``, if it has not expired."""
        if not key:
            return None
        return cls.objects.filter(key=key, expires_at__gt=timezone.now()).first()


def continue_token(draft: FormDraft) -> str:
    """A signed, single-purpose token naming the draft (salted with its ``continue_salt``)."""
    return signing.dumps({"draft": draft.key}, salt=draft.continue_salt, compress=True)


def draft_for_token(model: type[FormDraft], token: str) -> FormDraft:
    """The draft a continue-later token opens.

    Raises ``signing.SignatureExpired`` after the model's expiry days and
    ``signing.BadSignature`` for anything tampered with, made for another purpose, or whose
    draft has been submitted, expired or removed.
    """
    max_age = timedelta(days=model.expiry_days())
    payload = signing.loads(token, salt=model.continue_salt, max_age=max_age)
    key = payload.get("draft") if isinstance(payload, dict) else None
    draft = model.current(key)
    if not key or draft is None:
        raise signing.BadSignature("No such draft")
    return draft


class DraftIncomplete(Exception):  # noqa: N818
    """The draft is gone, or a step has no answers yet."""


def save_step(draft: FormDraft, slug: str, answers: dict, uploads=()) -> FormDraft:
    """Store one step's answers (and any checked uploads) on the draft."""
    with transaction.atomic():
        if draft.pk is None:
            draft.save()
        draft.data = {**draft.data, slug: answers}
        draft.save(update_fields=["data"])
        save_uploads(draft, uploads)
    return draft


def save_uploads(draft: FormDraft, uploads) -> list:
    """Keep files that passed ``hub.attachments.inspect_upload`` with the draft."""
    return [
        draft.attachments.create(
            file=upload,
            original_name=upload.name[:255],
            content_type=kind.content_type,
            size=upload.size,
        )
        for upload, kind in uploads
    ]


# References are drawn at random and kept unique by the database, not checked first.
REFERENCE_ATTEMPTS = 3


def submit(draft_key: str, *, drafts, steps, made, make, replay):
    """Turn the draft with ``draft_key`` (one of the ``drafts`` queryset) into a record, once.

    In one transaction, with the draft locked and every one of its ``steps`` answered,
    ``make(draft)`` writes the record (a row of ``made``, keeping the draft's key as
    ``source_draft_key``), consumes the draft and returns the result. The same key again (a
    double click, a replayed POST, a concurrent submit that won the race) returns
    ``replay(record)`` for the record made the first time. Raises :class:`DraftIncomplete`.
    """
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                draft = drafts.select_for_update().filter(key=draft_key).first()
                if draft is None:
                    existing = made.filter(source_draft_key=draft_key).first()
                    if existing is None:
                        raise DraftIncomplete("No such draft")
                    return replay(existing)
                missing = steps.first_incomplete(draft)
                if missing is not None:
                    raise DraftIncomplete(missing.slug)
                return make(draft)
        except IntegrityError:
            # A concurrent submit of the same draft won the race: it holds the unique key.
            existing = made.filter(source_draft_key=draft_key).first()
            if existing is not None:
                return replay(existing)
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
            # Otherwise the new reference was taken: the whole transaction rolled back, so
            # try again with another.
    raise AssertionError("unreachable")


def old_continue_links(now):
    """Continue-later emails of every form, once the link in them would have expired: they
    name an address and serve no purpose any more."""
    condition = Q(pk__in=[])
    for model in apps.get_models():
        if issubclass(model, FormDraft):
            condition |= Q(
                purpose=model.continue_link_purpose,
                created_at__lt=now - timedelta(days=model.expiry_days()),
            )
    return OutboxEmail.objects.filter(condition)


def personal_data_entries(
    app: str,
    *,
    draft_model: type[FormDraft],
    drafts_label,
    files_label,
    files_retention,
    owner: str,
    expired_owners,
    lawful_basis,
) -> list[PersonalData]:
    """A form's drafts and the files sent with it (``<app>.drafts``, ``<app>.attachments``):
    drafts go ``expiry_days_setting`` days after their last save; files with their draft,
    or with what it became (``owner``, the attachment's other foreign key, whose rows past
    retention are ``expired_owners(now)``)."""
    attachment_model = draft_model._meta.get_field("attachments").related_model
    return [
        PersonalData(
            key=f"{app}.attachments",
            label=files_label,
            model=attachment_model,
            email_lookups=(f"{owner}__submitter_email", "draft__email"),
            fields=("original_name", "file"),
            retention=files_retention,
            lawful_basis=lawful_basis,
            erase=delete_rows,
            expired=lambda now: attachment_model.objects.filter(
                Q(**{f"{owner}__in": expired_owners(now)}) | Q(draft__expires_at__lte=now)
            ),
        ),
        PersonalData(
            key=f"{app}.drafts",
            label=drafts_label,
            model=draft_model,
            # The address given for the continue-later link, or on the "About you" step.
            email_lookups=("email", "data__about-you__submitter_email"),
            fields=("email", "data"),
            retention=with_setting(
                _("Deleted %(days)s days after the last change."),
                "days",
                draft_model.expiry_days_setting,
            ),
            lawful_basis=lawful_basis,
            erase=delete_rows,
            expired=lambda now: draft_model.objects.filter(expires_at__lte=now),
        ),
    ]

"""What every public multi-step form shares: a draft kept on the server, and the signed link
that puts it back into a browser ("save and come back later").

A form's draft model inherits :class:`FormDraft` and names the setting that says how many
days it lives (``expiry_days_setting``). The session holds only the draft's key; the URL
never holds answers. :func:`continue_token` signs the key for one purpose (its salt);
:func:`draft_for_token` opens it again, refusing anything expired, tampered with, made for
another form, or whose draft has been submitted or removed. The idea form
(``submissions.portal``) and "Share your work" (``sharing``) use both.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_draft_key() -> str:
    return secrets.token_urlsafe(24)


class FormDraft(models.Model):
    """A form in progress. Expires ``<expiry_days_setting>`` days after it was last saved."""

    #: The setting holding how many days a draft lives after its last save.
    expiry_days_setting = ""

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


def continue_token(draft: FormDraft, salt: str) -> str:
    """A signed, single-purpose token naming the draft (``salt`` is used for nothing else)."""
    return signing.dumps({"draft": draft.key}, salt=salt, compress=True)


def draft_for_token(model: type[FormDraft], token: str, salt: str) -> FormDraft:
    """The draft a continue-later token opens.

    Raises ``signing.SignatureExpired`` after the model's expiry days and
    ``signing.BadSignature`` for anything tampered with, made for another purpose, or whose
    draft has been submitted, expired or removed.
    """
    max_age = timedelta(days=model.expiry_days())
    payload = signing.loads(token, salt=salt, max_age=max_age)
    key = payload.get("draft") if isinstance(payload, dict) else None
    draft = model.current(key)
    if not key or draft is None:
        raise signing.BadSignature("No such draft")
    return draft

"""Subscriptions (someone following a stream by email) and the editors' newsletters."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from . import registry
from .enums import Frequency


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, when):
        return self.filter(confirmed_at__isnull=True, created_at__lt=when)

    def expired(self, now):
        """Never confirmed within ``HUB_FOLLOW_CONFIRM_DAYS``: deleted by the purge."""
        return self.unconfirmed_before(now - timedelta(days=settings.HUB_FOLLOW_CONFIRM_DAYS))


class Subscription(models.Model):
    """One email address following one stream (``following.registry``), in one language.

    Nothing is sent to it but its confirmation until it is confirmed (double opt-in);
    unconfirmed rows are deleted after ``HUB_FOLLOW_CONFIRM_DAYS``, and unsubscribing
    deletes the row at once.
    """

    email = models.EmailField(_("email"))
    stream = models.CharField(_("following"), max_length=120)
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(_("language"), max_length=16, default="en")
    # The secret in the confirmation and unsubscribe links.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("asked"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    emails = GenericRelation(
        "hub.OutboxEmail", content_type_field="cause_type", object_id_field="cause_id"
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "stream"], name="one_subscription_per_stream")
        ]

    def __str__(self):
        return f"{self.stream} ({self.get_frequency_display()})"


class Newsletter(ClusterableModel):
    """An issue of the hub's newsletter: an introduction and pages chosen by a hub editor,
    sent once to every confirmed follower (or to the followers of one stream)."""

    subject = models.CharField(_("subject"), max_length=150)
    introduction = models.TextField(_("introduction"))
    stream = models.CharField(
        _("send to followers of"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to send to everyone who follows anything."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("subject"),
        FieldPanel("introduction"),
        FieldPanel("stream"),
        InlinePanel("items", label=_("pages"), min_num=1),
    ]

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at"]
        permissions = [("send_newsletter", "Can send newsletters")]

    def __str__(self):
        return self.subject

    def clean(self):
        super().clean()
        if self.stream and registry.name_of(self.stream) is None:
            raise ValidationError(
                {
                    "stream": _(
                        "Enter a stream that exists, like priority:stroke, or leave it empty."
                    )
                }
            )


class NewsletterItem(Orderable):
    newsletter = ParentalKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]

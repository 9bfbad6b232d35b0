"""When a shared case study first goes live, its sender is told, once.

Wagtail's ``page_published`` fires on every publish; the record's ``published_at`` is set
the first time (under a row lock), and the outbox key names the record, so a second
publish, a concurrent one or a replay sends nothing more.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.signals import page_published

from pages.models import CaseStudyPage

from . import emails
from .models import SharedWork


def _on_publish(sender, instance, **kwargs):
    with transaction.atomic():
        shared = (
            SharedWork.objects.select_for_update()
            .filter(page_id=instance.pk, published_at__isnull=True)
            .first()
        )
        if shared is None:
            return
        shared.published_at = timezone.now()
        shared.save(update_fields=["published_at"])
        emails.record_live(shared, instance)


def connect() -> None:
    page_published.connect(_on_publish, sender=CaseStudyPage, dispatch_uid="sharing-live")

"""Sending to followers: as it happens (on publish), the weekly digest and newsletters.

Every email is recorded in the outbox inside a transaction and sent after it commits, once
per address per item, per week or per issue (the keys in ``following.emails``).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from . import emails, registry
from .enums import Frequency
from .models import Newsletter, Subscription
from .registry import Item
from .streams import (
    collaborative_item,
    collaborative_stream,
    is_public,
    page_item,
    page_streams,
    update_item,
)


def _one_per_address(subscriptions: Iterable[Subscription]) -> list[Subscription]:
    """The newest subscription of each address (whose language the email is written in)."""
    chosen: dict[str, Subscription] = {}
    for subscription in sorted(subscriptions, key=lambda s: s.created_at, reverse=True):
        chosen.setdefault(subscription.email.lower(), subscription)
    return list(chosen.values())


def notify(item: Item, streams: list[str], *, translated: Iterable[str] = ()) -> int:
    """Tell the "as it happens" followers of ``streams`` about ``item``, in the caller's
    transaction. A follower reads it in their language: an item in the default language
    goes to followers of other languages unless it is already live in theirs
    (``translated``); an item in another language goes to that language's followers only.
    Only followers confirmed by the time the item was published are told. Returns how many
    emails were recorded."""
    if not streams:
        return 0
    default = settings.LANGUAGE_CODE
    translated = set(translated)
    followers = Subscription.objects.confirmed().filter(
        stream__in=streams,
        frequency=Frequency.IMMEDIATE,
        confirmed_at__lte=item.published_at,
    )
    count = 0
    for subscription in _one_per_address(followers):
        language = emails.language_of(subscription)
        if item.language == language or (item.language == default and language not in translated):
            emails.record_item(subscription, item)
            count += 1
    return count


def on_item_published(sender, *, item: Item, streams: list[str], translated=(), **kwargs):
    """Receiver of ``following.signals.item_published`` (and of any app's signal that sends
    the same arguments)."""
    with transaction.atomic():
        notify(item, streams, translated=translated)


def on_project_update(sender, *, project, update, **kwargs):
    """``pages.signals.project_update_published`` (once per update, after the commit): the
    project's followers hear of the update."""
    if is_public(project):
        on_item_published(
            sender,
            item=update_item(project, update, published_at=timezone.now()),
            streams=[f"project:{project.slug}"],
        )


def on_page_published(sender, instance, **kwargs):
    """Wagtail's ``page_published``: a followed page type, outside private sections (its
    first publication), or a collaborative's or its team's page (every publication)."""
    page = instance.specific
    streams, item = page_streams(page), None
    if not streams and (stream := collaborative_stream(page)):
        streams, item = [stream], collaborative_item(page)
    if not streams or page.first_published_at is None or not is_public(page):
        return
    translated = (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .exclude(pk=page.pk)
        .values_list("locale__language_code", flat=True)
    )
    with transaction.atomic():
        notify(item or page_item(page), streams, translated=list(translated))


def send_weekly_digests(now: datetime | None = None) -> int:
    """Each weekly follower's digest of the last seven days: one email per address per ISO
    week, however often this runs. Returns how many addresses had something new."""
    now = now or timezone.now()
    since = now - timedelta(days=7)
    week = emails.iso_week(timezone.localtime(now))
    default = settings.LANGUAGE_CODE
    followers = list(Subscription.objects.confirmed().filter(frequency=Frequency.WEEKLY))
    by_address: dict[str, list[Subscription]] = {}
    for subscription in followers:
        by_address.setdefault(subscription.email.lower(), []).append(subscription)
    stream_items: dict[str, list[Item]] = {}
    sent = 0
    for subscriptions in by_address.values():
        newest = _one_per_address(subscriptions)[0]
        language = emails.language_of(newest)
        seen: set[str] = set()
        sections = []
        for subscription in sorted(subscriptions, key=lambda s: s.stream):
            if subscription.stream not in stream_items:
                stream_items[subscription.stream] = registry.items_since(subscription.stream, since)
            items = [
                item
                for item in registry.for_language(
                    stream_items[subscription.stream], language, default
                )
                if item.published_at >= subscription.confirmed_at and item.group not in seen
            ]
            if items:
                seen.update(item.group for item in items)
                sections.append((subscription.stream, items))
        if sections:
            with transaction.atomic():
                emails.record_digest(newest, sections, week=week)
            sent += 1
    return sent


def newsletter_items(newsletter: Newsletter, language: str) -> list[Item]:
    """The issue's pages, each in ``language`` where it is live in it."""
    items = []
    for entry in newsletter.items.select_related("page"):
        page = entry.page
        versions = Page.objects.filter(translation_key=page.translation_key, live=True)
        chosen = (
            versions.filter(locale__language_code=language).first()
            or versions.filter(pk=page.pk).first()
        )
        if chosen is not None and is_public(chosen):
            items.append(page_item(chosen.specific))
    return items


def newsletter_recipients(newsletter: Newsletter) -> list[Subscription]:
    followers = Subscription.objects.confirmed()
    if newsletter.stream:
        followers = followers.filter(stream=newsletter.stream)
    return _one_per_address(followers)


def send_newsletter(newsletter: Newsletter) -> int:
    """Record the issue for every recipient (once per address, however often this is
    called) and mark it sent. Returns how many were recorded."""
    recipients = newsletter_recipients(newsletter)
    by_language: dict[str, list[Item]] = {}
    with transaction.atomic():
        for subscription in recipients:
            language = emails.language_of(subscription)
            if language not in by_language:
                by_language[language] = newsletter_items(newsletter, language)
            emails.record_newsletter(newsletter, subscription, by_language[language])
        if newsletter.sent_at is None:
            newsletter.sent_at = timezone.now()
            newsletter.save(update_fields=["sent_at"])
    return len(recipients)

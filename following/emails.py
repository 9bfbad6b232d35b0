"""Every email this app sends, each through the hub's outbox (``hub.outbox``), in the
follower's language, exactly once (its outbox key), with a one-click unsubscribe link in the
text and in the ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 2369 and
RFC 8058), except the confirmation, which subscribes nobody until it is used.

Keys name the address by a digest, never in clear: a person following a priority and a
topic gets a page tagged with both once, and one digest a week.
"""

import hashlib
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import OutboxEmail, hub_name

from . import registry
from .models import Subscription
from .registry import Item

CONFIRM_SALT = "following.confirm"


def address_key(email: str) -> str:
    """The address in an outbox key: a digest, so keys hold no address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]


def language_of(subscription: Subscription) -> str:
    offered = {code for code, _name in settings.LANGUAGES}
    return subscription.language if subscription.language in offered else settings.LANGUAGE_CODE


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscription.token)


def read_confirm_token(value: str) -> str | None:
    """The subscription token a confirmation link carries, or None when the link is forged
    or older than ``HUB_FOLLOW_CONFIRM_DAYS``."""
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            value, max_age=settings.HUB_FOLLOW_CONFIRM_DAYS * 86400
        )
    except signing.BadSignature:
        return None


def _url(name: str, *args, query: str = "") -> str:
    """An absolute link in the active language (the follower's)."""
    return absolute_url(reverse(name, args=args)) + query


def unsubscribe_url(subscription: Subscription, *, everything: bool = False) -> str:
    return _url("following:unsubscribe", subscription.token, query="?all=1" if everything else "")


def _unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _record(
    *, key, purpose, subscription, subject, template, context, unsubscribe=None
) -> OutboxEmail:
    context = {
        **context,
        "hub_name": hub_name(),
        "unsubscribe_url": unsubscribe,
        "LANGUAGE_CODE": translation.get_language(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }
    return outbox.record(
        key=key,
        purpose=purpose,
        to=subscription.email,
        subject=subject,
        body=render_to_string(f"following/emails/{template}.txt", context),
        html_body=render_to_string(f"following/emails/{template}.html", context),
        cause=subscription,
        language=translation.get_language(),
        headers=_unsubscribe_headers(unsubscribe) if unsubscribe else None,
    )


def record_confirmation(subscription: Subscription, *, day: str) -> OutboxEmail:
    """The double opt-in email: at most one per subscription per ``day`` (an ISO date), so
    asking again the same day sends nothing more."""
    with translation.override(language_of(subscription)):
        stream_name = registry.name_of(subscription.stream) or subscription.stream
        return _record(
            key=f"follow:confirm:{subscription.pk}:{day}",
            purpose=EmailPurpose.FOLLOW_CONFIRM,
            subscription=subscription,
            subject=_("Confirm you want emails about %(name)s") % {"name": stream_name},
            template="confirm",
            context={
                "subscription": subscription,
                "stream_name": stream_name,
                "confirm_url": _url("following:confirm", confirm_token(subscription)),
                "days": settings.HUB_FOLLOW_CONFIRM_DAYS,
            },
        )


def record_item(subscription: Subscription, item: Item) -> OutboxEmail:
    """Something new, as it happens: once per address per item, whichever of their
    streams it arrives through."""
    with translation.override(language_of(subscription)):
        stream_name = registry.name_of(subscription.stream) or subscription.stream
        return _record(
            key=f"follow:item:{address_key(subscription.email)}:{item.group}",
            purpose=EmailPurpose.FOLLOW_ITEM,
            subscription=subscription,
            subject=_("New on %(hub)s: %(title)s") % {"hub": hub_name(), "title": item.title},
            template="item",
            context={"item": item, "stream_name": stream_name},
            unsubscribe=unsubscribe_url(subscription),
        )


def record_digest(
    subscription: Subscription, sections: list[tuple[str, list[Item]]], *, week: str
) -> OutboxEmail:
    """The weekly digest of one address: once per address per ISO ``week``."""
    with translation.override(language_of(subscription)):
        return _record(
            key=f"follow:digest:{address_key(subscription.email)}:{week}",
            purpose=EmailPurpose.FOLLOW_DIGEST,
            subscription=subscription,
            subject=_("This week on %(hub)s") % {"hub": hub_name()},
            template="digest",
            context={"sections": sections},
            unsubscribe=unsubscribe_url(subscription, everything=True),
        )


def record_newsletter(newsletter, subscription: Subscription, items: list[Item]) -> OutboxEmail:
    """One issue of the newsletter to one address: once per address per issue."""
    with translation.override(language_of(subscription)):
        return _record(
            key=f"newsletter:{newsletter.pk}:{address_key(subscription.email)}",
            purpose=EmailPurpose.NEWSLETTER,
            subscription=subscription,
            subject=newsletter.subject,
            template="newsletter",
            context={"newsletter": newsletter, "items": items},
            unsubscribe=unsubscribe_url(subscription, everything=True),
        )


def iso_week(when: datetime) -> str:
    year, week, _day = when.isocalendar()
    return f"{year}-W{week:02d}"

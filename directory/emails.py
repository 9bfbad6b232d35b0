"""The email relaying a contact request to the coach, with Reply-To set to the requester so
the coach answers them directly. Plain text, plus an HTML version escaped by the template
engine (whatever a visitor typed is shown as text, never as markup).

It is recorded in the hub's outbox (:mod:`hub.outbox`) in the transaction that stores the
request (``views.contact``), and sent once that commits: retried with back-off on failure,
never lost, never sent twice. The admin's contact requests show where it is
(``ContactRequest.relay``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import HubSettings, OutboxEmail

from .models import ContactRequest


@dataclass(frozen=True)
class RelayContent:
    subject: str
    body: str
    html_body: str


def _hub_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return HubSettings.for_site(site).hub_name or settings.WAGTAIL_SITE_NAME


def relay_key(contact) -> str:
    """The outbox key of the one email relaying ``contact``."""
    return f"coach-contact:{contact.pk}"


def relay_content(contact, *, coach, hub_name: str) -> RelayContent:
    """The message for ``contact``'s coach, in the hub's main language. Reads only plain
    fields, so the data migration that moved queued relays into the outbox
    (``0003_move_contact_relays_to_outbox``) renders it the same way."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contact": contact,
            "coach": coach,
            "hub_name": hub_name,
            "support": contact.get_support_wanted_display(),
            "admin_url": absolute_url(reverse("coach_contact_requests:inspect", args=[contact.pk])),
        }
        subject = _("%(hub)s: %(name)s would like to talk to you") % {
            "hub": hub_name,
            "name": contact.name,
        }
        return RelayContent(
            subject=subject,
            body=render_to_string("directory/emails/contact_relay.txt", context),
            html_body=render_to_string("directory/emails/contact_relay.html", context),
        )


def record_contact_relay(contact: ContactRequest) -> OutboxEmail:
    """Record the email to ``contact``'s coach in the outbox, in the caller's transaction.

    A coach with no address to relay to (no private contact email, no account email) gets
    it recorded as failed at once, with the reason: the request stays stored and hub editors
    see why in the admin.
    """
    coach = contact.coach
    address = coach.contact_address
    content = relay_content(contact, coach=coach, hub_name=_hub_name())
    with translation.override(settings.LANGUAGE_CODE):
        return outbox.record(
            key=relay_key(contact),
            purpose=EmailPurpose.COACH_CONTACT,
            to=address,
            reply_to=contact.email,
            subject=content.subject,
            body=content.body,
            html_body=content.html_body,
            cause=contact,
            undeliverable=""
            if address
            else f"Coach profile {coach.pk} has no email address for contact requests",
        )

"""The email relaying a contact request to the coach, with Reply-To set to the requester so
the coach answers them directly. Plain text, plus an HTML version escaped by the template
engine (whatever a visitor typed is shown as text, never as markup).

When the outbox gives up on that email (``hub.outbox.email_given_up``: no address, or every
retry failed), :func:`notify_requester_of_failed_relay` writes to the requester, in the
language they wrote in, that the coach has not received their message and what to do
instead; hub editors see the failure on their admin dashboard (``wagtail_hooks``).

It is recorded in the hub's outbox (:mod:`hub.outbox`) in the transaction that stores the
request (``views.contact``), and sent once that commits: retried with back-off on failure,
never lost, never sent twice. The admin's contact requests show where it is
(``ContactRequest.relay``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import HubSettings, OutboxEmail, hub_name

from .models import ContactRequest


@dataclass(frozen=True)
class RelayContent:
    subject: str
    body: str
    html_body: str


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
    content = relay_content(contact, coach=coach, hub_name=hub_name())
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


def undelivered_key(contact) -> str:
    """The outbox key of the one email telling ``contact``'s sender it was not relayed."""
    return f"coach-contact-undelivered:{contact.pk}"


def requester_language(contact) -> str:
    """The language to write to the requester in: the one they wrote in, if the hub still
    offers it, else the hub's main language."""
    offered = {code for code, _name in settings.LANGUAGES}
    return contact.language if contact.language in offered else settings.LANGUAGE_CODE


def record_undelivered_notice(contact: ContactRequest) -> OutboxEmail:
    """Record the email telling the requester that the coach did not get their message,
    in their language, in the caller's transaction (once per request)."""
    name = hub_name()
    hub_settings = HubSettings.for_default_site()
    with translation.override(requester_language(contact)):
        context = {
            "contact": contact,
            "coach": contact.coach,
            "hub_name": name,
            "directory_url": absolute_url(reverse("directory:index")) + "?capacity=open",
            "team_email": hub_settings.huddle_contact_email if hub_settings else "",
        }
        subject = _("%(hub)s: your message to %(coach)s could not be delivered") % {
            "hub": name,
            "coach": contact.coach.display_name,
        }
        return outbox.record(
            key=undelivered_key(contact),
            purpose=EmailPurpose.CONTACT_UNDELIVERED,
            to=contact.email,
            subject=subject,
            body=render_to_string("directory/emails/contact_undelivered.txt", context),
            html_body=render_to_string("directory/emails/contact_undelivered.html", context),
            cause=contact,
        )


def notify_requester_of_failed_relay(sender, email: OutboxEmail, **kwargs) -> None:
    """``hub.outbox.email_given_up`` receiver: a relay to a coach failed for good."""
    if email.purpose != EmailPurpose.COACH_CONTACT or email.cause_id is None:
        return
    contact = (
        ContactRequest.objects.filter(pk=email.cause_id).select_related("coach").first()
        if email.cause_type_id == _contact_type_id()
        else None
    )
    if contact is None:
        return  # deleted meanwhile: nobody left to tell
    with transaction.atomic():
        record_undelivered_notice(contact)


def _contact_type_id() -> int:
    return ContentType.objects.get_for_model(ContactRequest).pk

"""The email relaying a contact request to the coach, with Reply-To set to the requester so
the coach answers them directly. Plain text, plus an HTML version escaped by the template
engine (whatever a visitor typed is shown as text, never as markup)."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from hub.links import absolute_url
from hub.models import HubSettings

from .models import ContactRequest


@dataclass(frozen=True)
class RelayEmail:
    subject: str
    body: str
    html_body: str
    to: list[str]
    reply_to: list[str]


def _hub_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return HubSettings.for_site(site).hub_name or settings.WAGTAIL_SITE_NAME


def relay_email(contact: ContactRequest) -> RelayEmail:
    """The message for ``contact``'s coach. Raises ``ValueError`` when the coach has no
    address to relay to (the request stays stored; hub editors see it in the admin)."""
    coach = contact.coach
    address = coach.contact_address
    if not address:
        raise ValueError(f"Coach profile {coach.pk} has no email address for contact requests")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contact": contact,
            "coach": coach,
            "hub_name": _hub_name(),
            "support": contact.get_support_wanted_display(),
            "admin_url": absolute_url(reverse("coach_contact_requests:inspect", args=[contact.pk])),
        }
        subject = _("%(hub)s: %(name)s would like to talk to you") % {
            "hub": context["hub_name"],
            "name": contact.name,
        }
        body = render_to_string("directory/emails/contact_relay.txt", context)
        html_body = render_to_string("directory/emails/contact_relay.html", context)
    return RelayEmail(
        subject=subject,
        body=body,
        html_body=html_body,
        to=[address],
        reply_to=[contact.email],
    )

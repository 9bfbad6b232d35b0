"""The emails "Share your work" sends, each recorded in the hub's one outbox
(:mod:`hub.outbox`) inside the transaction that caused it, under a key naming it, so each is
sent exactly once after the commit:

- the sender's receipt, with the reference;
- a notice to each of the partner's editors (hub editors when the case study went to the
  hub-wide listing), linking to the draft in the admin. It names the sender, who works for
  the partner, so that editors can ask them about it;
- the sender's "it's live" email, the first time the page is published
  (``sharing.signals``);
- the continue-later link.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url
from hub.models import hub_name
from pages.models import PartnerPage

# The group's name is the contract (hub.access, project wiring, creates it).
HUB_EDITORS = "Hub editors"


def _record(key, *, purpose, to, subject, template, context, cause):
    context = {"hub_name": hub_name(), **context}
    return outbox.record(
        key=key,
        purpose=purpose,
        to=to,
        subject=subject,
        body=render_to_string(f"sharing/emails/{template}.txt", context).strip() + "\n",
        html_body=render_to_string(f"sharing/emails/{template}.html", context),
        cause=cause,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def editors_for(parent):
    """Who finishes a case study under ``parent``: the active members of the partner's
    editors group, or of the hub editors group for the hub-wide listing."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    parent = parent.specific
    if isinstance(parent, PartnerPage):
        group = parent.organisation.editors_group if parent.organisation_id else None
        return users.filter(groups=group).order_by("pk") if group else users.none()
    return users.filter(groups__name=HUB_EDITORS).order_by("pk")


def record_submitted(shared, *, parent) -> None:
    """The receipt to the sender and the notice to each editor."""
    page = shared.page
    with translation.override(shared.language or settings.LANGUAGE_CODE):
        _record(
            f"sharing:receipt:{shared.reference}",
            purpose=EmailPurpose.SHARE_RECEIPT,
            to=shared.submitter_email,
            subject=_("We have your case study %(reference)s") % {"reference": shared.reference},
            template="receipt",
            context={"shared": shared, "title": page.title},
            cause=shared,
        )
    edit_url = absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    files_url = absolute_url(reverse("sharing_admin:detail", args=[shared.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        for editor in editors_for(parent):
            _record(
                f"sharing:editors:{shared.reference}:{editor.pk}",
                purpose=EmailPurpose.SHARE_EDITORS,
                to=editor.email,
                subject=_("A case study was shared with you: %(title)s") % {"title": page.title},
                template="editors",
                context={
                    "shared": shared,
                    "title": page.title,
                    "section": parent.title,
                    "edit_url": edit_url,
                    "files_url": files_url,
                },
                cause=shared,
            )


def record_live(shared, page) -> None:
    """Tell the sender their case study is live (once: the key names the record)."""
    if not shared.submitter_email:
        return  # their details were removed already
    with translation.override(shared.language or settings.LANGUAGE_CODE):
        _record(
            f"sharing:live:{shared.reference}",
            purpose=EmailPurpose.SHARE_LIVE,
            to=shared.submitter_email,
            subject=_("Your case study is live: %(title)s") % {"title": page.title},
            template="live",
            context={"shared": shared, "title": page.title, "url": absolute_url(page.url)},
            cause=shared,
        )


def record_continue_link(draft, *, to: str, continue_url: str, expires_at):
    return _record(
        f"sharing:continue:{draft.pk}:{get_random_string(12)}",
        purpose=EmailPurpose.SHARE_CONTINUE_LINK,
        to=to,
        subject=_("Continue sharing your case study"),
        template="continue_later",
        context={"continue_url": continue_url, "expires_at": expires_at},
        cause=draft,
    )

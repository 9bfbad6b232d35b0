"""The newsletter's preview and send page in the admin (hub editors)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from hub.models import hub_name

from .models import Newsletter
from .sending import newsletter_items, newsletter_recipients, send_newsletter

SEND_PERMISSION = "following.send_newsletter"


def send(request, pk):
    """GET: the email as followers will read it (in the editor's language) and how many will
    get it. POST: record it for each of them, once."""
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    newsletter = get_object_or_404(Newsletter, pk=pk)
    if request.method == "POST":
        count = send_newsletter(newsletter)
        messages.success(
            request,
            ngettext(
                "The newsletter is on its way to %(count)s address.",
                "The newsletter is on its way to %(count)s addresses.",
                count,
            )
            % {"count": count},
        )
        return redirect("wagtailsnippets_following_newsletter:list")
    language = get_language() or settings.LANGUAGE_CODE
    preview = render_to_string(
        "following/emails/newsletter.html",
        {
            "newsletter": newsletter,
            "items": newsletter_items(newsletter, language),
            "hub_name": hub_name(),
            "unsubscribe_url": "#",
        },
    )
    return TemplateResponse(
        request,
        "following/admin/send.html",
        {
            "newsletter": newsletter,
            "preview": preview,
            "recipients": len(newsletter_recipients(newsletter)),
            "header_title": _("Send a newsletter"),
        },
    )

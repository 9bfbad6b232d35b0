"""Newsletters in the admin: hub editors write them as snippets (subject, introduction,
chosen pages), preview and send them (``admin_views.send``); and a read-only count of
subscriptions for them (addresses are never listed)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Newsletter


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    add_to_admin_menu = True
    menu_order = 450
    list_display = ["subject", "stream", Column("sent_at", label=_("Sent")), "created_at"]


register_snippet(NewsletterViewSet)


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [path("newsletters/<int:pk>/send/", admin_views.send, name="following_send")]


@hooks.register("register_snippet_listing_buttons")
def newsletter_send_button(snippet, user, next_url=None):
    if isinstance(snippet, Newsletter) and user.has_perm(admin_views.SEND_PERMISSION):
        yield ListingButton(
            _("Preview and send"),
            reverse("following_send", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )

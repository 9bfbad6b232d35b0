from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import privacy, signin
from .models import Audience, Organisation, Place, Priority, QIMethod, Topic


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "organisation_type", "place", "website", "locale"]
    list_filter = ["organisation_type", "place", "locale"]
    list_export = ["name", "slug", "organisation_type", "website", "summary"]
    search_fields = ["name"]
    ordering = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]
    list_export = ["name", "slug", "kind", "parent", "description"]
    search_fields = ["name"]
    ordering = ["name"]


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "pick"
    menu_label = _("System priorities")
    list_display = ["name", "sort_order", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "description", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]


class QIMethodViewSet(SnippetViewSet):
    model = QIMethod
    icon = "cogs"
    menu_label = _("QI methods")
    list_display = ["name", "sort_order", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "description", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "user"
    menu_label = _("Audiences")
    list_display = ["name", "sort_order", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class TaxonomiesGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        OrganisationViewSet,
        PlaceViewSet,
        PriorityViewSet,
        QIMethodViewSet,
        AudienceViewSet,
        TopicViewSet,
    )


register_snippet(TaxonomiesGroup)


# Sign-in lockouts (hub/signin.py): hub editors see and lift them.


@hooks.register("register_admin_urls")
def register_signin_urls():
    return signin.admin_urls


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(signin.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        _("Sign-in lockouts"), signin.lockouts_url(), icon_name="lock", order=900
    )


# Privacy rights (hub/privacy.py): hub editors and data-protection officers.


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return privacy.admin_urls


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(privacy.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_privacy_menu_item():
    return PrivacyMenuItem(_("Personal data"), reverse("hub_privacy"), icon_name="user", order=910)

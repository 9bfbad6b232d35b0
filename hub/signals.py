from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from wagtail.models import Page

from pages.models import CollaborativeTeamPage, PartnerPage

from . import access, links


def _is_last_app(sender) -> bool:
    # post_migrate is sent once per app; these act once, after the last app, when every
    # table and permission (Wagtail's included) exists.
    return sender is [config for config in apps.get_app_configs() if config.models_module][-1]


@receiver(post_migrate)
def sync_access_after_migrate(sender, **kwargs):
    if _is_last_app(sender) and Page.get_first_root_node() is not None:
        # (No page tree means a flushed test database: nothing to give access to.)
        access.sync_access()


@receiver(post_migrate)
def sync_site_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    # Every deployment runs migrate, so the Site record follows HUB_BASE_URL without anyone
    # remembering to edit it in the admin.
    if _is_last_app(sender):
        links.sync_default_site(using=using)


@receiver(post_save, sender=PartnerPage)
def give_partner_editors_their_section(sender, instance, raw=False, **kwargs):
    if not raw:
        access.ensure_partner_access(instance)


@receiver(post_save, sender=CollaborativeTeamPage)
def give_team_editors_their_team(sender, instance, raw=False, **kwargs):
    if not raw:
        access.ensure_team_access(instance)

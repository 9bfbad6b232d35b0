from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from wagtail.models import Page

from . import access


@receiver(post_migrate)
def sync_access_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app; act once, after the last app, when every
    # permission (Wagtail's included) exists.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last and Page.get_first_root_node() is not None:
        # (No page tree means a flushed test database: nothing to give access to.)
        access.sync_access()

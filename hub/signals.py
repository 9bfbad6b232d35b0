from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from . import access


@receiver(post_migrate)
def sync_access_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app; act once, after the last app, when every
    # permission (Wagtail's included) exists.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last:
        access.sync_access()

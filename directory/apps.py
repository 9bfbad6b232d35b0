from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_fixed_options(sender, **kwargs):
    # The offer and way-of-working rows profiles link to: after every migrate, and after a
    # test database flush (which empties tables the data migration filled).
    # (Imported here: apps.py loads before the app registry is ready, models.py after.)
    from .models import Offer, WorkingMode

    Offer.ensure_rows()
    WorkingMode.ensure_rows()


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Coach and mentor directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (permissions.py imports the models).
        from hub import page_cache
        from hub.models import OutboxEmail
        from hub.outbox import email_given_up

        from . import privacy
        from .emails import notify_requester_of_failed_relay
        from .permissions import register_policies

        register_policies()
        privacy.register_personal_data()
        email_given_up.connect(
            notify_requester_of_failed_relay,
            sender=OutboxEmail,
            dispatch_uid="directory.notify_requester_of_failed_relay",
        )
        # Contact requests are private; everything else is on the coach directory's pages.
        page_cache.watch_app(self, ignore=("ContactRequest",))
        post_migrate.connect(_ensure_fixed_options, sender=self)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _erase(rows) -> int:
    """Deleting a subscription deletes its outbox emails too (``Subscription.emails``)."""
    count = rows.count()
    rows.delete()
    return count


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = "Following topics by email"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (these modules import the models).
        from wagtail.signals import page_published

        from hub import page_cache, personal_data
        from pages.signals import project_update_published

        from .models import Subscription
        from .sending import on_item_published, on_page_published, on_project_update
        from .signals import item_published
        from .streams import register_builtin

        register_builtin()
        page_published.connect(on_page_published, dispatch_uid="following.on_page_published")
        item_published.connect(on_item_published, dispatch_uid="following.on_item_published")
        project_update_published.connect(
            on_project_update, dispatch_uid="following.on_project_update"
        )
        # Subscriptions are private; newsletters are sent, never shown on a page.
        page_cache.watch_app(self, ignore=("Subscription", "Newsletter", "NewsletterItem"))
        personal_data.register(
            personal_data.PersonalData(
                key="following.subscriptions",
                label=_("Email subscriptions to topics"),
                model=Subscription,
                email_lookups=("email",),
                fields=("email", "stream", "frequency", "language", "created_at", "confirmed_at"),
                retention=_(
                    "Until you unsubscribe (deleted at once). A subscription never confirmed "
                    "is deleted after a few days."
                ),
                lawful_basis=_("Consent (UK GDPR Article 6(1)(a)), given by confirming."),
                erase=_erase,
                expired=lambda now: Subscription.objects.expired(now),
            )
        )

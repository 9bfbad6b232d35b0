from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _erase_people(rows) -> int:
    return rows.update(former_owner=None, last_reviewed_by=None)


class UpkeepConfig(AppConfig):
    name = "upkeep"
    verbose_name = "Content health"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (these modules import models).
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_save

        from hub import page_cache, personal_data

        from . import signals
        from .models import PageUpkeep, ProfileUpkeep
        from .panels import add_upkeep_panels

        user_model = get_user_model()
        post_save.connect(signals.owner_saved, sender=user_model, dispatch_uid="upkeep.owner_saved")
        m2m_changed.connect(
            signals.groups_changed,
            sender=user_model.groups.through,
            dispatch_uid="upkeep.groups_changed",
        )
        add_upkeep_panels()
        # Public pages show the review date (PageUpkeep) and the overdue flag (settings);
        # the link checker's findings are for editors only.
        page_cache.watch_app(self, ignore=("Link",))
        personal_data.register(
            personal_data.PersonalData(
                key="upkeep.reviews",
                label=_("Content review records (who reviewed a page, who owned it)"),
                model=PageUpkeep,
                email_lookups=("former_owner__email", "last_reviewed_by__email"),
                fields=("former_owner", "last_reviewed_by"),
                retention=_("As long as the page exists; cleared when the account is erased."),
                lawful_basis=_(
                    "Legitimate interests: keeping published content accurate and accountable."
                ),
                erase=_erase_people,
            )
        )
        personal_data.register(
            personal_data.PersonalData(
                key="upkeep.profile_reviews",
                label=_("Coach profile review records (who reviewed a profile, whose it was)"),
                model=ProfileUpkeep,
                email_lookups=("former_owner__email", "last_reviewed_by__email"),
                fields=("former_owner", "last_reviewed_by"),
                retention=_("As long as the profile exists; cleared when the account is erased."),
                lawful_basis=_(
                    "Legitimate interests: keeping published content accurate and accountable."
                ),
                erase=_erase_people,
            )
        )

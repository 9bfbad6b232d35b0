from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from hub import page_cache

        from . import privacy
        from .documents import remember_file_metadata
        from .models import ProjectPage, announce_new_updates

        pre_save.connect(
            remember_file_metadata,
            sender=get_document_model(),
            dispatch_uid="pages.documents.remember_file_metadata",
        )

        privacy.register_personal_data()
        # A project's new progress updates are announced once, when first published.
        page_published.connect(
            lambda sender, instance, **kwargs: announce_new_updates(instance),
            sender=ProjectPage,
            weak=False,
            dispatch_uid="pages.projects.announce_new_updates",
        )

        # Pages by Wagtail's publishing signals; their parts, and adoptions, by any change.
        # Which project updates were announced is bookkeeping no page shows.
        page_cache.watch_app(self, ignore=("AnnouncedProjectUpdate",))

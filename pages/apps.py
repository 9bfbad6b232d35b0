from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.documents import get_document_model

        from hub import page_cache

        from . import privacy
        from .documents import remember_file_metadata

        pre_save.connect(
            remember_file_metadata,
            sender=get_document_model(),
            dispatch_uid="pages.documents.remember_file_metadata",
        )

        privacy.register_personal_data()

        # Pages by Wagtail's publishing signals; their parts, and adoptions, by any change.
        page_cache.watch_app(self)

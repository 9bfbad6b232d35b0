from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "Share your work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (privacy.py and signals.py import the models).
        from hub import page_cache

        from . import signals
        from .privacy import register_personal_data

        signals.connect()
        # Nothing a public page shows: the case study drafts are pages, watched by pages.
        page_cache.watch_app(self, ignore=("ShareDraft", "ShareAttachment", "SharedWork"))
        register_personal_data()

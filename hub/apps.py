from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Improvement Hub"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every app's models are loaded: both import the apps.
        from . import (  # noqa: F401
            api,
            page_cache,
            per_request,
            privacy,
            signals,
            signin,
            spreadsheets,
            two_factor,
        )

        per_request.connect()

        # Cached public pages are dropped when anything they show changes.
        page_cache.connect()
        page_cache.watch_app(self, ignore=("OutboxEmail", "PrivacyAudit"))
        # Personal data the hub itself holds (emails, accounts, sign-in records).
        privacy.register_personal_data()

        # Before anything reads api.urls: the hub's routers join Wagtail's v3 API.
        api.install()
        # Wagtail's CSV exports (list_export, reports) escape formulas like the hub's own.
        spreadsheets.protect_wagtail_exports()

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Hub search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (the signals import the search documents' models).
        from . import signals

        signals.connect()

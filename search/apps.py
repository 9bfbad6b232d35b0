from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Hub search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()

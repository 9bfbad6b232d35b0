from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Improvement Hub"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

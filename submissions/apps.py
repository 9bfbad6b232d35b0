from django.apps import AppConfig
from django.core import checks


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Idea submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the clocks read models, which need the app registry.
        from .huddle.clocks import check_holiday_calendar

        checks.register(check_holiday_calendar)

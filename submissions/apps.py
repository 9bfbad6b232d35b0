from django.apps import AppConfig
from django.core import checks


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Idea submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the clocks read models, which need the app registry.
        from hub import page_cache

        from . import privacy
        from .huddle.clocks import check_holiday_calendar

        checks.register(check_holiday_calendar)
        privacy.register_personal_data()
        # Ideas and the huddle's work are never on a public page (a case study drafted from an
        # idea is a page, published like any other); their benefits are, added up (/benefits/).
        page_cache.watch_app(
            self,
            ignore=tuple(m.__name__ for m in self.get_models() if m.__name__ != "Benefit"),
        )

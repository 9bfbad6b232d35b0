from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback and impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these read models, which need the app registry.
        from hub import page_cache, personal_data
        from submissions.transitions import decided

        from . import survey
        from .models import SubmitterSurvey

        # Nothing here is shown on a public page.
        page_cache.watch_app(self, ignore=tuple(m.__name__ for m in self.get_models()))
        decided.connect(survey.on_decision, dispatch_uid="feedback.survey.on_decision")
        personal_data.register(
            personal_data.PersonalData(
                key="feedback.surveys",
                label=_("Answers to the survey about a decision on your idea"),
                model=SubmitterSurvey,
                email_lookups=("submission__submitter_email",),
                fields=("comment",),
                retention=_(
                    "Linked to your idea only while the idea keeps your personal data; "
                    "after that the answers are anonymous."
                ),
                lawful_basis=_("Public task (improving the service)"),
                erase=survey.erase_surveys,
                expired=survey.linked_to_purged_ideas,
            )
        )

"""The steps of "Share your work", in order (``hub.multistep``)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hub import multistep
from hub.multistep import StepSequence

from . import forms


@dataclass(frozen=True)
class Step(multistep.Step):
    namespace = "sharing"

    template_name: str = "sharing/step.html"


STEPS = StepSequence(
    (
        Step(
            "about-you",
            _("About you"),
            forms.AboutYouForm,
            _(
                "Your partner's editors use these details to contact you about the case "
                "study. They are not published unless you agree to be named as the contact."
            ),
        ),
        Step(
            "the-work",
            _("Your work"),
            forms.WorkForm,
            _("Tell the story of your improvement in your own words. Editors will help polish it."),
        ),
        Step(
            "measures",
            _("Your measure"),
            forms.MeasureForm,
            _(
                "One measure that shows what changed, with its data over time. You can skip "
                "this step and editors can add measures later."
            ),
            template_name="sharing/step_measures.html",
        ),
        Step(
            "files",
            _("Files"),
            forms.FilesForm,
            template_name="sharing/step_files.html",
        ),
        Step("consent", _("Publication and privacy"), forms.ConsentForm),
    )
)

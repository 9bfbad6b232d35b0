"""The order of the idea form's steps (``hub.multistep``), and how each answer reads on the
check page."""

from dataclasses import dataclass

from django import forms as django_forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from hub import multistep
from hub.fields import MultipleChoiceListField
from hub.multistep import HONEYPOT_FIELD, StepSequence, SummaryRow, names_of
from submissions.models import IdeaSubmission

from . import forms


@dataclass(frozen=True)
class Step(multistep.Step):
    namespace = "submissions"

    template_name: str = "submissions/step.html"
    # Whether the step's answers describe the idea (the huddle reads them as a section of
    # "What was submitted", under ``answers_heading``) rather than the submitter or consent.
    about_the_idea: bool = True
    answers_heading: str = ""

    @property
    def heading(self) -> str:
        """The step's heading in the huddle's "What was submitted"."""
        return self.answers_heading or self.title


STEPS = StepSequence(
    (
        Step(
            "about-you",
            _("About you"),
            forms.AboutYouForm,
            _("We use these details to reply to you. They are never published."),
            about_the_idea=False,
        ),
        Step(
            "your-idea",
            _("Your idea"),
            forms.IdeaForm,
            _("Tell us what you would like to improve, in your own words."),
            answers_heading=_("The idea"),
        ),
        Step("aim", _("Your aim"), forms.AimForm, answers_heading=_("Aim")),
        Step(
            "measures",
            _("How you will know it is an improvement"),
            forms.MeasuresForm,
            _(
                "Measures show whether a change is an improvement. Answer what you can: if you "
                "are not sure, leave these blank and a coach will help you."
            ),
            answers_heading=_("Measures"),
        ),
        Step(
            "changes", _("Changes you could test"), forms.ChangesForm, answers_heading=_("Changes")
        ),
        Step(
            "scope", _("Scope and system priorities"), forms.ScopeForm, answers_heading=_("Scope")
        ),
        Step(
            "populations",
            _("Populations and inequalities"),
            forms.PopulationsForm,
            _(
                "Core20PLUS5 is the NHS approach to reducing health inequalities. Answer what you "
                "can; “Not sure” is fine."
            ),
        ),
        Step("involvement", _("Involvement and digital"), forms.InvolvementForm),
        Step(
            "support",
            _("Support and files"),
            forms.SupportForm,
            template_name="submissions/step_support.html",
            answers_heading=_("Support wanted"),
        ),
        Step(
            "consent",
            _("Privacy notice"),
            forms.ConsentForm,
            template_name="submissions/step_consent.html",
            about_the_idea=False,
        ),
    )
)
STEPS_BY_SLUG = STEPS.by_slug


def _model_field(name: str):
    """The idea's field that stores the answer ``name``, or None (honeypot, files, consent)."""
    try:
        return IdeaSubmission._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _choice_labels(field) -> dict:
    """How the stored values of a choice answer read, from the model: ``{value: label}``."""
    if isinstance(field, MultipleChoiceListField):
        return dict(field.choices_enum.choices)
    if field is not None and field.choices and not field.is_relation:
        return dict(field.flatchoices)
    return {}


def summary_rows(step: Step, answers: dict, draft=None) -> list[SummaryRow]:
    """Rows for the check page: every visible question of ``step``, answered or not."""
    form = step.form_class(draft=draft)
    rows = []
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        if isinstance(field, django_forms.FileField):
            files = [attachment.original_name for attachment in (form.existing_attachments())]
            rows.append(SummaryRow(str(_("Files")), files, name))
            continue
        if isinstance(field, django_forms.BooleanField):
            value = [str(_("Yes"))] if answers.get(name) else []
            rows.append(SummaryRow(str(_("Agreed to the privacy notice")), value, name))
            continue
        value = answers.get(name, "")
        values = value if isinstance(value, list) else [value] if value else []
        model_field = _model_field(name)
        labels = _choice_labels(model_field)
        if name == "organisation" and value == forms.OTHER:
            lines = []  # the typed name is its own row
        elif model_field is not None and model_field.is_relation:
            lines = names_of(model_field.related_model, values)
        elif labels:
            if name == "proposed_route":
                labels[forms.NOT_SURE] = _("Not sure")
            lines = [str(labels.get(item, item)) for item in values]
        else:
            lines = [value] if value else []
        rows.append(SummaryRow(str(field.label), lines, name))
    return rows

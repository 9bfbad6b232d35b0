"""The order of the idea form's steps, and how each answer reads on the check page."""

from dataclasses import dataclass

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _

from hub.models import Organisation, Priority

from . import forms
from .enums import (
    AdultClinicalArea,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    Route,
    SubmitterType,
    SupportWanted,
)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type[forms.StepForm]
    introduction: str = ""
    template_name: str = "submissions/step.html"

    @property
    def url_name(self) -> str:
        return f"submissions:{self.slug}"


STEPS: tuple[Step, ...] = (
    Step(
        "about-you",
        _("About you"),
        forms.AboutYouForm,
        _("We use these details to reply to you. They are never published."),
    ),
    Step(
        "your-idea",
        _("Your idea"),
        forms.IdeaForm,
        _("Tell us what you would like to improve, in your own words."),
    ),
    Step("aim", _("Your aim"), forms.AimForm),
    Step(
        "measures",
        _("How you will know it is an improvement"),
        forms.MeasuresForm,
        _(
            "Measures show whether a change is an improvement. Answer what you can: if you "
            "are not sure, leave these blank and a coach will help you."
        ),
    ),
    Step("changes", _("Changes you could test"), forms.ChangesForm),
    Step("scope", _("Scope and system priorities"), forms.ScopeForm),
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
    ),
    Step(
        "consent",
        _("Privacy notice"),
        forms.ConsentForm,
        template_name="submissions/step_consent.html",
    ),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
STEP_SLUGS = [step.slug for step in STEPS]

# How stored values read: the enum for each choice field.
_CHOICE_LABELS = {
    "submitter_type": SubmitterType,
    "proposed_route": Route,
    "core20": Core20,
    "plus_groups": PlusGroup,
    "adult_clinical_areas": AdultClinicalArea,
    "child_clinical_areas": ChildClinicalArea,
    "involvement": Involvement,
    "support_wanted": SupportWanted,
}
_MODEL_FIELDS = {
    "organisation": Organisation,
    "organisations_involved": Organisation,
    "priorities": Priority,
}


def step_index(slug: str) -> int:
    return STEP_SLUGS.index(slug)


def first_incomplete_step(draft) -> Step | None:
    data = draft.data if draft else {}
    for step in STEPS:
        if step.slug not in data:
            return step
    return None


def previous_step(step: Step) -> Step | None:
    index = step_index(step.slug)
    return STEPS[index - 1] if index else None


def next_step(step: Step) -> Step | None:
    index = step_index(step.slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


@dataclass
class SummaryRow:
    label: str
    value: list[str]  # one entry per line or item
    field_name: str


def _names(model, pks):
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    names = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids if pk in names]


def summary_rows(step: Step, answers: dict, draft=None) -> list[SummaryRow]:
    """Rows for the check page: every visible question of ``step``, answered or not."""
    form = step.form_class(draft=draft)
    rows = []
    for name, field in form.fields.items():
        if name == forms.HONEYPOT_FIELD:
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
        if name == "organisation" and value == forms.OTHER:
            lines = []  # the typed name is its own row
        elif name in _MODEL_FIELDS:
            pks = value if isinstance(value, list) else [value] if value else []
            lines = _names(_MODEL_FIELDS[name], pks)
        elif name in _CHOICE_LABELS:
            enum = _CHOICE_LABELS[name]
            values = value if isinstance(value, list) else [value] if value else []
            labels = dict(enum.choices)
            if name == "proposed_route":
                labels[forms.NOT_SURE] = _("Not sure")
            lines = [str(labels.get(item, item)) for item in values]
        else:
            lines = [value] if value else []
        rows.append(SummaryRow(str(field.label), lines, name))
    return rows

"""From a completed idea to a draft case study, for an editor to finish and publish.

:func:`draft_case_study` copies the idea's Model for Improvement answers (problem, aim,
measures, change ideas, organisations, priorities, inequalities, involvement) into a new,
unpublished :class:`~pages.models.CaseStudyPage` in the chosen section. Nothing about the
submitter is copied (no name, email, role or contact); the page's contact is a role the
editor fills in. The page goes through the usual review workflow when the editor submits it.
"""

import uuid

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page

from hub.dates import date_format
from hub.enums import Core20Plus5, InvolvementLevel
from pages.case_study_drafts import NotACaseStudySection, add_draft
from pages.enums import MeasureType
from pages.models import CaseStudyIndexPage, CaseStudyPage, PartnerPage
from pages.models.case_studies import CaseStudyMeasure
from submissions.enums import (
    AdultClinicalArea,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    Status,
)


class CannotDraftCaseStudy(Exception):  # noqa: N818
    pass


CLINICAL_AREAS = {
    AdultClinicalArea.MATERNITY: Core20Plus5.MATERNITY,
    AdultClinicalArea.SEVERE_MENTAL_ILLNESS: Core20Plus5.SEVERE_MENTAL_ILLNESS,
    AdultClinicalArea.CHRONIC_RESPIRATORY: Core20Plus5.RESPIRATORY,
    AdultClinicalArea.EARLY_CANCER_DIAGNOSIS: Core20Plus5.EARLY_CANCER,
    AdultClinicalArea.HYPERTENSION_LIPIDS: Core20Plus5.HYPERTENSION,
    ChildClinicalArea.ASTHMA: Core20Plus5.CYP_ASTHMA,
    ChildClinicalArea.DIABETES: Core20Plus5.CYP_DIABETES,
    ChildClinicalArea.EPILEPSY: Core20Plus5.CYP_EPILEPSY,
    ChildClinicalArea.ORAL_HEALTH: Core20Plus5.CYP_ORAL_HEALTH,
    ChildClinicalArea.MENTAL_HEALTH: Core20Plus5.CYP_MENTAL_HEALTH,
}
# What the submitter said at the start; the editor confirms how it turned out.
INVOLVEMENT = {
    Involvement.LEADING: InvolvementLevel.LED,
    Involvement.INVOLVED: InvolvementLevel.INVOLVED,
}


def organisations_of(submission) -> list:
    """The organisations that took the idea on (or were involved, or submitted it)."""
    return (
        list(submission.route_organisations.all())
        or list(submission.organisations_involved.all())
        or ([submission.organisation] if submission.organisation_id else [])
    )


def sections_for(submission):
    """Where the case study may go: the section of the idea's project in progress, the
    partner sections of the organisations that took the idea on (or were involved, or
    submitted it), then the hub-wide case study listing."""
    organisations = organisations_of(submission)
    project_section = (
        list(PartnerPage.objects.filter(pk=submission.project.get_parent().pk))
        if submission.project_id
        else []
    )
    partners = list(
        PartnerPage.objects.filter(
            organisation__in=organisations, locale__language_code="en"
        ).order_by("title")
    ) or list(PartnerPage.objects.filter(locale__language_code="en").order_by("title"))
    indexes = list(CaseStudyIndexPage.objects.filter(locale__language_code="en").order_by("path"))
    return [*project_section, *(p for p in partners if p not in project_section), *indexes]


def _inequalities(submission) -> list[str]:
    values = []
    if submission.core20 == Core20.YES:
        values.append(Core20Plus5.CORE20.value)
    if any(group not in (PlusGroup.NOT_SURE,) for group in submission.plus_groups):
        values.append(Core20Plus5.PLUS_GROUPS.value)
    for area in [*submission.adult_clinical_areas, *submission.child_clinical_areas]:
        if area in CLINICAL_AREAS:
            values.append(CLINICAL_AREAS[area].value)
    return values


def _rich(text: str) -> str:
    return linebreaks(escape(text.strip())) if text.strip() else ""


def _cycles(submission) -> list[dict]:
    if not (submission.change_ideas.strip() or submission.first_test.strip()):
        return []
    return [
        {
            "type": "cycle",
            "id": str(uuid.uuid4()),
            "value": {
                "title": _("First test of change"),
                "start_date": None,
                "end_date": None,
                "plan": "\n\n".join(
                    text.strip()
                    for text in (submission.change_ideas, submission.first_test)
                    if text.strip()
                ),
                "do": "",
                "study": "",
                "act": "",
            },
        }
    ]


def _measures(submission):
    measures = []
    for kind, text in (
        (MeasureType.OUTCOME, submission.outcome_measures),
        (MeasureType.PROCESS, submission.process_measures),
        (MeasureType.BALANCING, submission.balancing_measures),
    ):
        if text.strip():
            measures.append(
                CaseStudyMeasure(
                    name=Truncator(text.strip().splitlines()[0]).chars(150),
                    measure_type=kind,
                    description=text.strip(),
                    data="",
                )
            )
    return measures


def _from_project(page, project) -> None:
    """Carry the project's history into the case study: its aim, PDSA cycles as they
    happened, measures with their data, and the team's progress updates (as results); its
    places and topics follow in ``draft_case_study``."""
    page.aim = project.aim
    page.summary = Truncator(project.summary).chars(400)
    page.pdsa_cycles = [
        {
            "type": block.block_type,
            "id": str(uuid.uuid4()),
            "value": block.block.get_prep_value(block.value),
        }
        for block in project.pdsa_cycles
    ]
    page.measures = [
        CaseStudyMeasure(
            **{field: getattr(measure, field) for field in MEASURE_FIELDS},
        )
        for measure in project.measures.all()
    ]
    updates = list(project.updates.order_by("date", "sort_order"))
    if updates:
        page.results = "".join(
            f"<h3>{escape(date_format(update.date, 'j F Y'))}: {escape(update.title)}</h3>"
            + _rich(update.body)
            for update in updates
        )


MEASURE_FIELDS = (
    "name",
    "measure_type",
    "unit",
    "direction",
    "target",
    "description",
    "data",
    "change_points",
    "annotations",
)


@transaction.atomic
def draft_case_study(submission, *, user, parent: Page, project=None) -> CaseStudyPage:
    """A new draft case study under ``parent``, prefilled from the completed idea, or from
    its ``project`` in progress when that has ended (``projects.end_project``)."""
    if submission.status != Status.COMPLETED and project is None:
        raise CannotDraftCaseStudy(_("Only a completed idea can become a case study."))
    if submission.case_study_id:
        raise CannotDraftCaseStudy(_("This idea already has a draft case study."))
    organisations = organisations_of(submission)
    page = CaseStudyPage(
        title=submission.title,
        summary=Truncator(submission.aim.strip()).chars(400),
        problem=_rich(
            "\n\n".join(t for t in (submission.problem, submission.who_affected) if t.strip())
        ),
        aim=submission.aim.strip(),
        pdsa_cycles=_cycles(submission),
        involvement_level=INVOLVEMENT.get(submission.involvement, InvolvementLevel.NONE),
        involvement_description=submission.involvement_detail.strip(),
        inequalities=_inequalities(submission),
        contact_organisation=organisations[0] if organisations else None,
        owner=user,
    )
    page.measures = _measures(submission)
    if project is not None:
        _from_project(page, project)
    # Parental relations are kept in memory and written when the page is saved.
    page.organisations = organisations
    page.priorities = list(submission.priorities.all())
    if project is not None:
        # Where the work happened and what it is about: the project's places and topics,
        # typed once.
        page.places = list(project.places.all())
        page.topics.set(list(project.topics.all()))
    try:
        add_draft(page, parent=parent, user=user)
    except NotACaseStudySection:
        raise CannotDraftCaseStudy(
            _("Choose a partner section or the case study listing.")
        ) from None
    submission.case_study = page
    submission.save(update_fields=["case_study"])
    log(
        instance=submission,
        action="submissions.case_study",
        user=user,
        data={"page": page.pk, "title": page.title},
    )
    return page

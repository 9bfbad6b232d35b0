"""From an accepted idea to a public project in progress, and from its end to a case study.

An idea becomes a public :class:`~pages.models.ProjectPage` only with both the submitter's
consent (given on their private status page: :func:`record_consent`) and a huddle member's
approval (:func:`approve`); :func:`start_project` refuses without either. The page carries
the idea's aim, measures and first test of change, and nothing about the submitter; the
section's editors keep it current. :func:`end_project` marks it ended and makes the draft
case study from it (``case_study.draft_case_study``), so nothing is typed twice.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page

from pages.case_study_drafts import unique_slug
from pages.enums import ProjectStage
from pages.models import PartnerPage, ProjectMeasure, ProjectPage
from submissions.portal.actions import may_become_project

from .case_study import (
    _cycles,
    _measures,
    draft_case_study,
    organisations_of,
)


class CannotStartProject(Exception):  # noqa: N818
    pass


def approve(submission, *, user) -> None:
    """A huddle member approves publishing the idea as a project."""
    if not may_become_project(submission):
        raise CannotStartProject(_("Only an accepted idea without a project can be approved."))
    if submission.project_approved_at:
        raise CannotStartProject(_("Publication as a project is already approved."))
    submission.project_approved_at = timezone.now()
    submission.project_approved_by = user
    submission.save(update_fields=["project_approved_at", "project_approved_by"])
    log(instance=submission, action="submissions.project_approved", user=user)


def sections_for(submission) -> list[PartnerPage]:
    """The partner sections a project may go in: those of the organisations taking the idea
    on first, then every other section."""
    organisations = organisations_of(submission)
    sections = list(PartnerPage.objects.filter(locale__language_code="en").order_by("title"))
    return sorted(
        sections, key=lambda page: page.organisation_id not in {o.pk for o in organisations}
    )


@transaction.atomic
def start_project(submission, *, user, parent: Page) -> ProjectPage:
    """Publish the idea as a project in progress under the partner section ``parent``."""
    if not may_become_project(submission):
        raise CannotStartProject(_("Only an accepted idea without a project can become one."))
    if submission.project_consent_at is None:
        raise CannotStartProject(_("The submitter has not consented to a public project."))
    if submission.project_approved_at is None:
        raise CannotStartProject(_("A huddle member must approve publication first."))
    parent = parent.specific
    if not isinstance(parent, PartnerPage):
        raise CannotStartProject(_("Choose a partner section."))
    page = ProjectPage(
        title=submission.title,
        slug=unique_slug(parent, submission.title),
        summary=Truncator(submission.problem.strip()).chars(400),
        aim=submission.aim.strip(),
        stage=ProjectStage.PLANNING,
        started_on=timezone.localdate(),
        pdsa_cycles=_cycles(submission),
        owner=user,
    )
    page.measures = [
        ProjectMeasure(name=m.name, measure_type=m.measure_type, description=m.description, data="")
        for m in _measures(submission)
    ]
    page.organisations = organisations_of(submission)
    page.priorities = list(submission.priorities.all())
    parent.add_child(instance=page)
    # The huddle's approval is the decision to publish (with the submitter's consent): a
    # huddle member need not be an editor of the section.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    submission.project = page
    submission.save(update_fields=["project"])
    log(
        instance=submission,
        action="submissions.project",
        user=user,
        data={"page": page.pk, "title": page.title},
    )
    return page


def project_of(submission) -> ProjectPage | None:
    return (
        ProjectPage.objects.filter(pk=submission.project_id).first()
        if submission.project_id
        else None
    )


@transaction.atomic
def end_project(submission, *, user, parent: Page):
    """Mark the idea's project ended and make the draft case study from its history, in
    ``parent`` (the project's own section is offered first)."""
    project = project_of(submission)
    if project is None:
        raise CannotStartProject(_("This idea has no project in progress."))
    if submission.case_study_id:
        raise CannotStartProject(_("This idea already has a draft case study."))
    if project.stage != ProjectStage.ENDED:
        project.stage = ProjectStage.ENDED
        project.save_revision(user=user, log_action=True).publish(
            user=user, skip_permission_checks=True
        )
    return draft_case_study(submission, user=user, parent=parent, project=project)

"""The huddle's projects on the Wagtail dashboard: every project in progress with its stage
and the latest SPC signal of each measure (read by ``pages.spc``, the module that draws every
chart), and the benefits due for review (``submissions.benefits``).

Registered by ``submissions.wagtail_hooks`` through ``construct_homepage_panels``, for
huddle members only. Two queries for the projects and their measures, one for the benefits.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from pages.enums import ProjectStage
from pages.models import ProjectPage
from submissions.benefits import due_for_review
from submissions.models import Benefit
from submissions.permissions import is_huddle_member

BENEFITS_LENGTH = 8


@dataclass
class MeasureSignal:
    name: str
    signal: str  # the variation's label, or a note that there is no data yet
    concern: bool


@dataclass
class ProjectRow:
    page: ProjectPage
    signals: list[MeasureSignal]


def project_rows() -> list[ProjectRow]:
    pages = (
        ProjectPage.objects.filter(locale__language_code="en")
        .annotate(
            ended=Case(
                When(stage=ProjectStage.ENDED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("ended", "title")
        .prefetch_related("measures")
    )
    rows = []
    for page in pages:
        signals = []
        for measure in page.measures.all():
            variation = measure.spc.variation if measure.series else None
            if variation is not None:
                signal = variation.label
            elif measure.series:
                signal = _("Not assessed: too few points.")  # a run chart (pages.spc)
            else:
                signal = ""  # no data yet
            signals.append(
                MeasureSignal(
                    name=measure.name,
                    signal=signal,
                    concern=bool(variation and variation.signal == "concern"),
                )
            )
        rows.append(ProjectRow(page=page, signals=signals))
    return rows


def benefits_due(today=None) -> list[Benefit]:
    return list(
        due_for_review(today)
        .select_related("submission")
        .order_by("review_date", "pk")[:BENEFITS_LENGTH]
    )


class ProjectsPanel(Component):
    name = "huddle_projects"
    order = 60
    template_name = "submissions/admin/home/projects_panel.html"

    def get_context_data(self, parent_context):
        return {"projects": project_rows(), "benefits_due": benefits_due()}


def add_projects_panel(request, panels) -> None:
    """``construct_homepage_panels`` hook: projects and benefits, for huddle members only."""
    if is_huddle_member(request.user):
        panels.append(ProjectsPanel())

"""The demo's feedback and usage: the impact report shows something in every panel but the
page-less ones, and seeding again adds nothing."""

import pytest

from demo.feedback import seed_feedback
from feedback import impact
from feedback.models import PageFeedbackCount, PageViewCount, SubmitterSurvey
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

demo = seeded_demo_fixture(library=True, ideas=True)


def test_the_impact_report_has_something_to_show(demo):
    panels = {panel.key: panel for panel in impact.build(impact.Filters.last(90))}
    for key in (
        "usage_by_type",
        "usage_by_partner",
        "page_feedback",
        "feedback_comments",
        "submitter_satisfaction",
        "time_to_decision",
    ):
        assert panels[key].rows, key
    assert SubmitterSurvey.objects.filter(answered_at__isnull=False).count() == 6


def test_seeding_again_adds_nothing(demo):
    before = (
        PageViewCount.objects.count(),
        PageFeedbackCount.objects.count(),
        SubmitterSurvey.objects.count(),
    )
    assert seed_feedback() == {"page_view_days": 0, "page_feedback_days": 0, "surveys_answered": 0}
    after = (
        PageViewCount.objects.count(),
        PageFeedbackCount.objects.count(),
        SubmitterSurvey.objects.count(),
    )
    assert after == before

"""The demo ideas: realistic, in several statuses, and safe to seed again."""

import pytest

from hub import demo
from submissions.demo import IDEAS, seed_submissions
from submissions.enums import Status
from submissions.models import IdeaSubmission

pytestmark = pytest.mark.django_db


def test_the_hub_seed_adds_the_demo_ideas_once(home_page, settings):
    demo.seed(library=False)
    assert IdeaSubmission.objects.count() == len(IDEAS)
    assert seed_submissions() == 0  # again: nothing new

    ideas = IdeaSubmission.objects.all()
    assert ideas.count() == 5
    assert set(ideas.values_list("status", flat=True)) == {
        Status.MORE_INFO_REQUESTED,
        Status.IN_COACHING,
        Status.SUBMITTED,
        Status.COMPLETED,
        Status.REDIRECTED,
    }
    carers = ideas.get(title__startswith="A carers' passport")
    assert carers.organisations_involved.count() == 3
    assert carers.route == "integrated"
    assert carers.priorities.exists()
    falls = ideas.get(title__startswith="Fewer night-time falls")
    assert falls.messages.get().sender == "huddle"
    assert all(idea.submitter_email.endswith("@example.org") for idea in ideas)
    assert all(idea.status_changes.first().to_status == Status.SUBMITTED for idea in ideas)

import pytest

from demo.factories import CaseStudyPageFactory, UserFactory
from hub.models import OutboxEmail


@pytest.fixture
def team_a(partner_a):
    partner_a.organisation.refresh_from_db()
    return partner_a.organisation.editors_group


@pytest.fixture
def colleague_a(team_a):
    return UserFactory(username="colleague.a", groups=[team_a])


@pytest.fixture
def owned_study(partner_a, editor_a):
    """A live case study in partner A's section, owned by editor A."""
    return CaseStudyPageFactory(parent=partner_a, title="Falls huddle", owner=editor_a)


def emails(purpose):
    return list(OutboxEmail.objects.filter(purpose=purpose).order_by("to"))

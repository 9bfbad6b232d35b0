"""The demo directory: enough coaches to try every filter, linked to the demo coach users."""

from django.contrib.auth import get_user_model

from wagtail.models import Revision

import pytest

from demo.coaches import seed_coaches
from demo.taxonomies import ensure_organisations, ensure_priorities
from demo.users import DEMO_PASSWORD
from directory.enums import Capacity
from directory.models import CoachProfile
from hub import access

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(groups):
    organisations, priorities = ensure_organisations(), ensure_priorities()
    seed_coaches(organisations, priorities)
    return organisations, priorities


def test_demo_coaches_cover_capacities_organisations_and_languages(seeded):
    live = CoachProfile.objects.live()
    assert live.count() >= 15
    assert set(live.values_list("capacity", flat=True)) == set(Capacity.values)
    assert live.values("organisation").distinct().count() >= 6
    assert live.values("languages").distinct().count() >= 8
    assert live.values("skills").distinct().count() >= 10
    for profile in live:
        profile.full_clean()  # no contact details, alt text rules


def test_demo_coach_users_keep_their_profiles(seeded):
    User = get_user_model()
    for username, name in [("coach", "Hannah Lowe"), ("mentor", "Kasia Nowak")]:
        user = User.objects.get(username=username)
        assert user.coach_profile.display_name == name
        assert user.groups.filter(name=access.COACHES).exists()
        assert user.check_password(DEMO_PASSWORD)


def test_seed_is_idempotent_and_keeps_editors_changes(seeded):
    organisations, priorities = seeded
    hannah = CoachProfile.objects.get(slug="hannah-lowe")
    hannah.role = "Head of improvement"
    hannah.save_revision().publish()
    counts = (CoachProfile.objects.count(), Revision.objects.count())

    result = seed_coaches(organisations, priorities)

    assert result["coaches_created"] == 0
    assert (CoachProfile.objects.count(), Revision.objects.count()) == counts
    assert CoachProfile.objects.get(slug="hannah-lowe").role == "Head of improvement"

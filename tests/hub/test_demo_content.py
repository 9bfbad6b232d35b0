"""What the demo holds: partners of every type and one demo user per role.

Read-only checks over one seed for the module (tests/seeding.py); how the seed behaves when
run (idempotent, keeps editors' changes, passwords) is in test_seed_demo.py."""

from django.contrib.auth import get_user_model

import pytest

from hub import access
from hub.demo import DEMO_PASSWORD, DEMO_USERS
from hub.models import Organisation
from pages.models import PartnerPage
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

demo = seeded_demo_fixture(library=False, with_ideas=False)


def test_organisations_cover_the_partner_types(demo):
    types = set(Organisation.objects.values_list("organisation_type", flat=True))
    assert {"icb", "nhs_trust", "primary_care", "local_authority", "voluntary"} <= types
    assert PartnerPage.objects.filter(locale__language_code="en").count() == 7


def test_one_demo_user_per_role(demo):
    User = get_user_model()
    for demo_user in DEMO_USERS:
        user = User.objects.get(username=demo_user.username)
        assert user.check_password(DEMO_PASSWORD)
        if demo_user.group:
            assert user.groups.filter(name=demo_user.group).exists()
    trust_editor = User.objects.get(username="trust.editor")
    council_editor = User.objects.get(username="council.editor")
    assert [g.name for g in trust_editor.groups.all()] == [
        "Wealdshire University Hospitals NHS Foundation Trust editors"
    ]
    assert [g.name for g in council_editor.groups.all()] == ["Wealdshire County Council editors"]
    assert User.objects.get(username="hub.editor").groups.get().name == access.HUB_EDITORS
    assert User.objects.get(username="admin").is_superuser

"""Who sets the huddle's response targets (issue 17): its chairs and hub editors, not every
member; members still work in the inbox and read the clocks."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

from demo.factories import UserFactory
from hub import access
from submissions.models import HuddleSettings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def targets_url():
    return reverse("wagtailsettings:edit", args=["submissions", "huddlesettings"])


def post_targets(client, days):
    # The settings address redirects to the one settings object's own edit page.
    first = client.get(targets_url())
    target = first["Location"] if first.status_code == 302 else targets_url()
    return client.post(target, {"first_response_days": days, "decision_days": 30})


@pytest.fixture
def chair(groups):
    return UserFactory(
        username="chair",
        password=PASSWORD,
        groups=[groups[access.HUDDLE_MEMBERS], groups[access.HUDDLE_CHAIRS]],
    )


def test_a_member_cannot_change_the_targets(client, huddle_member):
    client.force_login(huddle_member)
    response = post_targets(client, 2)
    assert response.status_code in (302, 403)
    assert HuddleSettings.load().first_response_days == 10
    assert client.get(reverse("huddle:inbox")).status_code == 200


@pytest.mark.parametrize("who", ["chair", "hub_editor"])
def test_the_chair_and_hub_editors_set_them(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(targets_url(), follow=True).status_code == 200
    assert post_targets(client, 5).status_code == 302
    assert HuddleSettings.load().first_response_days == 5


def test_sync_takes_the_permission_back_from_members(groups):
    huddle = Group.objects.get(name=access.HUDDLE_MEMBERS)
    permission = Permission.objects.get(codename="change_huddlesettings")
    huddle.permissions.add(permission)  # as an earlier version granted it
    access.sync_access()
    assert not huddle.permissions.filter(pk=permission.pk).exists()
    chairs = Group.objects.get(name=access.HUDDLE_CHAIRS)
    assert chairs.permissions.filter(pk=permission.pk).exists()

"""An owner who leaves: their pages pass to the partner's team, who are told once."""

from django.contrib.auth.models import Group

import pytest

from demo.factories import CaseStudyPageFactory, UserFactory
from hub import access
from hub.enums import EmailPurpose
from upkeep import reviews
from upkeep.models import PageUpkeep
from upkeep.ownership import Sections

from .conftest import emails

pytestmark = pytest.mark.django_db


def test_the_team_is_the_partners_editors_group(owned_study, team_a, partner_b):
    assert Sections().team_of(owned_study) == team_a
    assert Sections().team_of(partner_b).name.endswith("editors")


def test_a_deactivated_owner_passes_their_pages_to_the_team(owned_study, editor_a, colleague_a):
    editor_a.is_active = False
    editor_a.save()

    owned_study.refresh_from_db()
    assert owned_study.owner is None
    upkeep = PageUpkeep.objects.get(page=owned_study)
    assert upkeep.former_owner == editor_a
    assert upkeep.owner_left_at is not None
    # The active colleague is told; the deactivated owner is not.
    told = emails(EmailPurpose.CONTENT_OWNER_LEFT)
    assert [email.to for email in told] == [colleague_a.email]
    assert "Falls huddle" in told[0].subject
    assert f"/admin/pages/{owned_study.pk}/edit/" in told[0].body


def test_the_team_is_told_once(owned_study, editor_a, colleague_a):
    editor_a.is_active = False
    editor_a.save()
    editor_a.save()
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_OWNER_LEFT)) == 1


def test_leaving_the_partners_editors_passes_the_pages(owned_study, editor_a, team_a, colleague_a):
    editor_a.groups.remove(team_a)
    owned_study.refresh_from_db()
    assert owned_study.owner is None
    assert len(emails(EmailPurpose.CONTENT_OWNER_LEFT)) == 1


def test_removal_from_the_group_side_passes_the_pages(owned_study, editor_a, team_a, colleague_a):
    team_a.user_set.remove(editor_a)
    owned_study.refresh_from_db()
    assert owned_study.owner is None


def test_joining_another_group_changes_nothing(owned_study, editor_a, groups):
    editor_a.groups.add(groups[access.COACHES])
    editor_a.groups.remove(groups[access.COACHES])
    owned_study.refresh_from_db()
    assert owned_study.owner == editor_a
    assert emails(EmailPurpose.CONTENT_OWNER_LEFT) == []


def test_a_hub_editor_owning_a_partner_page_keeps_it(partner_a, hub_editor, colleague_a):
    page = CaseStudyPageFactory(parent=partner_a, owner=hub_editor)
    reviews.refresh()
    page.refresh_from_db()
    assert page.owner == hub_editor


def test_other_owners_pages_are_untouched(owned_study, editor_a, partner_a, colleague_a):
    other = CaseStudyPageFactory(parent=partner_a, owner=colleague_a)
    editor_a.is_active = False
    editor_a.save()
    other.refresh_from_db()
    assert other.owner == colleague_a


def test_the_daily_job_catches_a_deactivation_made_without_signals(
    owned_study, editor_a, colleague_a
):
    type(editor_a).objects.filter(pk=editor_a.pk).update(is_active=False)
    owned_study.refresh_from_db()
    assert owned_study.owner == editor_a  # no signal: not yet

    result = reviews.refresh()

    owned_study.refresh_from_db()
    assert owned_study.owner is None
    assert result.passed_to_team == 1
    assert len(emails(EmailPurpose.CONTENT_OWNER_LEFT)) == 1


def test_a_page_outside_any_section_passes_to_the_hub_editors(home_page, hub_editor):
    leaver = UserFactory(groups=[Group.objects.get(name=access.HUB_EDITORS)])
    page = CaseStudyPageFactory(parent=home_page, owner=leaver)
    leaver.is_active = False
    leaver.save()
    page.refresh_from_db()
    assert page.owner is None
    assert [email.to for email in emails(EmailPurpose.CONTENT_OWNER_LEFT)] == [hub_editor.email]

"""Partner editors own their organisation's section and nothing else; changes wait for review."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import (
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from demo.factories import StandardPageFactory
from hub import access
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def edit_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": "Our work",
        "body": streamfield([]),
        "topics": "",
        "comments": inline_formset([]),
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
    }
    if hasattr(page, "organisation_id"):
        data["organisation"] = page.organisation_id
        data["introduction"] = rich_text("<p>Our work</p>")
        data.pop("topics")
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def page_b(partner_b, hub_editor):
    page = StandardPageFactory(parent=partner_b, title="Council discharge work", slug="discharge")
    page.save_revision(user=hub_editor).publish()
    return page


def test_groups_exist_and_sync_is_idempotent(groups, partner_a, partner_b):
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    access.sync_access()
    access.sync_access()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts
    names = set(Group.objects.values_list("name", flat=True))
    assert {access.HUB_EDITORS, access.HUDDLE_MEMBERS, access.COACHES} <= names
    assert "Kingsmead Hospitals NHS Trust editors" in names
    assert "Eastbridge County Council editors" in names
    # Wagtail's catch-all default groups are gone: nobody edits everything by accident.
    assert not {"Editors", "Moderators"} & names


def test_partner_group_is_renamed_with_the_organisation(partner_a):
    organisation = partner_a.organisation
    organisation.name = "Kingsmead and Eastbridge Hospitals NHS Trust"
    organisation.save()
    partner_a.save()
    organisation.refresh_from_db()
    assert organisation.editors_group.name == "Kingsmead and Eastbridge Hospitals NHS Trust editors"


def test_partner_editors_hold_only_their_own_section(editor_a, partner_a, partner_b):
    perms = GroupPagePermission.objects.filter(group=partner_a.organisation.editors_group)
    assert {p.page_id for p in perms} == {partner_a.pk}
    assert {p.permission.codename for p in perms} == {"add_page", "change_page", "lock_page"}


def test_everything_goes_through_hub_review(groups, home_page):
    workflow = Workflow.objects.get(name=access.HUB_REVIEW_WORKFLOW)
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    assert home_page.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [groups[access.HUB_EDITORS]]


class TestEditorCannotTouchAnotherOrganisation:
    """Organisation A's editor against organisation B's pages, through the admin."""

    def test_permission_tester_refuses_everything(self, editor_a, partner_b, page_b):
        for page in (partner_b, page_b):
            perms = page.permissions_for_user(editor_a)
            assert not perms.can_edit()
            assert not perms.can_publish()
            assert not perms.can_delete()
            assert not perms.can_move()
            assert not perms.can_copy()
            assert not perms.can_add_subpage()
            assert not perms.can_lock()

    def test_cannot_open_edit_view(self, client, editor_a, page_b):
        response = login(client, editor_a).get(reverse("wagtailadmin_pages:edit", args=[page_b.pk]))
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")

    def test_cannot_edit_or_publish_by_post(self, client, editor_a, page_b):
        login(client, editor_a)
        url = reverse("wagtailadmin_pages:edit", args=[page_b.pk])
        client.post(url, edit_data(page_b, title="Hijacked"))
        client.post(url, edit_data(page_b, title="Hijacked", **{"action-publish": "publish"}))
        page_b.refresh_from_db()
        assert page_b.title == "Council discharge work"
        assert page_b.draft_title == "Council discharge work"
        assert page_b.latest_revision.content["title"] == "Council discharge work"

    def test_control_the_same_post_works_for_a_hub_editor(self, client, hub_editor, page_b):
        """Proves the form data above is valid, so the refusals are about permission."""
        login(client, hub_editor)
        url = reverse("wagtailadmin_pages:edit", args=[page_b.pk])
        client.post(url, edit_data(page_b, title="Updated", **{"action-publish": "publish"}))
        page_b.refresh_from_db()
        assert page_b.title == "Updated"

    def test_cannot_delete(self, client, editor_a, page_b):
        login(client, editor_a)
        client.post(reverse("wagtailadmin_pages:delete", args=[page_b.pk]))
        assert Page.objects.filter(pk=page_b.pk).exists()

    def test_cannot_move(self, client, editor_a, partner_a, page_b):
        login(client, editor_a)
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[page_b.pk, partner_a.pk]))
        page_b.refresh_from_db()
        assert page_b.get_parent().pk != partner_a.pk

    def test_cannot_copy_into_own_section(self, client, editor_a, partner_a, page_b):
        login(client, editor_a)
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[page_b.pk]),
            {"new_title": "Copied", "new_slug": "copied", "new_parent_page": partner_a.pk},
        )
        assert response.status_code in (302, 403)
        assert not Page.objects.filter(slug="copied").exists()

    def test_cannot_add_pages_under_another_section(self, client, editor_a, partner_b):
        login(client, editor_a)
        url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", partner_b.pk])
        client.post(url, edit_data(StandardPageFactory.build(title="Sneaky", slug="sneaky")))
        assert not Page.objects.filter(slug="sneaky").exists()


class TestEditorWorksInOwnSectionUnderReview:
    def test_can_open_own_section(self, client, editor_a, partner_a):
        response = login(client, editor_a).get(
            reverse("wagtailadmin_pages:edit", args=[partner_a.pk])
        )
        assert response.status_code == 200

    def test_changes_wait_for_hub_editor_approval(self, client, editor_a, hub_editor, partner_a):
        page = StandardPageFactory(parent=partner_a, title="Falls huddles", slug="falls")
        page.save_revision(user=hub_editor).publish()

        login(client, editor_a)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        # Publishing directly is not open to a partner editor...
        client.post(url, edit_data(page, title="Falls huddles, updated", **{"action-publish": "1"}))
        page.refresh_from_db()
        assert page.title == "Falls huddles"
        # ...submitting for review is.
        response = client.post(
            url, edit_data(page, title="Falls huddles, updated", **{"action-submit": "1"})
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.title == "Falls huddles"  # live version unchanged
        assert page.has_unpublished_changes
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == access.HUB_REVIEW_WORKFLOW

        # A partner editor cannot approve their own change.
        task_state = state.current_task_state
        approve_url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        assert task_state.task.specific.get_actions(page, editor_a) == []
        client.post(approve_url, {"comment": "Approving my own work"})
        page.refresh_from_db()
        assert page.title == "Falls huddles"

        # A hub editor approves and the change goes live.
        client.logout()
        login(client, hub_editor)
        response = client.post(approve_url, {"comment": "Looks good"})
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.title == "Falls huddles, updated"
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED

    def test_new_page_by_partner_editor_is_not_live_until_approved(
        self, client, editor_a, partner_a
    ):
        login(client, editor_a)
        url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", partner_a.pk])
        response = client.post(
            url,
            edit_data(
                StandardPageFactory.build(title="Our discharge lounge", slug="lounge"),
                **{"action-submit": "1"},
            ),
        )
        assert response.status_code == 302
        page = Page.objects.get(slug="lounge")
        assert not page.live
        assert page.workflow_in_progress


def test_partner_editors_may_translate_their_own_section_only(
    home_page, partner_a, partner_b, editor_a, django_capture_on_commit_callbacks
):
    """A translation of a partner page, made later with wagtail-localize, is in the same
    organisation's section: its editors may edit it; another organisation's editors may not."""
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    polish = Locale.objects.get_or_create(language_code="pl")[0]
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(home_page, [polish])
        translate_object(partner_a, [polish])
        translate_object(partner_b, [polish])
    polish_a = partner_a.get_translation(polish)
    polish_b = partner_b.get_translation(polish)

    assert polish_a.permissions_for_user(editor_a).can_edit()
    assert not polish_b.permissions_for_user(editor_a).can_edit()
    assert not partner_b.permissions_for_user(editor_a).can_edit()

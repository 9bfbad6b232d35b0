"""Coaches keep their own profile and nobody else's; hub editors approve before it is live;
contact requests are read-only and seen only by their coach and hub editors."""

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Workflow, WorkflowContentType, WorkflowState

import pytest

from demo.factories import ContactRequestFactory
from directory.models import CoachProfile
from hub import access
from hub.enums import EmailStatus
from hub.models import OutboxEmail
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailsnippets_directory_coachprofile:{name}", args=args)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(profile, **overrides):
    data = {
        "display_name": profile.display_name,
        "slug": profile.slug,
        "role": profile.role,
        "organisation": profile.organisation_id,
        "bio": profile.bio,
        "photo": "",
        "photo_alt": "",
        "skills": [skill.pk for skill in profile.skills.all()],
        "offers": [offer.pk for offer in profile.offers.all()],
        "priorities": [priority.pk for priority in profile.priorities.all()],
        "languages": [language.pk for language in profile.languages.all()],
        "capacity": profile.capacity,
        "working_modes": [mode.pk for mode in profile.working_modes.all()],
        "area": profile.area,
        "contact_email": profile.contact_email,
    }
    data.update(overrides)
    return data


def approve(client, hub_editor, profile):
    state = WorkflowState.objects.get(
        base_content_type=ContentType.objects.get_for_model(CoachProfile),
        object_id=str(profile.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    task_state = state.current_task_state
    login(client, hub_editor)
    response = client.post(
        url("workflow_action", quote(profile.pk), "approve", task_state.pk), {"comment": ""}
    )
    assert response.status_code in (200, 302), response.status_code


def test_access_sync_creates_the_review_workflow_once(groups):
    access.sync_access()
    access.sync_access()
    content_type = ContentType.objects.get_for_model(CoachProfile)
    (link,) = WorkflowContentType.objects.filter(content_type=content_type)
    assert link.workflow.name == access.COACH_REVIEW_WORKFLOW
    assert Workflow.objects.filter(name=access.COACH_REVIEW_WORKFLOW).count() == 1
    (task,) = [t.specific for t in link.workflow.tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == [access.HUB_EDITORS]
    coaches = Group.objects.get(name=access.COACHES)
    codenames = set(coaches.permissions.values_list("codename", flat=True))
    assert {"add_coachprofile", "change_coachprofile", "view_contactrequest"} <= codenames
    assert "publish_coachprofile" not in codenames
    assert "change_any_coachprofile" not in codenames


def test_coach_lists_only_their_own_profile(client, coach, other_coach, coach_user):
    html = login(client, coach_user).get(url("list")).content.decode()
    assert "Hannah Lowe" in html
    assert "Kasia Nowak" not in html


@pytest.mark.parametrize(
    "view",
    ["edit", "history", "usage", "delete", "unpublish", "workflow_history", "preview_on_edit"],
)
def test_coach_cannot_open_another_coach_s_views(client, coach, other_coach, coach_user, view):
    login(client, coach_user)
    response = client.get(url(view, quote(other_coach.pk)))
    assert response.status_code in (302, 403), response.status_code
    assert "Kasia Nowak" not in response.content.decode()
    # Their own opens (or is refused only for want of the action's permission).
    own = client.get(url("edit", quote(coach.pk)))
    assert own.status_code == 200


def test_coach_cannot_post_to_another_coach_s_profile(client, other_coach, coach_user, coach):
    login(client, coach_user)
    response = client.post(
        url("edit", quote(other_coach.pk)), form_data(other_coach, role="Hijacked")
    )
    assert response.status_code in (302, 403)
    other_coach.refresh_from_db()
    assert other_coach.latest_revision.as_object().role != "Hijacked"


def test_coach_chooser_lists_only_their_own(client, coach, other_coach, coach_user):
    login(client, coach_user)
    response = client.get(reverse("wagtailsnippetchoosers_directory_coachprofile:choose"))
    html = response.content.decode()
    assert "Hannah Lowe" in html and "Kasia Nowak" not in html


def test_coach_changes_wait_for_a_hub_editor(client, coach, coach_user, hub_editor):
    login(client, coach_user)
    edit = client.get(url("edit", quote(coach.pk))).content.decode()
    assert 'name="action-publish"' not in edit  # no publish button for coaches
    assert 'name="user"' not in edit  # nor the account field
    assert 'name="action-submit"' in edit

    # Asking to publish is not allowed: it saves a draft at most.
    client.post(
        url("edit", quote(coach.pk)), {**form_data(coach, role="Head of QI"), "action-publish": "1"}
    )
    assert "Improvement coach" in client.get(coach.get_url()).content.decode()

    response = client.post(
        url("edit", quote(coach.pk)),
        {**form_data(coach, role="Head of improvement"), "action-submit": "1"},
    )
    assert response.status_code == 302
    coach.refresh_from_db()
    assert coach.workflow_in_progress
    public = client.get(coach.get_url()).content.decode()
    assert "Improvement coach" in public and "Head of improvement" not in public

    approve(client, hub_editor, coach)
    coach.refresh_from_db()
    assert not coach.workflow_in_progress
    assert coach.role == "Head of improvement"
    assert "Head of improvement" in client.get(coach.get_url()).content.decode()


def test_coach_creates_their_profile_as_a_draft(client, groups, org_a, taxonomy, hub_editor):
    from demo.factories import UserFactory

    newcomer = UserFactory(username="new.coach", password=PASSWORD, groups=[groups[access.COACHES]])
    login(client, newcomer)
    assert client.get(url("add")).status_code == 200
    draft = CoachProfile(
        display_name="Nia Roberts",
        slug="nia-roberts",
        role="Ward manager",
        organisation=org_a,
        bio="I run a ward.",
    )
    data = form_data(draft)
    data.update(
        skills=[taxonomy.skills["lean"].pk],
        offers=[],
        languages=[taxonomy.languages["english"].pk],
        working_modes=[],
        priorities=[],
        capacity="open",
        contact_email="",
    )
    from directory.models import Offer, WorkingMode

    data["offers"] = [Offer.objects.get(kind="mentoring").pk]
    data["working_modes"] = [WorkingMode.objects.get(kind="online").pk]
    response = client.post(url("add"), {**data, "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    profile = CoachProfile.objects.get(slug="nia-roberts")
    assert profile.user == newcomer
    assert not profile.live
    assert client.get("/coaches/nia-roberts/").status_code == 404
    # One profile each: no second "add".
    assert client.get(url("add")).status_code in (302, 403)

    approve(client, hub_editor, profile)
    profile.refresh_from_db()
    assert profile.live
    assert client.get("/coaches/nia-roberts/").status_code == 200


def test_hub_editor_sees_and_edits_every_profile(client, coach, other_coach, hub_editor):
    login(client, hub_editor)
    html = client.get(url("list")).content.decode()
    assert "Hannah Lowe" in html and "Kasia Nowak" in html
    edit = client.get(url("edit", quote(other_coach.pk))).content.decode()
    assert 'name="user"' in edit
    assert 'name="action-publish"' in edit


def test_contact_requests_are_seen_only_by_their_coach(
    client, coach, other_coach, coach_user, hub_editor
):
    mine = ContactRequestFactory(coach=coach, name="Grace Mensah")
    theirs = ContactRequestFactory(coach=other_coach, name="Rory Byrne")
    index = reverse("coach_contact_requests:index")

    login(client, coach_user)
    html = client.get(index).content.decode()
    assert "Grace Mensah" in html and "Rory Byrne" not in html
    assert client.get(reverse("coach_contact_requests:inspect", args=[mine.pk])).status_code == 200
    refused = client.get(reverse("coach_contact_requests:inspect", args=[theirs.pk]))
    assert refused.status_code in (302, 403)
    assert "Rory Byrne" not in refused.content.decode()
    # Read-only, for coaches and everyone else.
    assert client.get(reverse("coach_contact_requests:add")).status_code in (302, 403)
    assert client.get(reverse("coach_contact_requests:edit", args=[mine.pk])).status_code in (
        302,
        403,
    )

    login(client, hub_editor)
    html = client.get(index).content.decode()
    assert "Grace Mensah" in html and "Rory Byrne" in html
    assert client.get(reverse("coach_contact_requests:edit", args=[mine.pk])).status_code in (
        302,
        403,
    )


def test_contact_requests_show_their_email_from_the_outbox(client, coach, hub_editor):
    ContactRequestFactory(coach=coach, name="Grace Mensah")
    failed = ContactRequestFactory(coach=coach, name="Rory Byrne")
    OutboxEmail.objects.filter(pk=failed.relay.pk).update(
        status=EmailStatus.FAILED, attempts=6, last_error="SMTPRecipientsRefused: no such user"
    )
    index = reverse("coach_contact_requests:index")
    login(client, hub_editor)

    html = client.get(index).content.decode()
    assert "Waiting to be sent" in html and "Could not be sent" in html
    # The outbox rows come in one query for the page, however many requests it lists.
    with CaptureQueriesContext(connection) as few:
        client.get(index)
    ContactRequestFactory.create_batch(5, coach=coach)
    with CaptureQueriesContext(connection) as more:
        client.get(index)
    assert len(more) == len(few)

    filtered = client.get(index, {"relay_status": EmailStatus.FAILED}).content.decode()
    assert "Rory Byrne" in filtered and "Grace Mensah" not in filtered

    inspect = client.get(reverse("coach_contact_requests:inspect", args=[failed.pk]))
    html = inspect.content.decode()
    assert "Email to the coach" in html and "Could not be sent" in html
    assert "SMTPRecipientsRefused: no such user" in html


def test_other_admin_users_see_no_coach_data(client, coach, editor_a):
    login(client, editor_a)
    for path in (
        url("list"),
        url("edit", quote(coach.pk)),
        reverse("coach_contact_requests:index"),
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path


def test_coach_previews_their_draft_as_the_public_page(client, coach, coach_user, taxonomy):
    login(client, coach_user)
    preview = url("preview_on_edit", quote(coach.pk))
    data = form_data(coach, role="Head of improvement", skills=[taxonomy.skills["lean"].pk])
    response = client.post(preview, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    html = client.get(preview).content.decode()
    assert "Head of improvement" in html and "Lean" in html
    assert "Measurement and SPC" not in html
    assert 'href="/coaches/hannah-lowe/contact/"' in html
    # Nothing public changed.
    assert "Head of improvement" not in client.get(coach.get_url()).content.decode()


def test_the_preview_may_be_framed_by_the_admin_only(client, coach, coach_user, taxonomy):
    """The editor's preview and Checks panels frame the preview: Wagtail renders it through
    the middleware on a made-up request for the public address, which must not get the
    public pages' frame-ancestors 'none' (the Checks panel stayed blank), nor anything
    looser than the hub's own origin."""
    login(client, coach_user)
    preview = url("preview_on_edit", quote(coach.pk))
    client.post(preview, form_data(coach, role="Head of improvement"))
    response = client.get(preview, {"in_preview_panel": "true"})
    assert response.status_code == 200
    policy = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Otherwise the public page's policy: what the page will obey once published.
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-src"] == ["'none'"]
    # The public page itself still refuses every frame.
    public = client.get(coach.get_url())
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"

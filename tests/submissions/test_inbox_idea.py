"""The idea page of the huddle inbox: who may see it, and every action on it."""

import re
from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import (
    CoachProfileFactory,
    IdeaSubmissionFactory,
    OrganisationFactory,
    PartnerPageFactory,
    PriorityFactory,
)
from hub.models import OutboxEmail
from pages.models import CaseStudyPage
from submissions.enums import Route, Status
from submissions.huddle import actions as huddle_actions
from submissions.models import (
    CoachingSession,
    InternalNote,
    StatusChange,
    SubmissionAttachment,
    SubmissionMessage,
)
from submissions.transitions import latest_change_id

pytestmark = pytest.mark.django_db

PERSONAL = "Marker-Person-Zq81"


@pytest.fixture
def idea(hub_site, organisation, priority):
    idea = IdeaSubmissionFactory(
        title="Fewer falls at night on ward 7",
        submitter_name=PERSONAL,
        submitter_email="marker.person@example.org",
        organisation=organisation,
        support_wanted=["data"],
    )
    idea.priorities.set([priority])
    return idea


def url(idea):
    return reverse("huddle:idea", args=[idea.reference])


def post(client, idea, action, **data):
    return client.post(url(idea), {"action": action, **data})


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """``with sending():`` runs the after-commit hooks, so queued emails are sent."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def in_triage(idea, user):
    return huddle_actions.change_status(idea, Status.IN_TRIAGE, user=user)


# Access -----------------------------------------------------------------------------


@pytest.fixture
def attachment(idea):
    return SubmissionAttachment.objects.create(
        submission=idea,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 marker"),
        original_name="Ward 7 plan.pdf",
        content_type="application/pdf",
        size=15,
    )


def test_anonymous_people_are_sent_to_sign_in(client, idea, attachment):
    for target in (url(idea), reverse("huddle:attachment", args=[idea.reference, attachment.pk])):
        response = client.get(target)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    response = client.post(url(idea), {"action": "note", "note-body": "hello"})
    assert response.status_code == 302
    assert not InternalNote.objects.exists()


@pytest.mark.parametrize("who", ["editor_a", "hub_editor", "coach_not_in_huddle"])
def test_signed_in_non_members_get_403_and_change_nothing(client, request, who, idea, attachment):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(idea)).status_code == 403
    target = reverse("huddle:attachment", args=[idea.reference, attachment.pk])
    assert client.get(target).status_code == 403
    for action, data in [
        ("note", {"note-body": "sneaky"}),
        ("message", {"message-body": "sneaky"}),
        ("status", {"status-to_status": "in_triage"}),
    ]:
        assert post(client, idea, action, **data).status_code == 403
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED
    assert not InternalNote.objects.exists()
    assert not SubmissionMessage.objects.exists()
    # Unknown references answer the same: nothing to enumerate.
    assert client.get(reverse("huddle:idea", args=["QI-NONE-00"])).status_code == 403


def test_a_status_token_opens_the_status_page_but_not_the_inbox(client, hub_site):
    idea = IdeaSubmissionFactory(status_token="tok-123")
    assert client.get(reverse("submissions:status", args=["tok-123"])).status_code == 200
    assert client.get(url(idea)).status_code == 302  # to the admin sign-in


def test_a_member_sees_everything_submitted(client, huddle_member, idea, attachment):
    client.force_login(huddle_member)
    response = client.get(url(idea))
    assert response.status_code == 200
    html = response.content.decode()
    assert idea.title in html
    assert PERSONAL in html  # the huddle may see who submitted
    assert "Ward 7 plan.pdf" in html
    assert idea.problem in html
    assert "Not sifted yet" in html


def test_unknown_reference_is_404_for_members(client, huddle_member, hub_site):
    client.force_login(huddle_member)
    assert client.get(reverse("huddle:idea", args=["QI-NONE-00"])).status_code == 404


def test_attachments_download_and_never_render(client, huddle_member, idea, attachment):
    client.force_login(huddle_member)
    response = client.get(reverse("huddle:attachment", args=[idea.reference, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "Ward%207%20plan.pdf" in response["Content-Disposition"]
        or "Ward 7 plan.pdf" in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 marker"
    assert ModelLogEntry.objects.filter(action="submissions.view_attachment").count() == 1
    # Another idea's reference does not open this file.
    other = IdeaSubmissionFactory()
    response = client.get(reverse("huddle:attachment", args=[other.reference, attachment.pk]))
    assert response.status_code == 404


def test_the_page_takes_a_fixed_number_of_queries(
    client, huddle_member, second_huddle_member, idea, django_assert_max_num_queries
):
    client.force_login(huddle_member)
    in_triage(idea, huddle_member)
    client.get(url(idea))  # warm caches (site, settings, content types)
    for n in range(6):
        huddle_actions.add_note(idea, user=huddle_member, body=f"note {n} @huddle.two")
        huddle_actions.send_message(idea, user=huddle_member, body=f"message {n}")
    with django_assert_max_num_queries(60) as captured:
        client.get(url(idea))
    few = len(captured)
    for n in range(10):
        huddle_actions.add_note(idea, user=second_huddle_member, body=f"more {n} @huddle.one")
    with django_assert_max_num_queries(few):
        client.get(url(idea))


# Status -----------------------------------------------------------------------------


def test_moving_an_idea_logs_it_everywhere(client, huddle_member, idea):
    client.force_login(huddle_member)
    response = post(
        client,
        idea,
        "status",
        **{"status-to_status": "in_triage", "status-expected_change_id": latest_change_id(idea)},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.IN_TRIAGE
    assert idea.first_response_at is not None
    change = StatusChange.objects.filter(submission=idea).last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.SUBMITTED,
        Status.IN_TRIAGE,
        huddle_member,
    )
    assert ModelLogEntry.objects.filter(
        action="submissions.status_change", object_id=str(idea.pk), user=huddle_member
    ).exists()
    page = client.get(url(idea)).content.decode()
    assert "Moved from Submitted to In triage" in page


def test_declining_needs_a_reason_which_is_emailed(client, huddle_member, idea, sending):
    client.force_login(huddle_member)
    in_triage(idea, huddle_member)
    response = post(client, idea, "status", **{"status-to_status": "declined"})
    assert response.status_code == 422
    assert "Give a reason for moving an idea to Declined" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.IN_TRIAGE

    with sending():
        response = post(
            client,
            idea,
            "status",
            **{"status-to_status": "declined", "status-reason": "Already done by <b>team</b> X."},
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.DECLINED and idea.decided_at is not None
    email = OutboxEmail.objects.get(key__startswith=f"status:{idea.reference}")
    assert email.to == idea.submitter_email
    sent = mail.outbox[-1]
    assert "Already done by <b>team</b> X." in sent.body
    assert "&lt;b&gt;team" in sent.alternatives[0][0]
    # The emailed link opens the status page, which shows the decision.
    link = re.search(r"https?://\S+/status/(\S+)/", sent.body).group(1)
    status_page = client.get(reverse("submissions:status", args=[link]))
    assert status_page.status_code == 200
    assert "Not taken forward" in status_page.content.decode()


def test_redirecting_says_where(client, huddle_member, idea, sending):
    client.force_login(huddle_member)
    in_triage(idea, huddle_member)
    response = post(
        client, idea, "status", **{"status-to_status": "redirected", "status-reason": "Overlap"}
    )
    assert response.status_code == 422
    assert "Say which existing project or service" in response.content.decode()
    with sending():
        post(
            client,
            idea,
            "status",
            **{
                "status-to_status": "redirected",
                "status-reason": "Overlap",
                "status-redirected_to": "Frailty virtual ward programme",
            },
        )
    idea.refresh_from_db()
    assert (idea.status, idea.redirected_to) == (
        Status.REDIRECTED,
        "Frailty virtual ward programme",
    )
    assert "Frailty virtual ward programme" in mail.outbox[-1].body


def test_a_move_the_machine_refuses_is_explained(client, huddle_member, idea):
    client.force_login(huddle_member)
    response = post(client, idea, "status", **{"status-to_status": "completed"})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


def test_two_members_acting_at_once_cannot_both_win(
    client, huddle_member, second_huddle_member, idea
):
    in_triage(idea, huddle_member)
    seen = latest_change_id(idea)  # both pages were loaded now
    client.force_login(second_huddle_member)
    first = post(
        client,
        idea,
        "status",
        **{"status-to_status": "more_info_requested", "status-expected_change_id": seen},
    )
    assert first.status_code == 302
    client.force_login(huddle_member)
    second = post(
        client,
        idea,
        "status",
        **{
            "status-to_status": "declined",
            "status-reason": "Not for us",
            "status-expected_change_id": seen,
        },
    )
    assert second.status_code == 422
    html = second.content.decode()
    assert "was changed to “More information requested” by Ravi Rota" in html
    assert "Reload the page" in html
    # The reason typed is kept for the retry.
    assert "Not for us" in html
    idea.refresh_from_db()
    assert idea.status == Status.MORE_INFO_REQUESTED


# Sift and assignment --------------------------------------------------------------------


def test_sift_checks_the_organisations_for_the_route(client, huddle_member, idea, organisation):
    client.force_login(huddle_member)
    other = OrganisationFactory(name="Wealdshire County Council")
    response = post(
        client,
        idea,
        "sift",
        **{"sift-route": "integrated", "sift-organisations": [organisation.pk]},
    )
    assert response.status_code == 422
    assert "at least two organisations" in response.content.decode()
    frailty = PriorityFactory(name="Stroke")
    response = post(
        client,
        idea,
        "sift",
        **{
            "sift-route": "integrated",
            "sift-organisations": [organisation.pk, other.pk],
            "sift-priorities": [frailty.pk],
        },
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.route == Route.INTEGRATED
    assert set(idea.route_organisations.all()) == {organisation, other}
    assert list(idea.priorities.all()) == [frailty]
    assert idea.sifted_by == huddle_member
    assert "Sifted" in client.get(url(idea)).content.decode()


def test_accepting_uses_the_sifted_route(client, huddle_member, idea, organisation):
    client.force_login(huddle_member)
    in_triage(idea, huddle_member)
    response = post(client, idea, "status", **{"status-to_status": "accepted"})
    assert response.status_code == 422
    assert "Choose a route" in response.content.decode()
    huddle_actions.sift(
        idea,
        user=huddle_member,
        route=Route.SINGLE_PROVIDER,
        organisations=[organisation],
        priorities=[],
    )
    response = post(client, idea, "status", **{"status-to_status": "accepted"})
    assert response.status_code == 302, response.content.decode()[-6000:]
    idea.refresh_from_db()
    assert (idea.status, idea.route) == (Status.ACCEPTED, Route.SINGLE_PROVIDER)


def test_assigning_a_lead_only_takes_huddle_members(
    client, huddle_member, second_huddle_member, editor_a, idea
):
    client.force_login(huddle_member)
    response = post(client, idea, "assign", **{"assign-lead": editor_a.pk})
    assert response.status_code == 422
    response = post(client, idea, "assign", **{"assign-lead": second_huddle_member.pk})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.lead == second_huddle_member


def test_suggested_coaches_are_shown_and_assigned_in_one_click(client, huddle_member, idea):
    coach = CoachProfileFactory(
        display_name="Priya Measure", priorities=list(idea.priorities.all())
    )
    client.force_login(huddle_member)
    html = client.get(url(idea)).content.decode()
    assert "Priya Measure" in html and "knows Frailty and ageing well" in html
    response = post(client, idea, "assign_coach", coach=coach.pk)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.coach == coach
    # An unpublished coach cannot be assigned by a crafted post.
    draft = CoachProfileFactory(display_name="Not Live", publish=False)
    assert post(client, idea, "assign_coach", coach=draft.pk).status_code == 422
    idea.refresh_from_db()
    assert idea.coach == coach


def test_the_coaching_log(client, huddle_member, idea):
    coach = CoachProfileFactory(display_name="Priya Measure")
    client.force_login(huddle_member)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post(client, idea, "coaching", **{"coaching-date": tomorrow.isoformat()})
    assert response.status_code == 422
    assert "once it has happened" in response.content.decode()
    response = post(client, idea, "coaching", **{"coaching-date": "2026-01-05"})
    assert response.status_code == 422
    assert "Choose the coach" in response.content.decode()
    huddle_actions.assign(idea, user=huddle_member, coach=coach)
    response = post(
        client,
        idea,
        "coaching",
        **{"coaching-date": "2026-01-05", "coaching-note": "Drew a driver diagram"},
    )
    assert response.status_code == 302
    session = CoachingSession.objects.get()
    assert (session.coach, session.note) == (coach, "Drew a driver diagram")
    assert "Drew a driver diagram" in client.get(url(idea)).content.decode()


# Notes and messages ---------------------------------------------------------------------


def test_notes_email_the_members_mentioned_and_stay_private(
    client, huddle_member, second_huddle_member, editor_a, hub_site, sending
):
    idea = IdeaSubmissionFactory(status_token="tok-notes")
    client.force_login(huddle_member)
    body = "Secret-note-marker: @huddle.two can you look? cc @editor.a @huddle.one"
    with sending():
        response = post(client, idea, "note", **{"note-body": body})
    assert response.status_code == 302
    note = InternalNote.objects.get()
    # Only huddle members are mentioned, and never the author themselves.
    assert list(note.mentions.all()) == [second_huddle_member]
    mention = [m for m in mail.outbox if "mentioned you" in m.subject]
    assert [m.to for m in mention] == [[second_huddle_member.email]]
    assert idea.reference in mention[0].body and "Secret-note-marker" in mention[0].body
    assert idea.submitter_email not in mention[0].body
    status_page = client.get(reverse("submissions:status", args=["tok-notes"]))
    assert "Secret-note-marker" not in status_page.content.decode()


def test_an_empty_note_is_refused(client, huddle_member, idea):
    client.force_login(huddle_member)
    response = post(client, idea, "note", **{"note-body": "   "})
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()


def test_messages_go_both_ways(client, huddle_member, hub_site, sending):
    idea = IdeaSubmissionFactory(status_token="tok-msg", language="pl")
    in_triage(idea, huddle_member)
    client.force_login(huddle_member)
    post(
        client,
        idea,
        "status",
        **{"status-to_status": "more_info_requested"},
    )
    with sending():
        response = post(client, idea, "message", **{"message-body": "How many falls last month?"})
    assert response.status_code == 302
    assert OutboxEmail.objects.filter(key__startswith=f"message:{idea.reference}").exists()
    sent = mail.outbox[-1]
    assert sent.to == [idea.submitter_email]
    assert "How many falls last month?" in sent.body
    assert "/pl/submit-an-idea/status/" in sent.body  # in the language they used
    client.logout()
    status_page = client.get(reverse("submissions:status", args=["tok-msg"]))
    assert "How many falls last month?" in status_page.content.decode()
    reply = client.post(
        reverse("submissions:reply", args=["tok-msg"]), {"body": "Twelve, up from six."}
    )
    assert reply.status_code == 302
    client.force_login(huddle_member)
    html = client.get(url(idea)).content.decode()
    assert "Twelve, up from six." in html
    assert "Submitter replied" in html


def test_a_message_with_no_submitter_email_is_kept(client, huddle_member, idea):
    idea.submitter_email = ""
    idea.save()
    client.force_login(huddle_member)
    post(client, idea, "message", **{"message-body": "Hello"})
    assert SubmissionMessage.objects.filter(body="Hello").exists()
    assert not OutboxEmail.objects.filter(key__startswith="message:").exists()


def test_an_unknown_action_changes_nothing(client, huddle_member, idea):
    client.force_login(huddle_member)
    response = post(client, idea, "delete_everything")
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


# Idea to case study ---------------------------------------------------------------------


def completed(idea, user, organisation):
    huddle_actions.sift(
        idea, user=user, route=Route.SINGLE_PROVIDER, organisations=[organisation], priorities=[]
    )
    for status in (Status.IN_TRIAGE, Status.ACCEPTED, Status.IN_COACHING, Status.COMPLETED):
        huddle_actions.change_status(idea, status, user=user)
    idea.refresh_from_db()
    return idea


def test_a_completed_idea_becomes_a_draft_case_study(
    client, huddle_member, idea, organisation, partner_index
):
    partner = PartnerPageFactory(parent=partner_index, organisation=organisation)
    client.force_login(huddle_member)
    assert "Share it as a case study" not in client.get(url(idea)).content.decode()
    idea.outcome_measures = "Falls per 1,000 bed days"
    idea.involvement = "involved"
    idea.core20 = "yes"
    idea.save()
    completed(idea, huddle_member, organisation)
    assert "Share it as a case study" in client.get(url(idea)).content.decode()
    response = post(client, idea, "case_study", **{"case_study-parent": partner.pk})
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert page.get_parent().specific == partner
    assert not page.live and page.has_unpublished_changes
    assert page.aim == idea.aim
    assert [m.name for m in page.measures.all()] == ["Falls per 1,000 bed days"]
    assert list(page.organisations.all()) == [organisation]
    assert page.involvement_level == "involved"
    assert "core20" in page.inequalities
    idea.refresh_from_db()
    assert idea.case_study_id == page.pk
    # Nothing about the submitter is copied.
    revision = page.latest_revision.content
    assert PERSONAL not in str(revision) and idea.submitter_email not in str(revision)
    # The editor can open it.
    client.force_login(huddle_member)
    # A second attempt is refused.
    response = post(client, idea, "case_study", **{"case_study-parent": partner.pk})
    assert response.status_code == 302  # no form any more: the idea has its case study
    assert CaseStudyPage.objects.count() == 1


def test_the_draft_opens_in_the_editor(
    admin_client, huddle_member, idea, organisation, partner_index
):
    partner = PartnerPageFactory(parent=partner_index, organisation=organisation)
    completed(idea, huddle_member, organisation)
    from submissions.huddle.case_study import draft_case_study

    page = draft_case_study(idea, user=huddle_member, parent=partner)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200

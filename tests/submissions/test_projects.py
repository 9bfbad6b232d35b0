"""Projects in progress: the submitter's consent, the huddle's approval, the public page, the
team's updates (announced once) and the end that turns the project into a case study draft."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import (
    IdeaSubmissionFactory,
    PartnerPageFactory,
    PlaceFactory,
    ProjectMeasureFactory,
    ProjectPageFactory,
    ProjectUpdateFactory,
)
from pages.enums import ProjectStage
from pages.models import CaseStudyPage, ProjectPage
from pages.signals import project_update_published
from search import service
from submissions.enums import ProjectConsentVia, Route, Status
from submissions.huddle import actions as huddle_actions
from submissions.huddle import projects
from submissions.portal.actions import record_consent

pytestmark = pytest.mark.django_db

PERSONAL = "Marker-Person-Pj42"


@pytest.fixture
def idea(hub_site, organisation, priority):
    idea = IdeaSubmissionFactory(
        title="Fewer falls at night on ward 7",
        submitter_name=PERSONAL,
        submitter_email="marker.pj@example.org",
        organisation=organisation,
        outcome_measures="Falls per 1,000 bed days",
        change_ideas="Intentional rounding",
    )
    idea.priorities.set([priority])
    return idea


@pytest.fixture
def partner(partner_index, organisation):
    return PartnerPageFactory(parent=partner_index, organisation=organisation)


def accept(idea, user, organisation):
    huddle_actions.sift(
        idea, user=user, route=Route.SINGLE_PROVIDER, organisations=[organisation], priorities=[]
    )
    for status in (Status.IN_TRIAGE, Status.ACCEPTED):
        huddle_actions.change_status(idea, status, user=user)
    idea.refresh_from_db()
    return idea


def status_url(idea, name="status"):
    token = idea.issue_status_token()
    return reverse(f"submissions:{name}", args=[token]), token


def idea_url(idea):
    return reverse("huddle:idea", args=[idea.reference])


# The submitter's consent ----------------------------------------------------------------


def test_the_submitter_is_asked_only_once_the_idea_is_accepted(
    client, idea, huddle_member, organisation
):
    page, token = status_url(idea)
    assert "Share your idea as a public project" not in client.get(page).content.decode()
    # Hostile: consenting before acceptance by posting directly changes nothing.
    client.post(reverse("submissions:project_consent", args=[token]), {"consent": "yes"})
    idea.refresh_from_db()
    assert idea.project_consent_at is None

    accept(idea, huddle_member, organisation)
    assert "Share your idea as a public project" in client.get(page).content.decode()
    response = client.post(reverse("submissions:project_consent", args=[token]), {"consent": "yes"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.project_consent_at is not None
    assert idea.project_consent_via == ProjectConsentVia.STATUS_PAGE
    first = idea.project_consent_at
    # Asked once; a repeated post keeps the first record.
    body = client.get(page).content.decode()
    assert "Share your idea as a public project" not in body
    assert "may be published as a project in progress" in body
    client.post(reverse("submissions:project_consent", args=[token]), {"consent": "yes"})
    idea.refresh_from_db()
    assert idea.project_consent_at == first
    assert ModelLogEntry.objects.filter(action="submissions.project_consent").count() == 1


def test_consent_needs_the_private_link_and_a_clear_yes(client, idea, huddle_member, organisation):
    accept(idea, huddle_member, organisation)
    _, token = status_url(idea)
    assert client.post(reverse("submissions:project_consent", args=["nope"])).status_code == 404
    assert client.get(reverse("submissions:project_consent", args=[token])).status_code == 405
    client.post(reverse("submissions:project_consent", args=[token]), {"consent": "maybe"})
    idea.refresh_from_db()
    assert idea.project_consent_at is None


# The huddle's approval and the page ------------------------------------------------------


def test_both_consent_and_approval_are_needed(idea, huddle_member, organisation, partner):
    accept(idea, huddle_member, organisation)
    with pytest.raises(projects.CannotStartProject):
        projects.start_project(idea, user=huddle_member, parent=partner)
    projects.approve(idea, user=huddle_member)
    with pytest.raises(projects.CannotStartProject, match="consented"):
        projects.start_project(idea, user=huddle_member, parent=partner)
    idea.project_approved_at = None
    idea.save()
    assert record_consent(idea)
    with pytest.raises(projects.CannotStartProject, match="approve"):
        projects.start_project(idea, user=huddle_member, parent=partner)
    assert not ProjectPage.objects.exists()


def test_a_new_idea_cannot_be_approved(idea, huddle_member):
    with pytest.raises(projects.CannotStartProject):
        projects.approve(idea, user=huddle_member)


def test_the_huddle_approves_and_publishes_the_project(
    client, idea, huddle_member, organisation, partner
):
    accept(idea, huddle_member, organisation)
    client.force_login(huddle_member)
    body = client.get(idea_url(idea)).content.decode()
    assert "Approve publication as a project" in body
    assert "Publish project page" not in body
    response = client.post(idea_url(idea), {"action": "project_approve"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.project_approved_by == huddle_member
    # No consent yet: the publish form is not offered and a hand-made post is refused.
    response = client.post(
        idea_url(idea), {"action": "project_start", "project_start-parent": partner.pk}
    )
    assert not ProjectPage.objects.exists()
    assert record_consent(idea)
    assert "Publish project page" in client.get(idea_url(idea)).content.decode()
    response = client.post(
        idea_url(idea), {"action": "project_start", "project_start-parent": partner.pk}
    )
    assert response.status_code == 302
    project = ProjectPage.objects.get()
    assert project.live and project.get_parent().specific == partner
    assert project.aim == idea.aim
    assert [m.name for m in project.measures.all()] == ["Falls per 1,000 bed days"]
    assert list(project.organisations.all()) == [organisation]
    idea.refresh_from_db()
    assert idea.project_id == project.pk
    # The public page shows the project and nothing about the submitter.
    client.logout()
    public = client.get(project.url)
    assert public.status_code == 200
    text = public.content.decode()
    assert "Project in progress" in text and idea.aim in text
    assert PERSONAL not in text and idea.submitter_email not in text
    assert PERSONAL not in str(project.latest_revision.content)


def test_publishing_is_refused_outside_a_partner_section(
    idea, huddle_member, organisation, home_page
):
    accept(idea, huddle_member, organisation)
    projects.approve(idea, user=huddle_member)
    record_consent(idea)
    with pytest.raises(projects.CannotStartProject):
        projects.start_project(idea, user=huddle_member, parent=home_page)


def test_non_members_cannot_approve(client, idea, coach_not_in_huddle, organisation, huddle_member):
    accept(idea, huddle_member, organisation)
    client.force_login(coach_not_in_huddle)
    response = client.post(idea_url(idea), {"action": "project_approve"})
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.project_approved_at is None


# Updates and followers ------------------------------------------------------------------


def test_each_update_is_announced_once(partner, hub_editor, django_capture_on_commit_callbacks):
    project = ProjectPageFactory(parent=partner)
    heard = []

    def listener(sender, project, update, **kwargs):
        heard.append((project.pk, update.title))

    project_update_published.connect(listener)
    try:
        ProjectUpdateFactory(page=project, title="First night shift tested")
        with django_capture_on_commit_callbacks(execute=True):
            project.save_revision(user=hub_editor).publish(user=hub_editor)
        assert heard == [(project.pk, "First night shift tested")]
        # Republished with a second update: only the new one is announced.
        project = ProjectPage.objects.get(pk=project.pk)
        project.updates.add(ProjectUpdateFactory.build(title="Second PDSA cycle"))
        with django_capture_on_commit_callbacks(execute=True):
            project.save_revision(user=hub_editor).publish(user=hub_editor)
        with django_capture_on_commit_callbacks(execute=True):
            project.save_revision(user=hub_editor).publish(user=hub_editor)
        assert heard == [
            (project.pk, "First night shift tested"),
            (project.pk, "Second PDSA cycle"),
        ]
    finally:
        project_update_published.disconnect(listener)


def test_partner_editors_keep_only_their_own_projects_current(
    client, groups, partner_a, partner_b, editor_a
):
    ours = ProjectPageFactory(parent=partner_a)
    theirs = ProjectPageFactory(parent=partner_b)
    assert ours.permissions_for_user(editor_a).can_edit()
    assert not theirs.permissions_for_user(editor_a).can_edit()
    client.force_login(editor_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])).status_code == 302


def test_the_page_shows_updates_newest_first_and_live_charts(client, partner):
    project = ProjectPageFactory(parent=partner)
    ProjectMeasureFactory(
        page=project,
        data="\n".join(
            f"2025-{m:02d}-01, {v}" for m, v in zip(range(1, 13), [6] * 6 + [3] * 6, strict=True)
        ),
    )
    ProjectMeasureFactory(page=project, name="Hourly rounding done", data="")
    ProjectUpdateFactory(page=project, date="2025-03-01", title="Older update")
    ProjectUpdateFactory(page=project, date="2025-06-01", title="Newer <b>update</b>")
    text = client.get(project.url).content.decode()
    assert text.index("Newer &lt;b&gt;update&lt;/b&gt;") < text.index("Older update")
    assert "<svg" in text  # the SPC chart, drawn by pages.charts
    assert "Hourly rounding done" in text and "No data yet" in text


# The end -------------------------------------------------------------------------------


def test_ending_the_project_drafts_the_case_study_with_its_history(
    client, idea, huddle_member, organisation, partner
):
    accept(idea, huddle_member, organisation)
    projects.approve(idea, user=huddle_member)
    record_consent(idea)
    project = projects.start_project(idea, user=huddle_member, parent=partner)
    measure = project.measures.get()
    measure.data = "2025-01-01, 6\n2025-02-01, 5"
    measure.save()
    ProjectUpdateFactory(page=project, date="2025-02-10", title="Rounding on nights")
    riverside = PlaceFactory(name="Riverside PCN")
    project.places.set([riverside])
    project.topics.add("falls")
    project.save()
    client.force_login(huddle_member)
    assert "End the project and draft the case study" in client.get(idea_url(idea)).content.decode()
    response = client.post(
        idea_url(idea), {"action": "project_end", "project_end-parent": partner.pk}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == ProjectStage.ENDED
    case_study = CaseStudyPage.objects.get()
    assert not case_study.live and case_study.get_parent().specific == partner
    assert case_study.aim == project.aim
    assert [c.value["title"] for c in case_study.pdsa_cycles] == ["First test of change"]
    assert case_study.measures.get().data == measure.data
    assert "Rounding on nights" in case_study.results
    assert list(case_study.places.all()) == [riverside]
    assert list(case_study.topics.values_list("slug", flat=True)) == ["falls"]
    idea.refresh_from_db()
    assert idea.case_study_id == case_study.pk
    # Once only.
    with pytest.raises(projects.CannotStartProject):
        projects.end_project(idea, user=huddle_member, parent=partner)
    assert CaseStudyPage.objects.count() == 1


def test_a_live_project_is_found_by_search_and_a_draft_is_not(partner):
    ProjectPageFactory(parent=partner, title="Carers zqxprojectmarker passport")
    hits = service.search(service.SearchQuery(text="zqxprojectmarker")).hits
    assert [hit.title for hit in hits] == ["Carers zqxprojectmarker passport"]
    ProjectPageFactory(parent=partner, title="Draft zqxdraftproject", live=False)
    assert service.search(service.SearchQuery(text="zqxdraftproject")).total == 0

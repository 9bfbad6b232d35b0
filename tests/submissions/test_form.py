"""The idea form: each step, errors that keep what was typed, check your answers, submit."""

from django.urls import reverse

import pytest

from submissions.enums import Status
from submissions.models import IdeaDraft, IdeaSubmission, StatusChange
from submissions.portal.steps import STEPS
from tests.submissions.conftest import complete_form, step_url, valid_answers

pytestmark = pytest.mark.django_db

CHECK = reverse("submissions:check")
START = reverse("submissions:start")


def html(response) -> str:
    return response.content.decode()


def test_start_page_explains_what_happens_and_links_the_privacy_notice(client, hub_site):
    response = client.get(START)
    assert response.status_code == 200
    page = html(response)
    assert "Submit an improvement idea" in page
    assert "What happens next" in page
    assert 'href="/privacy-notice/"' in page
    assert f'href="{step_url("about-you")}"' in page
    assert "huddle@wealdshire.example" in page


def test_start_url_is_what_the_home_page_links_to():
    assert reverse("submissions:start") == "/submit-an-idea/"


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_each_step_shows_progress_a_back_link_and_its_questions(client, hub_site, answers, number):
    step = STEPS[number - 1]
    complete_form(client, answers, until=step.slug)

    response = client.get(step_url(step.slug))

    assert response.status_code == 200
    page = html(response)
    assert f"Step {number} of {len(STEPS)}" in page
    assert str(step.title) in page
    back = START if number == 1 else step_url(STEPS[number - 2].slug)
    assert f'class="nhsuk-back-link" href="{back}"' in page
    for name in step.form_class(draft=None).fields:
        if name != "website":
            assert f'name="{name}"' in page, name
    assert 'value="save"' in page  # save and come back later
    assert "csrfmiddlewaretoken" in page


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_each_step_saves_its_answers_and_moves_on(client, hub_site, answers, number):
    step = STEPS[number - 1]
    complete_form(client, answers, until=step.slug)

    response = client.post(step_url(step.slug), answers[step.slug])

    following = STEPS[number].slug if number < len(STEPS) else None
    assert response.status_code == 302
    assert response["Location"] == (step_url(following) if following else CHECK)
    draft = IdeaDraft.objects.get()
    assert step.slug in draft.data


REQUIRED_ERRORS = {
    "about-you": ["Enter your name", "Enter your email address", "Select whether you are staff"],
    "your-idea": ["Enter a title for your idea", "Describe the problem or opportunity"],
    "aim": ["Enter what you are trying to accomplish"],
    "measures": [],
    "changes": ["Enter at least one change you could make"],
    "scope": ["Select whether your idea involves one provider or several"],
    "populations": ["Select yes, no or not sure"],
    "involvement": ["Select how people who use services or carers are involved"],
    "support": ["Select the support you would like"],
    "consent": ["Confirm that you have read the privacy notice"],
}


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
def test_missing_answers_get_the_error_summary_and_field_errors(client, hub_site, answers, slug):
    complete_form(client, answers, until=slug)

    response = client.post(step_url(slug), {})

    expected = REQUIRED_ERRORS[slug]
    if not expected:
        assert response.status_code == 302  # every question on this step is optional
        return
    assert response.status_code == 200
    page = html(response)
    assert 'class="nhsuk-error-summary"' in page
    assert 'role="alert"' in page
    assert "There is a problem" in page
    assert "<title>Error:" in page
    assert page.count("nhsuk-form-group--error") >= len(expected)
    for message in expected:
        assert message in page
        assert page.count(message) >= 2  # in the summary and next to the field


def test_errors_link_to_their_fields_and_focus_moves_to_the_summary(client, hub_site):
    response = client.post(step_url("about-you"), {"submitter_name": "Jo"})
    page = html(response)
    assert 'href="#id_submitter_email"' in page
    assert 'href="#id_submitter_type_0"' in page  # first radio of the group
    assert 'id="id_submitter_type_0"' in page
    assert 'id="id_submitter_email-error"' in page
    assert 'aria-describedby="id_submitter_email-hint id_submitter_email-error"' in page
    # Focus: NHS.UK JS focuses the summary; without JS, autofocus does.
    assert 'data-module="nhsuk-error-summary" tabindex="-1" autofocus' in page


def test_what_was_typed_is_kept_when_there_are_errors(client, hub_site, organisation):
    typed = {
        "submitter_name": "Jo <b>Bloggs</b>",
        "submitter_email": "not-an-email",
        "submitter_role": "Ward sister",
        "submitter_type": "carer",
        "organisation": str(organisation.pk),
    }
    page = html(client.post(step_url("about-you"), typed))
    assert "Enter an email address in the correct format" in page
    assert 'value="Jo &lt;b&gt;Bloggs&lt;/b&gt;"' in page
    assert 'value="not-an-email"' in page
    assert 'value="Ward sister"' in page
    assert 'value="carer" checked' in page
    assert f'<option value="{organisation.pk}" selected>' in page
    assert not IdeaDraft.objects.exists()  # nothing half-valid is stored


def test_checkbox_answers_are_kept_on_error(client, hub_site, answers):
    complete_form(client, answers, until="populations")
    page = html(
        client.post(
            step_url("populations"),
            {"plus_groups": ["other", "coastal_rural"], "adult_clinical_areas": ["maternity"]},
        )
    )
    assert "Select yes, no or not sure" in page
    assert "Enter the other group your idea would help" in page
    assert 'value="other" checked' in page
    assert 'value="coastal_rural" checked' in page
    assert 'value="maternity" checked' in page


def test_multiple_choice_questions_are_checkboxes_and_single_choice_are_radios(
    client, hub_site, answers
):
    complete_form(client, answers, until="populations")
    page = html(client.get(step_url("populations")))
    assert 'name="plus_groups" type="checkbox"' in page
    assert 'class="nhsuk-checkboxes__input" id="id_adult_clinical_areas_0"' in page
    assert 'name="core20" type="radio"' in page
    assert 'name="plus_groups" type="radio"' not in page


def test_an_unlisted_organisation_needs_its_name(client, hub_site):
    data = {**valid_answers()["about-you"], "organisation": "other"}
    assert "Enter the name of your organisation" in html(client.post(step_url("about-you"), data))
    data["organisation_other"] = "Wealdshire Men's Shed"
    assert client.post(step_url("about-you"), data).status_code == 302


def test_answers_are_shown_again_when_going_back(client, hub_site, answers):
    complete_form(client, answers, until="aim")
    page = html(client.get(step_url("your-idea")))
    assert 'value="Fewer falls on ward 7"' in page
    assert "Falls at night have doubled this year." in page


def test_later_steps_need_a_draft(client, hub_site):
    response = client.get(step_url("aim"))
    assert response.status_code == 302
    assert response["Location"] == START


def test_the_check_page_is_not_reachable_until_every_step_is_done(client, hub_site, answers):
    complete_form(client, answers, until="scope")
    response = client.get(CHECK)
    assert response["Location"] == step_url("scope")


def test_check_page_lists_every_answer_with_change_links(completed_client, organisation, priority):
    response = completed_client.get(CHECK)
    assert response.status_code == 200
    page = html(response)
    assert "nhsuk-summary-list" in page
    for expected in [
        "Jo Bloggs",
        "jo@example.org",
        "A member of staff",
        organisation.name,
        "Fewer falls on ward 7",
        "Reduce falls at night by 30% by March.",
        "One provider",
        priority.name,
        "People with a learning disability and autistic people",
        "They will be involved",
        "Quality improvement coaching",
        "Data and measurement",
    ]:
        assert expected in page, expected
    for step in STEPS:
        assert f'href="{step_url(step.slug)}?return=check"' in page
    assert 'Change<span class="nhsuk-u-visually-hidden"> Your name</span>' in page


def test_a_change_returns_to_the_check_page(completed_client):
    page = html(completed_client.get(step_url("aim") + "?return=check"))
    assert f'class="nhsuk-back-link" href="{CHECK}"' in page
    assert "Save and go to check your answers" in page

    response = completed_client.post(
        step_url("aim") + "?return=check", {"aim": "Halve falls at night by June."}
    )

    assert response["Location"] == CHECK
    assert "Halve falls at night by June." in html(completed_client.get(CHECK))


def test_a_change_with_an_error_stays_on_the_step(completed_client):
    response = completed_client.post(step_url("aim") + "?return=check", {"aim": "  "})
    assert response.status_code == 200
    assert "Enter what you are trying to accomplish" in html(response)


def test_submitting_creates_the_idea_with_its_first_status(
    completed_client, organisation, priority
):
    response = completed_client.post(CHECK)

    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:confirmation")
    submission = IdeaSubmission.objects.get()
    assert submission.status == Status.SUBMITTED
    assert submission.title == "Fewer falls on ward 7"
    assert submission.submitter_name == "Jo Bloggs"
    assert submission.submitter_ip == "127.0.0.1"
    assert submission.organisation == organisation
    assert list(submission.priorities.all()) == [priority]
    assert list(submission.organisations_involved.all()) == [organisation]
    assert submission.proposed_route == "single_provider"
    assert submission.support_wanted == ["coaching", "data"]
    assert submission.plus_groups == ["learning_disability_autism"]
    assert submission.language == "en"
    assert submission.privacy_consent_at is not None
    assert submission.status_token_hash
    change = StatusChange.objects.get(submission=submission)
    assert (change.from_status, change.to_status) == ("", Status.SUBMITTED)
    assert not IdeaDraft.objects.exists()  # the draft is consumed


def test_confirmation_shows_the_reference_and_the_status_link(completed_client):
    completed_client.post(CHECK)
    submission = IdeaSubmission.objects.get()

    page = html(completed_client.get(reverse("submissions:confirmation")))

    assert "Idea submitted" in page
    assert submission.reference in page
    assert "/submit-an-idea/status/" in page
    # Shown once: a reload (or anyone later reading the session) no longer has the link.
    again = html(completed_client.get(reverse("submissions:confirmation")))
    assert submission.reference in again
    assert "/submit-an-idea/status/" not in again
    assert "Use the link in your receipt email" in again


def test_double_click_and_replay_create_one_submission(completed_client):
    first = completed_client.post(CHECK)
    second = completed_client.post(CHECK)  # double click: same session, draft gone
    assert IdeaSubmission.objects.count() == 1
    assert first["Location"] == second["Location"] == reverse("submissions:confirmation")


def test_a_replay_from_a_stale_session_creates_nothing_more(completed_client, client):
    """The same POST sent again with the session as it was before the first submit."""
    from django.conf import settings

    cookie = completed_client.cookies[settings.SESSION_COOKIE_NAME].value
    completed_client.post(CHECK)
    draft_key = IdeaSubmission.objects.get().source_draft_key

    from django.contrib.sessions.backends.db import SessionStore

    stale = SessionStore()
    stale["submissions.draft"] = draft_key
    stale.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = stale.session_key
    response = client.post(CHECK)

    assert cookie
    assert IdeaSubmission.objects.count() == 1
    assert response["Location"] == reverse("submissions:confirmation")
    assert IdeaSubmission.objects.get().reference in html(client.get(response["Location"]))


def test_a_concurrent_submit_of_the_same_draft_makes_one_submission(completed_client):
    from submissions.portal import actions as portal_actions

    key = IdeaDraft.objects.get().key
    first = portal_actions.submit_draft(key, ip=None, language="en")
    second = portal_actions.submit_draft(key, ip=None, language="en")
    assert first.created and not second.created
    assert first.submission == second.submission
    assert second.status_token is None


def test_submitting_without_a_draft_goes_to_the_start(client, hub_site):
    response = client.post(CHECK)
    assert response["Location"] == START
    assert not IdeaSubmission.objects.exists()


def test_the_start_page_offers_to_continue_a_draft(client, hub_site, answers):
    complete_form(client, answers, until="measures")
    page = html(client.get(START))
    assert "Continue your idea" in page
    assert f'href="{step_url("measures")}"' in page


def test_form_pages_are_private(client, hub_site):
    response = client.get(step_url("about-you"))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html(response)


def test_the_form_works_in_another_language(client, hub_site, answers):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="pl")
    response = client.get("/pl/submit-an-idea/about-you/")
    assert response.status_code == 200
    assert '<html lang="pl"' in html(response)
    response = client.post("/pl/submit-an-idea/about-you/", answers["about-you"])
    assert response["Location"] == "/pl/submit-an-idea/your-idea/"
    assert IdeaDraft.objects.get().language == "pl"


def test_page_queries_do_not_grow_with_content(completed_client, home_page):
    """The check page (the heaviest: every answer, names, similar work) and a step with
    every organisation and priority listed run a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from demo.factories import OrganisationFactory, PriorityFactory, StandardPageFactory

    def count(url):
        completed_client.get(url)  # warm caches (site root paths, settings)
        with CaptureQueriesContext(connection) as queries:
            assert completed_client.get(url).status_code == 200
        return len(queries)

    before = (count(CHECK), count(step_url("scope")))
    for number in range(30):
        OrganisationFactory(name=f"Extra partner {number}")
        PriorityFactory(name=f"Extra priority {number}")
        StandardPageFactory(parent=home_page, title=f"Falls at night project {number}")
    after = (count(CHECK), count(step_url("scope")))

    assert after <= before, f"queries grew: {before} -> {after}"

"""Save and come back later: a draft on the server and a signed, expiring, single-purpose link."""

from datetime import timedelta

from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

import pytest

from submissions.models import IdeaDraft
from submissions.portal import actions as portal_actions
from tests.submissions.conftest import complete_form, step_url

pytestmark = pytest.mark.django_db

SAVE = reverse("submissions:save")


def html(response):
    return response.content.decode()


@pytest.fixture
def saved_client(client, hub_site, answers):
    """A client that has answered three steps, then pressed "Save and come back later"."""
    complete_form(client, answers, until="measures")
    response = client.post(step_url("measures"), {**answers["measures"], "action": "save"})
    assert response["Location"] == SAVE
    return client


def link_from_email() -> str:
    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/continue/" in line).strip()


def test_saving_asks_for_an_email_address_already_filled_in(saved_client):
    page = html(saved_client.get(SAVE))
    assert "Your answers have been saved" in page
    assert 'value="jo@example.org"' in page
    assert IdeaDraft.objects.get().data["measures"]["outcome_measures"] == (
        "Falls per 1,000 bed days"
    )


def test_the_save_page_says_how_long_the_link_works_as_configured(saved_client, settings):
    assert "The link works for 30 days." in html(saved_client.get(SAVE))
    settings.SUBMISSIONS_DRAFT_EXPIRY_DAYS = 1
    assert "The link works for 1 day." in html(saved_client.get(SAVE))


def test_the_link_is_emailed_and_restores_the_draft_in_a_new_session(
    saved_client, client_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = saved_client.post(SAVE, {"email": "jo.home@example.org"})
    assert "Check your email" in html(response)
    assert [m.to for m in mail.outbox] == [["jo.home@example.org"]]
    link = link_from_email()
    assert link.startswith("http://testserver/submit-an-idea/continue/")
    # The link carries no answers, only a signed reference to the draft.
    assert "Fewer falls" not in link and "jo@" not in link

    other_device = client_class()
    response = other_device.get(link)

    assert response.status_code == 302
    assert response["Location"] == step_url("changes")  # the first unanswered step
    page = html(other_device.get(step_url("your-idea")))
    assert 'value="Fewer falls on ward 7"' in page


def test_an_invalid_email_address_is_an_error(saved_client):
    page = html(saved_client.post(SAVE, {"email": "jo at example"}))
    assert "Enter an email address in the correct format" in page
    assert mail.outbox == []


def test_an_expired_link_says_so(saved_client, client_class, settings):
    token = portal_actions.continue_token(IdeaDraft.objects.get())
    url = reverse("submissions:continue", args=[token])
    settings.SUBMISSIONS_DRAFT_EXPIRY_DAYS = 0  # signed more than 0 days ago: expired
    response = client_class().get(url)
    assert response.status_code == 410
    assert "This link has expired" in html(response)


def test_a_link_to_an_expired_draft_does_not_work(saved_client, client_class):
    draft = IdeaDraft.objects.get()
    token = portal_actions.continue_token(draft)
    IdeaDraft.objects.filter(pk=draft.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = client_class().get(reverse("submissions:continue", args=[token]))
    assert response.status_code == 404


def test_a_tampered_link_does_not_work(saved_client, client_class):
    token = portal_actions.continue_token(IdeaDraft.objects.get())
    tampered = token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")
    response = client_class().get(reverse("submissions:continue", args=[tampered]))
    assert response.status_code == 404
    assert "This link does not work" in html(response)


def test_a_token_signed_for_another_purpose_does_not_work(saved_client, client_class):
    draft = IdeaDraft.objects.get()
    other_purpose = signing.dumps({"draft": draft.key}, salt="something-else", compress=True)
    unsalted = signing.dumps({"draft": draft.key})
    for token in (other_purpose, unsalted):
        response = client_class().get(reverse("submissions:continue", args=[token]))
        assert response.status_code == 404


def test_a_link_stops_working_once_the_idea_is_submitted(client, client_class, hub_site, answers):
    complete_form(client, answers)
    token = portal_actions.continue_token(IdeaDraft.objects.get())
    client.post(reverse("submissions:check"))
    response = client_class().get(reverse("submissions:continue", args=[token]))
    assert response.status_code == 404


def test_continue_emails_are_rate_limited(saved_client, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 2
    for _attempt in range(2):
        assert saved_client.post(SAVE, {"email": "jo@example.org"}).status_code == 200
    response = saved_client.post(SAVE, {"email": "jo@example.org"})
    assert response.status_code == 429


def test_drafts_expire_after_the_configured_days(client, hub_site, answers, settings):
    settings.SUBMISSIONS_DRAFT_EXPIRY_DAYS = 30
    complete_form(client, answers, until="your-idea")
    draft = IdeaDraft.objects.get()
    assert timedelta(days=29) < draft.expires_at - timezone.now() <= timedelta(days=30)
    IdeaDraft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    # An expired draft is gone from the session: later steps go back to the start.
    assert client.get(step_url("your-idea"))["Location"] == reverse("submissions:start")

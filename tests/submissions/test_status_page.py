"""The submitter's private status page: token access, messages, reply and withdraw."""

from django.core import mail
from django.urls import reverse

import pytest

from demo.factories import IdeaSubmissionFactory, SubmissionMessageFactory, UserFactory
from submissions.enums import Status
from submissions.models import SubmissionMessage
from submissions.transitions import transition
from tests.submissions.conftest import HUDDLE_EMAIL

pytestmark = pytest.mark.django_db

TOKEN = "a-private-status-token-that-is-long-enough-to-be-real-1234"


def status_url(token=TOKEN):
    return reverse("submissions:status", args=[token])


@pytest.fixture
def submission(hub_site):
    return IdeaSubmissionFactory(
        status_token=TOKEN,
        title="Fewer falls on ward 7",
        submitter_name="Jo Bloggs",
        submitter_email="jo@example.org",
    )


@pytest.fixture
def member(db):
    return UserFactory(username="huddle.member")


def html(response):
    return response.content.decode()


def test_the_status_page_shows_status_and_history(client, submission, member):
    transition(submission, Status.IN_TRIAGE, by_user=member)
    response = client.get(status_url())
    assert response.status_code == 200
    page = html(response)
    assert submission.reference in page
    assert "Fewer falls on ward 7" in page
    assert "Being reviewed by the huddle" in page
    assert "Received" in page  # history
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer would break CSRF
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Who in the huddle made a change is not shown to the submitter.
    assert member.username not in page and member.last_name not in page


def test_the_status_page_never_shows_personal_data(client, submission):
    page = html(client.get(status_url()))
    for personal in ("Jo Bloggs", "jo@example.org", "192.0.2.10", "Ward sister"):
        assert personal not in page


@pytest.mark.parametrize(
    "token",
    ["not-a-token", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "x" * 300],
)
def test_a_wrong_token_is_a_plain_404(client, submission, token):
    assert client.get(status_url(token)).status_code == 404
    assert client.post(reverse("submissions:reply", args=[token]), {"body": "x"}).status_code == 404
    assert client.get(reverse("submissions:withdraw", args=[token])).status_code == 404


def test_huddle_messages_are_shown_escaped(client, submission):
    SubmissionMessageFactory(
        submission=submission, body='<script>alert("hi")</script>\nHow many falls?'
    )
    page = html(client.get(status_url()))
    assert "From the huddle" in page
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;<br>How many falls?" in page
    assert "<script>alert" not in page


def test_a_title_with_markup_is_shown_as_text(client, hub_site):
    IdeaSubmissionFactory(status_token=TOKEN, title="<b onmouseover=alert(1)>Idea</b>")
    page = html(client.get(status_url()))
    assert "&lt;b onmouseover=alert(1)&gt;Idea&lt;/b&gt;" in page
    assert "<b onmouseover" not in page


def test_no_reply_form_unless_the_huddle_asked(client, submission):
    page = html(client.get(status_url()))
    assert "Send reply" not in page
    response = client.post(reverse("submissions:reply", args=[TOKEN]), {"body": "Hello"})
    assert response.status_code == 302
    assert not SubmissionMessage.objects.exists()
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED


def test_replying_to_a_request_for_more_information(
    client, submission, member, django_capture_on_commit_callbacks
):
    transition(submission, Status.IN_TRIAGE, by_user=member)
    transition(submission, Status.MORE_INFO_REQUESTED, by_user=member)
    SubmissionMessageFactory(submission=submission, body="How many falls last month?")
    page = html(client.get(status_url()))
    assert "The huddle needs more information from you" in page
    assert "Send reply" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("submissions:reply", args=[TOKEN]), {"body": "Twelve, <b>all</b> at night."}
        )

    assert response["Location"] == status_url()
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTER_REPLIED
    change = submission.status_changes.last()
    assert change.by_submitter and change.to_status == Status.SUBMITTER_REPLIED
    message = submission.messages.get(sender="submitter")
    assert message.body == "Twelve, <b>all</b> at night."  # stored as typed
    page = html(client.get(status_url()))
    assert "Your reply has been sent to the huddle." in page
    assert "Twelve, &lt;b&gt;all&lt;/b&gt; at night." in page
    assert [m.to for m in mail.outbox] == [[HUDDLE_EMAIL]]
    assert "replied" in mail.outbox[0].subject


def test_an_empty_reply_is_an_error_that_keeps_the_page(client, submission, member):
    transition(submission, Status.IN_TRIAGE, by_user=member)
    transition(submission, Status.MORE_INFO_REQUESTED, by_user=member)
    response = client.post(reverse("submissions:reply", args=[TOKEN]), {"body": " \u200b "})
    assert response.status_code == 200
    page = html(response)
    assert "Enter your reply" in page
    assert "nhsuk-error-summary" in page
    submission.refresh_from_db()
    assert submission.status == Status.MORE_INFO_REQUESTED


def test_withdrawing_asks_first_then_withdraws(
    client, submission, django_capture_on_commit_callbacks
):
    page = html(client.get(status_url()))
    withdraw_url = reverse("submissions:withdraw", args=[TOKEN])
    assert withdraw_url in page

    confirm = client.get(withdraw_url)
    assert "Are you sure you want to withdraw your idea?" in html(confirm)
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url, {"reason": "I have moved jobs"})

    assert response["Location"] == status_url()
    submission.refresh_from_db()
    assert submission.status == Status.WITHDRAWN
    change = submission.status_changes.last()
    assert change.by_submitter and change.reason == "I have moved jobs"
    page = html(client.get(status_url()))
    assert "You have withdrawn your idea." in page
    assert "Withdrawn by you" in page
    assert withdraw_url not in page
    assert [m.subject for m in mail.outbox] == [f"Idea withdrawn: {submission.reference}"]


def test_a_closed_idea_cannot_be_withdrawn(client, submission, member):
    transition(submission, Status.IN_TRIAGE, by_user=member)
    transition(submission, Status.DECLINED, by_user=member, reason="A similar project exists.")
    page = html(client.get(status_url()))
    assert "Not taken forward" in page
    assert "A similar project exists." in page  # the huddle's reason is shown
    response = client.post(reverse("submissions:withdraw", args=[TOKEN]), {})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.DECLINED

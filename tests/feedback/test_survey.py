"""The submitter's survey: emailed once per idea when the huddle decides, in the
submitter's language, answered once through a signed link that expires."""

import re

from django.core import mail, signing
from django.utils import timezone

import pytest

from demo.factories.hub import UserFactory
from demo.factories.submissions import IdeaSubmissionFactory
from feedback import survey, views
from feedback.models import SubmitterSurvey
from hub import personal_data
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from submissions.enums import Route, Status
from submissions.status import InvalidTransition
from submissions.transitions import decide, decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return UserFactory(username="huddle.member")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def accept(idea, member):
    return decide(idea, Status.ACCEPTED, by_user=member, route=Route.SINGLE_PROVIDER)


def survey_link(message) -> str:
    return re.search(r"https?://\S+/feedback/survey/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def test_a_decision_emails_the_survey_exactly_once(member, commit):
    idea = IdeaSubmissionFactory(submitter_email="sam@example.org")
    with commit():
        change = accept(idea, member)
    with commit():  # the decision's signal again (a retry, a second decision): nothing new
        decided.send(sender=type(idea), submission=idea, change=change)
    surveys = SubmitterSurvey.objects.filter(submission=idea)
    assert surveys.count() == 1
    assert surveys.get().decision == Status.ACCEPTED
    emails = OutboxEmail.objects.filter(purpose=EmailPurpose.SUBMITTER_SURVEY)
    assert [e.key for e in emails] == [f"survey:{idea.reference}"]
    (message,) = [m for m in mail.outbox if "three questions" in m.subject]
    assert message.to == ["sam@example.org"]
    assert idea.reference in message.subject
    assert "/feedback/survey/" in survey_link(message)


@pytest.mark.parametrize("status", [Status.DECLINED, Status.REDIRECTED])
def test_declined_and_redirected_ideas_get_the_survey_too(member, commit, status):
    idea = IdeaSubmissionFactory()
    with commit():
        decide(idea, status, by_user=member, reason="Already a project", redirected_to="Falls QI")
    assert SubmitterSurvey.objects.get(submission=idea).decision == status


def test_moves_that_are_not_decisions_send_no_survey(member, commit):
    idea = IdeaSubmissionFactory()
    with commit():
        decide(idea, Status.MORE_INFO_REQUESTED, by_user=member, reason="Baseline?")
    assert not SubmitterSurvey.objects.exists()
    assert not OutboxEmail.objects.filter(purpose=EmailPurpose.SUBMITTER_SURVEY).exists()


def test_no_address_no_survey(member, commit):
    idea = IdeaSubmissionFactory(submitter_email="")
    with commit():
        accept(idea, member)
    assert not SubmitterSurvey.objects.exists()


def test_the_email_and_link_are_in_the_submitters_language(member, commit):
    idea = IdeaSubmissionFactory(language="pl")
    with commit():
        accept(idea, member)
    email = OutboxEmail.objects.get(purpose=EmailPurpose.SUBMITTER_SURVEY)
    assert email.language == "pl"
    (message,) = [m for m in mail.outbox if idea.reference in m.subject and "/feedback/" in m.body]
    assert "/pl/feedback/survey/" in survey_link(message)
    assert "three questions" not in message.subject  # translated


def test_a_refused_decision_sends_nothing(member, commit):
    idea = IdeaSubmissionFactory()
    with pytest.raises(InvalidTransition), commit():
        decide(idea, Status.DECLINED, by_user=member, reason="")  # a reason is required
    assert not SubmitterSurvey.objects.exists()


@pytest.fixture
def sent(member, commit):
    idea = IdeaSubmissionFactory(submitter_email="sam@example.org")
    with commit():
        accept(idea, member)
    return SubmitterSurvey.objects.get(submission=idea)


def answers(**extra):
    return {"fair": "4", "clear": "5", "fast": "2", "comment": "", **extra}


def test_the_survey_is_answered_once(client, sent):
    url = f"/feedback/survey/{survey.token_for(sent)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "How fair was the decision on your idea?" in html
    response = client.post(url, answers(comment="Quick. Call 07700 900123 to talk more."))
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.fair, sent.clear, sent.fast) == (4, 5, 2)
    assert sent.answered_at is not None
    assert "07700" not in sent.comment and sent.comment.startswith("Quick.")
    again = client.post(url, answers(fair="1"))
    assert again.status_code == 410
    assert "already been answered" in again.content.decode()
    sent.refresh_from_db()
    assert sent.fair == 4
    assert client.get(url).status_code == 410


def test_a_survey_answered_in_the_meantime_is_not_overwritten(sent):
    assert survey.answer(sent, fair=3, clear=3, fast=3, comment="")
    assert not survey.answer(sent, fair=1, clear=1, fast=1, comment="")
    sent.refresh_from_db()
    assert sent.fair == 3


def test_an_expired_link_says_so(client, sent, monkeypatch):
    monkeypatch.setattr(survey, "LINK_DAYS", -1)
    response = client.get(f"/feedback/survey/{survey.token_for(sent)}/")
    assert response.status_code == 410
    assert "expired" in response.content.decode()


@pytest.mark.parametrize(
    "make_token",
    [
        lambda: "nonsense",
        lambda: "1",
        lambda: signing.dumps(1, salt="another.salt"),
        lambda: signing.dumps("x", salt=survey.SALT),
    ],
    # Named, not shown: a signed token holds the time, and xdist's workers must collect the
    # same test ids.
    ids=["nonsense", "a-number", "another-salt", "not-a-survey-id"],
)
def test_a_wrong_link_is_refused(client, sent, make_token):
    token = make_token()
    response = client.get(f"/feedback/survey/{token}/")
    assert response.status_code == 404
    assert "not right" in response.content.decode()


def test_a_link_for_a_survey_that_has_gone_is_refused(client, sent):
    token = survey.token_for(sent)
    sent.delete()
    assert client.get(f"/feedback/survey/{token}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (answers(fair=""), "Select a score from 1 to 5"),
        (answers(clear="6"), "Select a score from 1 to 5"),
        (answers(fast="<script>"), "Select a score from 1 to 5"),
        (answers(comment="y" * 1001), "1000 characters or fewer"),
    ],
)
def test_bad_answers_are_explained_and_kept(client, sent, data, error):
    url = f"/feedback/survey/{survey.token_for(sent)}/"
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert "nhsuk-error-summary" in html
    assert 'value="4" checked' in html or data["fair"] != "4"
    sent.refresh_from_db()
    assert sent.answered_at is None


def test_survey_posts_are_rate_limited(client, sent, monkeypatch):
    monkeypatch.setattr(views, "SURVEY_POSTS_PER_HOUR", 2)
    url = f"/feedback/survey/{survey.token_for(sent)}/"
    client.post(url, answers(fair=""))
    client.post(url, answers(fair=""))
    response = client.post(url, answers())
    assert response.status_code == 429
    assert "Retry-After" in response


def test_the_survey_page_in_urdu_is_right_to_left(client, sent):
    html = client.get(f"/ur/feedback/survey/{survey.token_for(sent)}/").content.decode()
    assert 'dir="rtl"' in html
    assert "How fair was the decision on your idea?" not in html


def test_erasure_unlinks_the_answers_from_the_person(sent):
    survey.answer(sent, fair=2, clear=2, fast=2, comment="My manager was unhelpful")
    assert "feedback.surveys" in personal_data.find("SAM@example.org")
    counts = personal_data.erase("sam@example.org", keys=["feedback.surveys"])
    assert counts == {"feedback.surveys": 1}
    sent.refresh_from_db()
    assert sent.submission is None and sent.comment == ""
    assert sent.fair == 2  # the anonymous scores stay for the report


def test_answers_of_purged_ideas_are_unlinked_by_the_purge(sent):
    sent.submission.personal_data_removed_at = timezone.now()
    sent.submission.save(update_fields=["personal_data_removed_at"])
    assert personal_data.purge() == {"feedback.surveys": 1}
    sent.refresh_from_db()
    assert sent.submission is None

"""The idea form in Polish and Urdu: errors, the language recorded, emails in that language,
and the huddle sees the original text."""

from django.core import mail
from django.utils import translation

import pytest

from submissions.models import IdeaSubmission
from submissions.portal.steps import STEPS
from tests.submissions.conftest import valid_answers

pytestmark = pytest.mark.django_db


def url(name, language):
    from django.urls import reverse

    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(
    ("language", "error", "received", "step_text", "direction"),
    [
        ("pl", "Wpisz swoje imię i nazwisko", "Otrzymaliśmy Twój pomysł", "Krok 1 z 10", "ltr"),
        ("ur", "اپنا نام لکھیں", "آپ کا خیال موصول ہو گیا ہے", "مرحلہ 1 از 10", "rtl"),
    ],
)
def test_a_full_submission_in_another_language(
    client,
    hub_site,
    organisation,
    priority,
    django_capture_on_commit_callbacks,
    language,
    error,
    received,
    step_text,
    direction,
):
    answers = valid_answers(organisation, priority)
    answers["your-idea"]["title"] = {"pl": "Mniej upadków w nocy", "ur": "رات کو کم گرنا"}[language]

    first = client.get(url("submissions:about-you", language)).content.decode()
    assert f'lang="{language}" dir="{direction}"' in first
    assert step_text in first

    # An error state, in the visitor's language, keeping what was typed.
    page = client.post(
        url("submissions:about-you", language),
        {**answers["about-you"], "submitter_name": ""},
    ).content.decode()
    assert error in page
    assert 'value="jo@example.org"' in page

    for step in STEPS:
        response = client.post(url(step.url_name, language), answers[step.slug])
        assert response.status_code == 302, step.slug
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submissions:check", language))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/")

    submission = IdeaSubmission.objects.get()
    assert submission.language == language
    assert submission.title == answers["your-idea"]["title"]  # the huddle sees the original

    to_submitter = [m for m in mail.outbox if "jo@example.org" in m.to]
    assert to_submitter, [m.to for m in mail.outbox]
    receipt = to_submitter[0]
    assert received in receipt.subject
    assert f"/{language}/submit-an-idea/status/" in receipt.body
    huddle = [m for m in mail.outbox if "jo@example.org" not in m.to]
    assert huddle and all("New idea" in m.subject for m in huddle)  # the huddle reads English

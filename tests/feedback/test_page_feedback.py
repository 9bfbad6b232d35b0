"""'Was this page useful?': a csrf-exempt, rate-limited, no-personal-data form on every public
page (and the search page) that keeps counts and scrubbed comments, never who."""

from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from demo.factories.pages import StandardPageFactory
from feedback import views
from feedback.models import PageFeedbackComment, PageFeedbackCount
from feedback.privacy import scrub
from feedback.templatetags.feedback_tags import page_feedback

pytestmark = pytest.mark.django_db

ANSWER = "/feedback/page/"
COMMENT = "/feedback/page/comment/"


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Falls prevention toolkit")


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def counts():
    return {
        (row.place, row.language): (row.useful, row.not_useful)
        for row in PageFeedbackCount.objects.all()
    }


def test_the_form_is_at_the_foot_of_a_public_page_without_a_csrf_token(client, page):
    html = client.get(page.url).content.decode()
    assert "Was this page useful?" in html
    assert f'name="page" value="{page.pk}"' in html
    assert 'action="/feedback/page/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_search_page_has_the_form_for_itself(client, home_page):
    html = client.get("/search/").content.decode()
    assert "Was this page useful?" in html
    assert 'name="page"' not in html.split("Was this page useful?")[1].split("</form>")[0]


def test_a_private_page_does_not_offer_the_form(client, page):
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    page.refresh_from_db()
    assert page_feedback(page)["shown"] is False


def test_yes_without_javascript_counts_and_thanks(csrf_client, page):
    response = csrf_client.post(ANSWER, {"page": page.pk, "useful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"/feedback/page/thanks/?page={page.pk}&answer=yes"
    assert not response.cookies
    assert counts() == {(str(page.pk), "en"): (1, 0)}
    thanks = csrf_client.get(response["Location"])
    html = thanks.content.decode()
    assert "Thank you for your feedback" in html
    assert "What was wrong" not in html
    assert f'href="{page.url}"' in html


def test_no_asks_what_was_wrong_and_keeps_the_comment_without_personal_data(csrf_client, page):
    response = csrf_client.post(ANSWER, {"page": page.pk, "useful": "no"})
    thanks = csrf_client.get(response["Location"]).content.decode()
    assert "What was wrong with this page?" in thanks
    assert "Do not include personal information" in thanks
    text = "The phone number is wrong. Call me on 07700 900123 or mail sam.jones@example.org"
    done = csrf_client.post(COMMENT, {"page": page.pk, "text": text})
    assert done.status_code == 302
    comment = PageFeedbackComment.objects.get()
    assert comment.page_id == page.pk
    assert "07700" not in comment.text and "900123" not in comment.text
    assert "example.org" not in comment.text and "sam.jones" not in comment.text
    assert comment.text.startswith("The phone number is wrong.")
    assert "[number removed]" in comment.text and "[email removed]" in comment.text
    assert counts() == {(str(page.pk), "en"): (0, 1)}


def test_answers_are_counted_per_language(client, page):
    client.post("/pl/feedback/page/", {"page": page.pk, "useful": "yes"})
    client.post("/ur/feedback/page/", {"page": page.pk, "useful": "no"})
    client.post(ANSWER, {"page": page.pk, "useful": "yes"})
    client.post(ANSWER, {"page": page.pk, "useful": "yes"})
    assert counts() == {
        (str(page.pk), "pl"): (1, 0),
        (str(page.pk), "ur"): (0, 1),
        (str(page.pk), "en"): (2, 0),
    }


def test_the_search_page_is_counted_as_search(client, home_page):
    client.post(ANSWER, {"useful": "no"})
    assert counts() == {("search", "en"): (0, 1)}


def test_with_javascript_the_answer_is_thanked_in_place(client, page):
    response = client.post(
        ANSWER, {"page": page.pk, "useful": "yes"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"message": "Thank you for your feedback."}


@pytest.mark.parametrize(
    "data",
    [
        {"useful": "maybe"},
        {"useful": ""},
        {},
        {"useful": "yes", "page": "abc"},
        {"useful": "yes", "page": "-3"},
        {"useful": ["yes", "<script>"]},
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, page, data):
    if "page" not in data:
        data = {**data, "page": page.pk}
    response = client.post(ANSWER, data)
    assert response.status_code == 400
    assert "Your feedback was not sent" in response.content.decode()
    assert not PageFeedbackCount.objects.exists()


def test_a_page_that_is_not_live_or_not_public_is_refused(client, page, home_page):
    draft = StandardPageFactory(parent=home_page, live=False)
    private = StandardPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page_id in (draft.pk, private.pk, 999_999):
        response = client.post(ANSWER, {"page": page_id, "useful": "yes"})
        assert response.status_code == 400
        assert "could not be found" in response.content.decode()
    assert not PageFeedbackCount.objects.exists()


def test_unknown_fields_are_ignored(client, page):
    client.post(ANSWER, {"page": page.pk, "useful": "yes", "email": "a@b.org", "day": "2001-01-01"})
    row = PageFeedbackCount.objects.get()
    assert row.useful == 1 and str(row.day) != "2001-01-01"


def test_a_get_writes_nothing(client, page):
    assert client.get(ANSWER).status_code == 405
    client.get(f"/feedback/page/thanks/?page={page.pk}&answer=no")
    client.get("/feedback/page/thanks/?page=x&answer=<b>")
    assert not PageFeedbackCount.objects.exists()
    assert not PageFeedbackComment.objects.exists()


def test_answers_are_rate_limited_per_address(client, page, monkeypatch):
    monkeypatch.setattr(views, "ANSWERS_PER_HOUR", 3)
    for _ in range(3):
        assert client.post(ANSWER, {"page": page.pk, "useful": "yes"}).status_code == 302
    response = client.post(ANSWER, {"page": page.pk, "useful": "yes"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "a lot of feedback" in response.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(ANSWER, {"page": page.pk, "useful": "yes"}).status_code == 302
    assert counts() == {(str(page.pk), "en"): (4, 0)}


def test_comments_are_rate_limited(client, page, monkeypatch):
    monkeypatch.setattr(views, "COMMENTS_PER_HOUR", 1)
    client.post(COMMENT, {"page": page.pk, "text": "Out of date"})
    response = client.post(COMMENT, {"page": page.pk, "text": "Still out of date"})
    assert response.status_code == 429
    assert PageFeedbackComment.objects.count() == 1


def test_an_empty_or_long_comment_is_explained_next_to_the_field(client, page):
    response = client.post(COMMENT, {"page": page.pk, "text": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter what was wrong with this page" in html
    assert "nhsuk-error-summary" in html
    long = "x" * 1001
    response = client.post(COMMENT, {"page": page.pk, "text": long})
    assert response.status_code == 400
    html = response.content.decode()
    assert "1000 characters or fewer" in html
    assert long in html  # what was typed is kept
    assert not PageFeedbackComment.objects.exists()


def test_a_filled_honeypot_stores_nothing(client, page):
    response = client.post(COMMENT, {"page": page.pk, "text": "spam", "website": "http://x"})
    assert response.status_code == 302
    assert not PageFeedbackComment.objects.exists()


def test_a_comment_on_a_page_that_is_not_public_is_refused(client, home_page):
    draft = StandardPageFactory(parent=home_page, live=False)
    response = client.post(COMMENT, {"page": draft.pk, "text": "Broken"})
    assert response.status_code == 400
    assert not PageFeedbackComment.objects.exists()


def test_the_thanks_page_is_in_polish_and_urdu(client, page):
    for prefix in ("pl", "ur"):
        html = client.get(f"/{prefix}/feedback/page/thanks/?answer=no").content.decode()
        assert f'lang="{prefix}"' in html
        assert "Thank you for your feedback" not in html


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Email me at jo.bloggs+nhs@nhs.net please", "Email me at [email removed] please"),
        ("ring 0115 496 0000", "ring [number removed]"),
        ("my number is +44 (0)115 496-0000.", "my number is [number removed]."),
        ("NHS number 943 476 5919", "NHS number [number removed]"),
        ("ward 7 in 2024 had 12 beds", "ward 7 in 2024 had 12 beds"),
    ],
)
def test_scrub_takes_out_emails_and_numbers(text, kept):
    assert scrub(text) == kept


@pytest.mark.parametrize("where", ["page", "search"])
def test_pages_with_the_form_are_still_kept_by_the_page_cache(client, page, settings, where):
    settings.HUB_PAGE_CACHE = True
    url = page.url if where == "page" else "/search/?q=falls"
    first = client.get(url)
    assert "Was this page useful?" in first.content.decode()
    assert first["X-Hub-Cache"] == "miss"
    assert client.get(url)["X-Hub-Cache"] == "hit"

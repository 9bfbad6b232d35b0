"""POST /api/v3/submissions/ (anyone) and reading ideas (huddle members only)."""

import json

from django.core.cache import cache
from django.utils import translation

import pytest

from submissions.models import IdeaSubmission
from submissions.status import Status

from .conftest import bearer

URL = "/api/v3/submissions/"


def an_idea(**changes) -> dict:
    idea = {
        "submitter_name": "Grace Okafor",
        "submitter_email": "grace@example.org",
        "submitter_type": "staff",
        "title": "Fewer missed insulin doses",
        "problem": "Patients on Ward 3 miss insulin doses at handover.",
        "aim": "No missed doses on Ward 3 by June.",
        "change_ideas": "A handover checklist; a pharmacist at the 8am huddle.",
        "proposed_route": "single_provider",
        "core20": "not_sure",
        "involvement": "not_yet",
        "support_wanted": ["not_sure"],
        "privacy_consent": True,
    }
    idea.update(changes)
    return idea


def post(client, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_an_idea_is_filed_with_its_reference_and_a_private_status_link(
    api, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, an_idea(priorities=[], organisations_involved=[]))
    assert response.status_code == 201, response.content
    body = response.json()
    idea = IdeaSubmission.objects.get(reference=body["reference"])
    assert body["status"] == Status.SUBMITTED == idea.status
    assert body["status_url"].startswith("http://testserver/submit-an-idea/status/")
    assert idea.submitter_email == "grace@example.org"
    assert idea.language == "en"
    assert idea.status_changes.count() == 1
    # The receipt goes out as it does for the web form.
    assert idea.outbox_emails.filter(to="grace@example.org").exists()
    [receipt] = [mail for mail in mailoutbox if mail.to == ["grace@example.org"]]
    assert idea.reference in receipt.subject + receipt.body
    # The status link works for the submitter.
    assert api.get(body["status_url"]).status_code == 200


def test_organisations_and_priorities_are_given_by_their_ids(api, seeded):
    from hub.models import Organisation, Priority

    trust, council = Organisation.objects.filter(locale__language_code="en")[:2]
    stroke = Priority.objects.filter(locale__language_code="en").first()
    response = post(
        api,
        an_idea(
            organisation=trust.pk,
            organisations_involved=[trust.pk, council.pk],
            priorities=[stroke.pk],
            proposed_route="integrated",
        ),
    )
    assert response.status_code == 201, response.content
    idea = IdeaSubmission.objects.get(reference=response.json()["reference"])
    assert idea.organisation == trust
    assert set(idea.organisations_involved.all()) == {trust, council}
    assert list(idea.priorities.all()) == [stroke]


def test_refused_answers_come_back_as_field_errors_in_the_form_s_words(api):
    response = post(
        api,
        an_idea(
            submitter_email="not-an-email",
            title="",
            submitter_name="x" * 500,
            proposed_route="sideways",
            privacy_consent=False,
        ),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    errors = {tuple(error["loc"]): error for error in problem["errors"]}
    assert errors[("body", "idea", "submitter_email")]["msg"] == (
        "Enter an email address in the correct format, like name@example.com"
    )
    assert errors[("body", "idea", "title")]["msg"] == "Enter a title for your idea"
    assert errors[("body", "idea", "title")]["type"] == "required"
    assert "150 characters or fewer" in errors[("body", "idea", "submitter_name")]["msg"]
    assert ("body", "idea", "proposed_route") in errors
    assert ("body", "idea", "privacy_consent") in errors
    assert not IdeaSubmission.objects.filter(submitter_email="not-an-email").exists()


def test_refusals_are_explained_in_the_language_of_the_request(api):
    """The payload's ``language``, or else the client's Accept-Language, for the detail and
    each error message."""
    refused = an_idea(title="", language="pl")
    problem = post(api, refused).json()
    assert problem["detail"] == "Niektóre odpowiedzi trzeba poprawić."
    by_field = {error["loc"][-1]: error["msg"] for error in problem["errors"]}
    assert by_field["title"] != "Enter a title for your idea"

    without_language = an_idea(title="")
    problem = post(api, without_language, HTTP_ACCEPT_LANGUAGE="ur,en;q=0.5").json()
    assert problem["detail"] == "کچھ جوابات میں تبدیلی کی ضرورت ہے۔"
    assert post(api, without_language).json()["detail"] == "Some answers need changing."
    # The payload's language wins over the header.
    problem = post(api, refused, HTTP_ACCEPT_LANGUAGE="ur").json()
    assert problem["detail"] == "Niektóre odpowiedzi trzeba poprawić."


def test_a_malformed_request_is_refused_in_the_language_of_the_request(api):
    """422 from the schema (a bad type, an unknown language) and 400 from a view."""
    problem = post(api, {"title": 12}, HTTP_ACCEPT_LANGUAGE="pl").json()
    assert problem["status"] == 422
    assert problem["detail"] == "Walidacja nie powiodła się"
    assert problem["errors"]
    assert post(api, {"title": 12}).json()["detail"] == "Validation failed"

    too_long = post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="k" * 201, HTTP_ACCEPT_LANGUAGE="ur")
    assert too_long.status_code == 400
    assert too_long.json()["detail"] == "Idempotency-Key زیادہ سے زیادہ 200 حروف کا ہو سکتا ہے۔"

    bad_limit = api.get("/api/v3/taxonomies/?locale=xx", HTTP_ACCEPT_LANGUAGE="pl")
    assert bad_limit.status_code == 422
    assert bad_limit.json()["detail"] == "Walidacja nie powiodła się"
    missing = api.get("/api/v3/nothing-here/?locale=ur")
    assert missing.json()["detail"] == "اس پتے پر کوئی API اینڈ پوائنٹ نہیں ہے۔"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ("[]", 422),
        (json.dumps({"title": 12, "support_wanted": "not a list"}), 422),
        (json.dumps({"organisation": "Kingsmead"}), 422),
        (json.dumps({"language": "xx"}), 422),
        (json.dumps({"support_wanted": ["free money"]}), 422),
    ],
)
def test_malformed_bodies_are_4xx_problems_and_file_nothing(api, body, status):
    before = IdeaSubmission.objects.count()
    response = post(api, body)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status
    assert IdeaSubmission.objects.count() == before


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(api, settings):
    settings.API_MAX_BODY_BYTES = 2000
    response = post(api, an_idea(problem="p" * 3000))
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body must be 2000 bytes or fewer."


def test_unknown_ids_are_refused_not_ignored(api):
    response = post(api, an_idea(priorities=[999999]))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "idea", "priorities"]


def test_errors_and_the_idea_s_language_follow_the_language_asked_for(api):
    response = post(api, an_idea(language="pl", title=""))
    assert response.status_code == 422
    with translation.override("pl"):
        expected = str(translation.gettext("Enter a title for your idea"))
    assert response.json()["errors"][0]["msg"] == expected

    response = post(api, an_idea(language="pl"))
    assert response.status_code == 201
    assert IdeaSubmission.objects.get(reference=response.json()["reference"]).language == "pl"


def test_an_address_may_post_only_so_many_ideas_an_hour(api, settings):
    settings.API_SUBMISSIONS_RATE_LIMIT = 2
    assert post(api, an_idea()).status_code == 201
    assert post(api, an_idea()).status_code == 201
    before = IdeaSubmission.objects.count()
    response = post(api, an_idea())
    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert IdeaSubmission.objects.count() == before
    # Another address is not held back.
    assert post(api, an_idea(), REMOTE_ADDR="10.0.0.9").status_code == 201


def test_an_idempotency_key_makes_a_retry_file_one_idea(api):
    first = post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="7d1c0f7e-retry")
    assert first.status_code == 201
    again = post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="7d1c0f7e-retry")
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    assert again.json()["status_url"] is None  # the private link is given once
    assert IdeaSubmission.objects.filter(title="Fewer missed insulin doses").count() == 1


# Reading ideas ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "{reference}/"])
def test_nobody_but_the_huddle_reads_ideas(api, seeded, path):
    url = URL + path.format(reference=seeded.marker_idea_reference)
    anonymous = api.get(url)
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    assert api.get(url, **bearer("not-a-real-token")).status_code == 401
    assert api.get(url, **bearer(seeded.partner_editor_token)).status_code == 403


def test_a_signed_in_session_does_not_open_the_api(api, seeded):
    from django.contrib.auth import get_user_model

    api.force_login(get_user_model().objects.get(username="huddle.member"))
    assert api.get(URL).status_code == 401


def test_a_huddle_member_s_token_lists_and_reads_ideas(api, seeded):
    response = api.get(URL + "?limit=50", **bearer(seeded.huddle_token))
    assert response.status_code == 200
    listing = response.json()
    assert listing["count"] == len(seeded.idea_references)
    assert {item["reference"] for item in listing["items"]} == set(seeded.idea_references)

    submitted = api.get(URL + "?status=submitted", **bearer(seeded.huddle_token)).json()
    assert submitted["items"]
    assert {item["status"] for item in submitted["items"]} == {"submitted"}

    detail = api.get(f"{URL}{seeded.marker_idea_reference}/", **bearer(seeded.huddle_token)).json()
    assert detail["submitter_email"].endswith("@example.org")
    assert detail["history"][0]["to_status"] == "submitted"


def test_a_revoked_token_reads_nothing(api, seeded):
    from wagtail.models import APIToken

    APIToken.objects.filter(user__username="huddle.member").update(revoked_at="2026-01-01T00:00Z")
    assert api.get(URL, **bearer(seeded.huddle_token)).status_code == 401


def test_an_unknown_reference_is_a_json_404(api, seeded):
    response = api.get(f"{URL}IH-0000-0000/", **bearer(seeded.huddle_token))
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_an_idempotency_key_reused_for_another_idea_is_refused(api):
    first = post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="reused-key")
    assert first.status_code == 201
    other = post(api, an_idea(title="Another idea altogether"), HTTP_IDEMPOTENCY_KEY="reused-key")
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["title"] == "Idempotency-Key reused"
    assert first.json()["reference"] not in other.content.decode()
    assert not IdeaSubmission.objects.filter(title="Another idea altogether").exists()
    # The same idea, its answers in another order, is the same request: replayed.
    reordered = dict(reversed(list(an_idea().items())))
    again = post(api, reordered, HTTP_IDEMPOTENCY_KEY="reused-key")
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    # The key is scoped to the client's address: another address may use the same string.
    elsewhere = post(
        api,
        an_idea(title="Another idea altogether"),
        HTTP_IDEMPOTENCY_KEY="reused-key",
        REMOTE_ADDR="10.0.0.7",
    )
    assert elsewhere.status_code == 201


def test_a_key_still_being_handled_is_a_409(api):
    from submissions.portal.api import IDEMPOTENCY_LOCK_SECONDS, _idempotency

    class Request:
        headers = {"Idempotency-Key": "in-flight"}
        META = {"REMOTE_ADDR": "127.0.0.1"}

    from submissions.portal.api import IdeaIn

    lock = _idempotency(Request(), IdeaIn(**an_idea())).lock
    cache.set(lock, 1, timeout=IDEMPOTENCY_LOCK_SECONDS)
    response = post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="in-flight")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) >= 1
    cache.delete(lock)
    assert post(api, an_idea(), HTTP_IDEMPOTENCY_KEY="in-flight").status_code == 201


def test_retry_after_says_the_time_left_in_the_hour(api, settings, monkeypatch):
    import time

    settings.API_SUBMISSIONS_RATE_LIMIT = 1
    start = time.time()
    monkeypatch.setattr("hub.abuse.time.time", lambda: start)
    assert post(api, an_idea()).status_code == 201
    monkeypatch.setattr("hub.abuse.time.time", lambda: start + 1000)
    response = post(api, an_idea())
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 2600
    assert "2600 seconds" in response.json()["detail"]

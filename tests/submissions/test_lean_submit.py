"""The final submit is lean: one task enqueued (the receipt and the huddle's notice travel
together), and a fixed, small number of queries whatever the answers."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from demo.factories import IdeaSubmissionFactory
from hub import outbox
from hub.models import OutboxEmail
from submissions.models import IdeaSubmission
from submissions.portal import actions
from tests.submissions.conftest import complete_form

pytestmark = pytest.mark.django_db

CHECK = reverse("submissions:check")
# The draft (locked, with whether it has files), the idea, its two lists, its first status,
# the draft gone (Django reads what depends on it first, then deletes it), the outbox's two
# emails, the session's new state. As in production with Redis, the session is read from
# the cache (``cached_db``), and the locales, the site's settings and the taxonomies come
# from the page cache's parts, which the day's earlier ideas have filled.
MAX_QUERIES = 10


def statements(queries):
    # Savepoints are the test's own transaction around the request's.
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


@pytest.fixture
def as_in_production(settings):
    """Requested before the clients walk the form, so their sessions are in the cache."""
    settings.HUB_PAGE_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_the_final_submit_makes_a_few_queries_and_one_enqueue(
    as_in_production, completed_client, answers, monkeypatch, django_capture_on_commit_callbacks
):
    # The day's first idea fills what a running hub keeps between requests.
    with django_capture_on_commit_callbacks(execute=True):
        assert completed_client.post(CHECK).status_code == 302
    second = Client()
    complete_form(second, answers)
    enqueued = []
    monkeypatch.setattr(outbox, "enqueue", lambda *ids: enqueued.append(ids))
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = second.post(CHECK)
    assert response.status_code == 302
    assert IdeaSubmission.objects.count() == 2
    made = statements(queries.captured_queries)
    assert len(made) <= MAX_QUERIES, "\n".join(sql[:120] for sql in made)
    # One task for both emails, the receipt and the huddle's notice.
    assert len(enqueued) == 1
    newest = IdeaSubmission.objects.latest("submitted_at")
    assert set(enqueued[0]) == set(
        OutboxEmail.objects.filter(cause_id=newest.pk).values_list("pk", flat=True)
    )
    assert len(enqueued[0]) == 2


def test_a_reference_already_taken_is_drawn_again(completed_client, monkeypatch):
    """References are not checked before the insert: the unique key refuses a taken one,
    the whole submit rolls back and runs again with another."""
    IdeaSubmissionFactory(reference="QI-AAAA-AA")
    drawn = iter(["QI-AAAA-AA", "QI-BBBB-BB"])
    monkeypatch.setattr(actions, "new_reference", lambda: next(drawn))
    assert completed_client.post(CHECK).status_code == 302
    idea = IdeaSubmission.objects.get(reference="QI-BBBB-BB")
    assert idea.status_changes.count() == 1
    assert OutboxEmail.objects.filter(key="receipt:QI-BBBB-BB").count() == 1
    assert not OutboxEmail.objects.filter(key="receipt:QI-AAAA-AA").exists()

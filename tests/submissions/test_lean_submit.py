"""The final submit is lean: one task enqueued (the receipt and the huddle's notice travel
together), and a fixed, small number of queries whatever the answers."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from hub import outbox
from hub.models import OutboxEmail
from submissions.emails import hub_settings
from submissions.models import IdeaSubmission

pytestmark = pytest.mark.django_db

CHECK = reverse("submissions:check")
# The session (read, write), the draft and whether it was already sent, the locale, the
# chosen organisations and priorities, a free reference, the idea, its two lists, its first
# status, its files, the draft gone (Django reads what depends on it first), the outbox (read,
# write). The site's settings come from the page cache's parts, as in production.
MAX_QUERIES = 17


def statements(queries):
    # Savepoints are the test's own transaction around the request's.
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_the_final_submit_makes_a_few_queries_and_one_enqueue(
    completed_client, monkeypatch, django_capture_on_commit_callbacks, settings
):
    settings.HUB_PAGE_CACHE = True
    cache.clear()
    hub_settings()  # as every earlier email of the running hub has done
    ContentType.objects.get_for_model(IdeaSubmission)  # Django keeps these per process
    enqueued = []
    monkeypatch.setattr(outbox, "enqueue", lambda *ids: enqueued.append(ids))
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = completed_client.post(CHECK)
    assert response.status_code == 302
    assert IdeaSubmission.objects.count() == 1
    made = statements(queries.captured_queries)
    assert len(made) <= MAX_QUERIES, "\n".join(sql[:120] for sql in made)
    # One task for both emails, the receipt and the huddle's notice.
    assert len(enqueued) == 1
    assert set(enqueued[0]) == {email.pk for email in OutboxEmail.objects.all()}
    assert len(enqueued[0]) == 2

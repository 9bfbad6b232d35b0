"""The cache on the machine's Redis, configured the way production reads REDIS_URL: what one
web process counts or stores, another process sees. The second process is a real one
(``manage.py shell`` under production settings), not a second client in this process.

Sessions: production keeps Django's default database sessions. With REDIS_URL set,
``cached_db`` reads them from Redis and still survives losing Redis (a restart of a Redis
that keeps nothing on disk, an eviction), while ``cache`` sessions are lost with it: signed-in
huddle members signed out, and idea drafts cut off from the browser that made them.
"""

import json
import subprocess
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import redis

from submissions.portal.views import SESSION_DRAFT, SUBMIT_SCOPE
from tests.services.servers import REPO, python_command, service_environment
from tests.submissions.conftest import complete_form, step_url

pytestmark = [pytest.mark.services, pytest.mark.django_db]

CACHE = "django.contrib.sessions.backends.cache"
CACHED_DB = "django.contrib.sessions.backends.cached_db"


def in_another_process(redis_cache, services_var_dir, code: str, **variables) -> dict:
    """Run ``code`` in a new Django process under production settings sharing this Redis
    (and this SECRET_KEY); it prints one JSON line, returned here."""
    environ = service_environment(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="testserver",
        HUB_BASE_URL="http://testserver",
        HUB_VAR_DIR=str(services_var_dir),
        LOG_LEVEL="WARNING",
        **redis_cache.variables(),
        **variables,
    )
    result = subprocess.run(  # noqa: S603 - our own manage.py
        python_command("manage.py", "shell", "--no-imports", "-c", code),
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def submit_from(address: str, answers) -> int:
    client = Client(REMOTE_ADDR=address)
    complete_form(client, answers)
    return client.post(reverse("submissions:check")).status_code


def test_the_cache_is_in_redis(redis_cache):
    cache.set("greeting", {"text": "hello"}, timeout=60)
    cache.set("count", 1, timeout=60)

    assert cache.get("greeting") == {"text": "hello"}
    assert cache.incr("count") == 2
    assert redis_cache.keys() == [
        f"{redis_cache.prefix}:1:count",
        f"{redis_cache.prefix}:1:greeting",
    ]
    assert 0 < redis_cache.client.ttl(f"{redis_cache.prefix}:1:greeting") <= 60
    cache.delete("greeting")
    assert cache.get("greeting") is None


@pytest.mark.django_db
def test_page_views_are_counted_in_one_round_trip_and_flushed(redis_cache, hub_site, monkeypatch):
    from feedback import usage
    from feedback.models import PageViewCount

    page = hub_site.root_page
    sent = []
    real_execute = redis.client.Pipeline.execute

    def execute(pipe, *args, **kwargs):
        sent.append([command[0][0] for command in pipe.command_stack])
        return real_execute(pipe, *args, **kwargs)

    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)
    for _view in range(3):
        usage.count_view(page.pk)

    assert sent == [["INCRBY", "EXPIRE"]] * 3  # one round trip a view
    key = f"{redis_cache.prefix}:1:{usage._key(timezone.localdate(), page.pk)}"
    assert 0 < redis_cache.client.ttl(key) <= usage.KEEP_SECONDS
    assert usage.pending() == {page.pk: 3}
    assert usage.flush() == 3
    assert PageViewCount.objects.get(page=page).views == 3
    assert usage.pending() == {}  # what was written is taken off the counter


def test_the_submission_rate_limit_counts_across_processes(
    redis_cache, services_var_dir, hub_site, answers, settings
):
    settings.SUBMISSIONS_RATE_LIMIT = 2
    for _attempt in range(2):
        assert submit_from("203.0.113.10", answers) == 302

    # Another web process, counting through the same function the views use.
    seen = in_another_process(
        redis_cache,
        services_var_dir,
        "import json\n"
        "from django.conf import settings\n"
        "from django.test import RequestFactory\n"
        "from hub.abuse import hit_rate_limit\n"
        "from submissions.portal.views import RATE_PERIOD_SECONDS, SUBMIT_SCOPE\n"
        "def over(address):\n"
        "    request = RequestFactory().post('/', REMOTE_ADDR=address)\n"
        "    return bool(hit_rate_limit(request, SUBMIT_SCOPE, settings.SUBMISSIONS_RATE_LIMIT,\n"
        "                               period_seconds=RATE_PERIOD_SECONDS))\n"
        "print(json.dumps({'a': over('203.0.113.10'),\n"
        "                  'b': [over('203.0.113.20'), over('203.0.113.20')]}))\n",
        SUBMISSIONS_RATE_LIMIT="2",
    )

    assert seen == {"a": True, "b": [False, False]}  # this process's two count there
    assert submit_from("203.0.113.20", answers) == 429  # and the other's two count here
    assert submit_from("203.0.113.30", answers) == 302
    key = f"{redis_cache.prefix}:1:ratelimit:{SUBMIT_SCOPE}:203.0.113.20"
    assert int(redis_cache.client.get(key)) == 3
    assert 3500 < redis_cache.client.ttl(key) <= 3600  # the hour runs from the first attempt


def test_sessions_made_here_are_read_and_changed_by_another_process(
    redis_cache, services_var_dir, hub_site, answers, settings
):
    """A visitor's next request may reach another web process: it finds their session."""
    made_here = {}
    for engine in (CACHE, CACHED_DB):
        settings.SESSION_ENGINE = engine
        client = Client()  # its middleware reads SESSION_ENGINE on its first request
        assert client.post(step_url("about-you"), answers["about-you"]).status_code == 302
        session = client.session
        assert session[SESSION_DRAFT]
        made_here[engine] = (client, session.session_key, dict(session.items()))

    # Read both; change the cache one (a cached_db write also goes to the database, which
    # is this process's test database and out of the other process's reach).
    keys = {engine: key for engine, (_client, key, _data) in made_here.items()}
    there = in_another_process(
        redis_cache,
        services_var_dir,
        "import json\n"
        "from importlib import import_module\n"
        f"keys = {keys!r}\n"
        "found = {e: import_module(e).SessionStore(session_key=k).load()\n"
        "         for e, k in keys.items()}\n"
        f"store = import_module({CACHE!r}).SessionStore(session_key=keys[{CACHE!r}])\n"
        "store['_language'] = 'pl'\n"
        "store.save()\n"
        "print(json.dumps(found))\n",
    )

    assert there == {engine: data for engine, (_client, _key, data) in made_here.items()}
    settings.SESSION_ENGINE = CACHE
    session = made_here[CACHE][0].session
    assert session["_language"] == "pl"  # changed there, seen here
    assert session[SESSION_DRAFT] == made_here[CACHE][2][SESSION_DRAFT]


@pytest.mark.parametrize(("engine", "survives"), [(CACHE, False), (CACHED_DB, True)])
def test_only_cached_db_sessions_survive_losing_redis(redis_cache, settings, engine, survives):
    settings.SESSION_ENGINE = engine
    store = import_module(engine).SessionStore()
    store[SESSION_DRAFT] = "draft-key"
    store.save()
    assert redis_cache.keys()  # the session is in Redis

    redis_cache.delete_all()  # a Redis restart: it keeps nothing on disk

    reloaded = import_module(engine).SessionStore(session_key=store.session_key)
    assert (reloaded.get(SESSION_DRAFT) == "draft-key") is survives

"""What people search for, counted (search/query_log.py) and reported (Reports → Search
terms): in memory on the visitor's request, written per day and term by each process's
background thread, nothing about who searched, only terms searched at least twice shown,
eight weeks kept."""

import csv
import datetime
import io
import threading
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from demo.factories import CaseStudyPageFactory, UserFactory
from search import query_log
from search.models import SearchQueryCount
from search.views import spreadsheet_safe

pytestmark = pytest.mark.django_db

PASSWORD = "a-test-password-1"
TODAY = datetime.date(2026, 3, 18)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return TODAY


@pytest.fixture
def library(home_page):
    CaseStudyPageFactory(parent=home_page, title="Halving inpatient falls", summary="Falls.")


def writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def rows() -> dict[tuple[datetime.date, str], tuple[int, int]]:
    return {
        (row.day, row.query): (row.searches, row.no_results)
        for row in SearchQueryCount.objects.all()
    }


# --- counting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("  Pressure   ULCERS ", "pressure ulcers"),
        ("Parkinson's\tnurse", "parkinson nurse"),
        ("كتاب", "کتاب"),  # Urdu written with Arabic letters, folded as the index folds it
        ("a" * 150, "a" * 100),
        ("", ""),
        ("jo.bloggs@example.org", ""),  # personal: never counted
        ("943 476 5919", ""),  # an NHS number
        ("07700 900123 referral", ""),  # a telephone number
        ("falls 2025", "falls 2025"),  # a year is fine
    ],
)
def test_what_is_counted_is_the_normalised_term(typed, counted):
    assert query_log.search_term(typed) == counted


def test_a_search_request_counts_in_memory_and_writes_nothing(client, library, today):
    client.get("/")  # the site's settings row is made on the first request to a site
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": "Falls"})
        client.get("/api/v3/search/", {"q": "falls"})
        client.get("/search/", {"q": "xylophone"})
    assert writes(queries) == []
    assert not SearchQueryCount.objects.exists()
    assert query_log.pending() == {(today, "falls"): (2, 0), (today, "xylophone"): (1, 1)}


def test_only_a_search_as_typed_counts_not_its_refinements(client, library, today):
    client.get("/search/", {"q": "falls"})
    client.get("/search/", {"q": "falls", "page": 2})
    client.get("/search/", {"q": "falls", "kind": "case_study"})
    client.get("/search/", {"q": "falls", "sort": "date"})
    client.get("/search/", {"kind": "case_study"})  # browsing, no words
    client.get("/search/suggest/", {"q": "fal"})  # keystrokes
    client.get("/api/v3/search/", {"q": "falls", "page": 2})
    assert query_log.pending() == {(today, "falls"): (1, 0)}


def test_a_failed_search_is_not_counted(client, library, monkeypatch):
    from search import service

    monkeypatch.setattr(service, "search", mock.Mock(side_effect=ConnectionError))
    assert client.get("/search/", {"q": "falls"}).status_code == 503
    assert query_log.pending() == {}


def test_flush_writes_the_counts_and_adds_to_what_is_there(today):
    query_log.record("falls", found=True)
    query_log.record("Falls", found=True)
    query_log.record("zzz", found=False)
    assert query_log.flush() == 2
    assert rows() == {(today, "falls"): (2, 0), (today, "zzz"): (1, 1)}
    assert query_log.pending() == {}
    # Another process (or a later minute) adds to the same rows.
    query_log.record("falls", found=False)
    assert query_log.flush() == 1
    assert rows()[(today, "falls")] == (3, 1)
    assert query_log.flush() == 0


def test_a_row_another_process_inserted_meanwhile_is_added_to(today, monkeypatch):
    """Two processes flushing the same new term: the other inserts the row between this
    one's update (which found nothing) and its insert, which the unique constraint
    refuses; this one adds to the row instead."""
    increment = query_log._increment
    calls = []

    def row_inserted_by_another_process_meanwhile(*args):
        calls.append(args)
        if len(calls) == 1:
            SearchQueryCount.objects.create(day=today, query="falls", searches=5, no_results=0)
            return 0
        return increment(*args)

    query_log.record("falls", found=True)
    monkeypatch.setattr(query_log, "_increment", row_inserted_by_another_process_meanwhile)
    query_log.flush()
    assert len(calls) == 2
    assert rows() == {(today, "falls"): (6, 0)}


def test_counts_the_database_refused_are_kept_for_the_next_attempt(today, monkeypatch, caplog):
    query_log.record("falls", found=True)
    monkeypatch.setattr(query_log, "_add", mock.Mock(side_effect=RuntimeError("db down")))
    with pytest.raises(RuntimeError):
        query_log.flush()
    query_log.record("falls", found=False)
    assert query_log.pending() == {(today, "falls"): (2, 1)}
    # As the background thread runs it (in a thread: it closes that thread's connections,
    # which must not be the test's): logged, never raised.
    thread = threading.Thread(target=query_log.flush_safely)
    thread.start()
    thread.join()
    assert "counts not written" in caplog.text
    monkeypatch.undo()
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    query_log.flush()
    assert rows() == {(today, "falls"): (2, 1)}


def test_memory_is_bounded(today, monkeypatch, caplog):
    monkeypatch.setattr(query_log, "MAX_BUFFERED_TERMS", 3)
    for term in ("one", "two", "three", "four", "five", "one"):
        query_log.record(term, found=True)
    assert set(query_log.pending()) == {(today, "one"), (today, "two"), (today, "three")}
    query_log.flush()
    assert "2 searches not counted" in caplog.text


def test_a_day_is_the_day_of_the_search_not_of_the_write(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 3, 17))
    query_log.record("falls", found=True)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 3, 18))
    query_log.record("falls", found=True)
    query_log.flush()
    assert rows() == {
        (datetime.date(2026, 3, 17), "falls"): (1, 0),
        (datetime.date(2026, 3, 18), "falls"): (1, 0),
    }


# --- the background thread -------------------------------------------------------------------


def test_each_process_starts_one_writer_thread_that_flushes_every_interval(settings, monkeypatch):
    flushed = threading.Semaphore(0)
    monkeypatch.setattr(query_log, "flush_safely", flushed.release)
    registered = []
    monkeypatch.setattr(query_log.atexit, "register", registered.append)
    monkeypatch.setattr(query_log.atexit, "unregister", registered.remove)
    settings.SEARCH_LOG_FLUSH_SECONDS = 0.01
    try:
        query_log.record("falls", found=True)
        query_log.record("sepsis", found=True)
        thread = query_log._flusher
        assert thread.is_alive() and thread.daemon
        assert thread.name == "search-query-log"
        assert [t for t in threading.enumerate() if t.name == "search-query-log"] == [thread]
        assert flushed.acquire(timeout=5) and flushed.acquire(timeout=5)  # more than once
        # At exit, what is left is written.
        assert registered == [query_log._at_exit]
    finally:
        query_log.stop()
    assert not thread.is_alive()
    assert registered == []


def test_no_thread_when_the_interval_is_zero(settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 0
    query_log.record("falls", found=True)
    assert query_log._flusher is None


def test_a_forked_process_starts_with_nothing_counted(today, monkeypatch):
    """A worker forked from a process that had counted (gunicorn's preload_app): the parent
    writes its own counts, the child must not write them again."""
    query_log.record("falls", found=True)
    monkeypatch.setattr(query_log, "_flusher", mock.Mock())
    monkeypatch.setattr(query_log.atexit, "unregister", mock.Mock())
    query_log._after_fork_in_child()
    assert query_log.pending() == {}
    assert query_log._flusher is None


# --- reading and purging -----------------------------------------------------------------------


def count(days_ago, term, searches, no_results=0):
    SearchQueryCount.objects.create(
        day=TODAY - datetime.timedelta(days=days_ago),
        query=term,
        searches=searches,
        no_results=no_results,
    )


@pytest.fixture
def counts(today):
    count(0, "falls", 3)
    count(6, "falls", 2)
    count(20, "falls", 10)
    count(1, "pressure sores", 2, 2)
    count(1, "jo bloggs", 1, 1)  # typed once: never shown
    count(2, "xylophone", 1, 1)
    count(30, "xylophone", 1, 1)  # twice in the last eight weeks, once in four
    count(40, "sepsis", 4)
    count(56, "gone", 9, 9)  # before the last eight weeks


def test_totals_add_up_the_days_of_the_period_and_leave_out_one_offs(counts):
    def summed(weeks):
        return [
            (row["query"], row["searched"], row["found_nothing"])
            for row in query_log.most_searched(query_log.in_last_weeks(weeks))
        ]

    assert summed(1) == [("falls", 5, 0), ("pressure sores", 2, 2)]
    assert summed(4) == [("falls", 15, 0), ("pressure sores", 2, 2)]
    assert summed(8) == [
        ("falls", 15, 0),
        ("sepsis", 4, 0),
        ("pressure sores", 2, 2),
        ("xylophone", 2, 2),
    ]
    nothing = query_log.nothing_found(query_log.in_last_weeks(8))
    assert [row["query"] for row in nothing] == ["pressure sores", "xylophone"]


def test_the_purge_job_deletes_what_is_older_than_eight_weeks(counts):
    out = io.StringIO()
    call_command("purge_search_query_counts", stdout=out)
    assert "Deleted 1 search term count(s) from before 2026-01-22." in out.getvalue()
    assert not SearchQueryCount.objects.filter(query="gone").exists()
    assert SearchQueryCount.objects.filter(query="sepsis").exists()
    call_command("purge_search_query_counts", stdout=out)  # again: nothing more
    assert SearchQueryCount.objects.count() == 8


def test_the_purge_is_a_scheduled_job():
    from hub.schedule import get_job

    assert get_job("purge_search_query_counts").cron == "45 3 * * *"


# --- the report ------------------------------------------------------------------------------


REPORT = "/admin/reports/search-terms/"


def test_hub_editors_see_the_report_in_the_reports_menu(client, hub_editor, counts):
    assert hub_editor.has_perm("search.view_searchquerycount")
    client.login(username="hub.editor", password=PASSWORD)
    html = client.get(REPORT).content.decode()
    assert "Most searched" in html and "Searches that found nothing" in html
    assert REPORT in client.get("/admin/").content.decode()


def test_wagtails_own_search_terms_report_is_not_offered(client, counts):
    """It reads the hits Query.add_hit() records, which the hub never does: always empty.
    (Wagtail shows it to superusers only.)"""
    UserFactory(username="admin", password=PASSWORD, is_superuser=True, is_staff=True)
    client.login(username="admin", password=PASSWORD)
    menu = client.get("/admin/").content.decode()
    assert REPORT in menu
    assert "/admin/searchpicks/reports/search-terms/" not in menu


def test_nobody_else_sees_it(client, groups, counts):
    from hub import access

    huddle = UserFactory(
        username="huddle", password=PASSWORD, groups=[groups[access.HUDDLE_MEMBERS]]
    )
    assert not huddle.has_perm("search.view_searchquerycount")
    client.login(username="huddle", password=PASSWORD)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "falls" not in response.content.decode()
    assert REPORT not in client.get("/admin/").content.decode()
    client.logout()
    assert client.get(REPORT).status_code == 302  # to the login page


def test_the_report_shows_two_tables_for_the_period_chosen(client, hub_editor, counts):
    client.login(username="hub.editor", password=PASSWORD)

    def tables(**params):
        response = client.get(REPORT, params)
        assert response.status_code == 200
        context = response.context
        most = [(row["query"], row["searched"]) for row in context["object_list"]]
        nothing = [row["query"] for row in context["nothing_found_table"].data]
        return most, nothing, response.content.decode()

    most, nothing, html = tables()  # four weeks unless chosen
    assert most == [("falls", 15), ("pressure sores", 2)]
    assert nothing == ["pressure sores"]
    assert "jo bloggs" not in html and "gone" not in html
    assert "2 search terms" in html
    most, nothing, _html = tables(weeks="1")
    assert most == [("falls", 5), ("pressure sores", 2)]
    most, nothing, html = tables(weeks="8")
    assert [term for term, _searches in most] == ["falls", "sepsis", "pressure sores", "xylophone"]
    assert nothing == ["pressure sores", "xylophone"]
    assert "jo bloggs" not in html
    most, _nothing, _html = tables(weeks="52")  # not offered: the default period
    assert most == [("falls", 15), ("pressure sores", 2)]


def test_the_report_exports_csv_like_the_other_reports(client, hub_editor, counts):
    SearchQueryCount.objects.create(day=TODAY, query="=hyperlink(1)", searches=2, no_results=2)
    client.login(username="hub.editor", password=PASSWORD)
    response = client.get(REPORT, {"weeks": "8", "export": "csv"})
    assert response["Content-Type"] == "text/csv"
    assert 'filename="search-terms-8-weeks-2026-03-18.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(content))) == [
        ["Search term", "Searches", "Found nothing"],
        ["falls", "15", "0"],
        ["sepsis", "4", "0"],
        ["'=hyperlink(1)", "2", "2"],
        ["pressure sores", "2", "2"],
        ["xylophone", "2", "2"],
    ]
    xlsx = client.get(REPORT, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+44", "'+44"), ("-x", "'-x"), ("@a", "'@a"), ("falls", "falls")],
)
def test_a_term_never_becomes_a_spreadsheet_formula(value, safe):
    assert spreadsheet_safe(value) == safe

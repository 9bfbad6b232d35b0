"""What people search for: counts per day and search term, with no database write on their
request and nothing about who searched.

A search (the search page or the API: words typed, first page, no filter, default order)
calls :func:`record_search`, which only adds to a counter in this process's memory, keyed
by (day, search term): how many searches, how many of them found nothing. A daemon thread
started with the first search in each process writes the counters every
``SEARCH_LOG_FLUSH_SECONDS`` (60) into :class:`~search.models.SearchQueryCount` rows, one
per day and term, adding to what other processes wrote (an update with ``F()``, or an
insert when the row is new; a unique constraint on (day, term) settles two processes
inserting it at once). The counters are also written when the process exits (``atexit``:
gunicorn's workers exit through ``sys.exit`` when stopped, restarted or recycled after
``max_requests``). A process killed outright loses at most its last minute of counts.

Works with several processes (gunicorn workers, the development server): each counts its
own searches and adds them to the same rows. A process forked from one that had counted
(gunicorn's ``preload_app``) starts with empty counters and its own thread, so nothing is
counted twice. With ``SEARCH_LOG_FLUSH_SECONDS = 0`` (the tests) no thread is started and
:func:`flush` writes the counters when called.

What is kept, per day: the search term, normalised (``search.analysis.normalise``: lower
case, Unicode-composed; white space collapsed; at most 100 characters), and two numbers.
No user, address, session or time of day. Terms that look like an email address or hold a
run of six or more digits (an NHS number, a telephone number) are not counted at all. The
report (``search.views.SearchTermsReportView``) shows only terms searched at least twice in
the weeks it covers, so a name typed once into the box never shows; rows older than eight
weeks are deleted daily (``manage.py purge_search_query_counts``).
"""

import atexit
import logging
import os
import re
import threading
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .analysis import normalise
from .enums import Sort
from .models import SearchQueryCount

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 100
# Different terms held in memory per process between two writes; more are not counted (a
# flood of made-up terms cannot grow the memory without limit).
MAX_BUFFERED_TERMS = 10_000
# The report shows only terms searched at least this often in the weeks it covers.
MIN_SHOWN = 2
KEEP_WEEKS = 8
DEFAULT_FLUSH_SECONDS = 60

_PERSONAL = re.compile(r"@|\d(?:[\s./-]?\d){5,}")

_lock = threading.Lock()
# (day, term) → [searches, searches that found nothing]
_counts: dict[tuple[date, str], list[int]] = {}
_dropped = 0
_flusher: "_Flusher | None" = None


def search_term(text: str) -> str:
    """``text`` as it is counted: normalised, white space collapsed, at most 100
    characters; empty for what is not counted (nothing typed, or what looks personal)."""
    term = " ".join(normalise(text or "").split())[:MAX_QUERY_LENGTH].strip()
    return "" if _PERSONAL.search(term) else term


def record(text: str, *, found: bool) -> None:
    """Count one search for ``text`` today. Memory only: never a database write."""
    global _dropped
    term = search_term(text)
    if not term:
        return
    key = (timezone.localdate(), term)
    with _lock:
        counts = _counts.get(key)
        if counts is None:
            if len(_counts) >= MAX_BUFFERED_TERMS:
                _dropped += 1
                return
            counts = _counts[key] = [0, 0]
        counts[0] += 1
        if not found:
            counts[1] += 1
    _ensure_flusher()


def is_counted(query) -> bool:
    """Whether a search is counted (``query``: a ``service.SearchQuery``): words, first page,
    no filter, default order. Refinements of the same search (another page, a filter, a
    sort) are not counted again."""
    return bool(
        query.text
        and query.page == 1
        and query.sort == Sort.RELEVANCE
        and not any(query.filters.values())
    )


def record_search(query, total: int) -> None:
    """Count a search as typed (``total``: how many results it found), if it counts."""
    if is_counted(query):
        record(query.text, found=total > 0)


def pending() -> dict[tuple[date, str], tuple[int, int]]:
    """What is counted but not yet written (for tests and the shell)."""
    with _lock:
        return {key: (counts[0], counts[1]) for key, counts in _counts.items()}


def clear() -> None:
    """Forget what is counted and not yet written."""
    global _dropped
    with _lock:
        _counts.clear()
        _dropped = 0


def flush() -> int:
    """Write what this process has counted; returns how many (day, term) rows it touched.

    If the database refuses, the counts are kept for the next attempt and the error raised.
    """
    global _counts, _dropped
    with _lock:
        batch, _counts = _counts, {}
        dropped, _dropped = _dropped, 0
    if dropped:
        logger.warning("Search terms: %d searches not counted (too many different terms)", dropped)
    if not batch:
        return 0
    try:
        with transaction.atomic():
            # In one order in every process, so two writing at once never deadlock.
            for (day, term), (searches, no_results) in sorted(batch.items()):
                _add(day, term, searches, no_results)
    except Exception:
        _put_back(batch)
        raise
    return len(batch)


def _add(day: date, term: str, searches: int, no_results: int) -> None:
    if _increment(day, term, searches, no_results):
        return
    try:
        with transaction.atomic():
            SearchQueryCount.objects.create(
                day=day, query=term, searches=searches, no_results=no_results
            )
    except IntegrityError:
        # Another process inserted the row since the update: add to it.
        _increment(day, term, searches, no_results)


def _increment(day: date, term: str, searches: int, no_results: int) -> int:
    return SearchQueryCount.objects.filter(day=day, query=term).update(
        searches=F("searches") + searches, no_results=F("no_results") + no_results
    )


def _put_back(batch) -> None:
    with _lock:
        for key, (searches, no_results) in batch.items():
            counts = _counts.setdefault(key, [0, 0])
            counts[0] += searches
            counts[1] += no_results


def flush_safely() -> None:
    """:func:`flush` as the background thread and ``atexit`` run it: on a connection of its
    own (opened and closed here), failures logged, never raised."""
    close_old_connections()
    try:
        flush()
    except Exception:
        logger.exception("Search terms: counts not written (kept for the next attempt)")
    finally:
        connections.close_all()  # this thread's connections only


class _Flusher(threading.Thread):
    def __init__(self, interval: float):
        super().__init__(name="search-query-log", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.interval):
            flush_safely()

    def stop(self):
        self.stopped.set()


def flush_interval() -> float:
    return getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)


def _ensure_flusher() -> None:
    """Start this process's writer thread, once (and never when the interval is 0)."""
    global _flusher
    if _flusher is not None or flush_interval() <= 0:
        return
    with _lock:
        if _flusher is not None:
            return
        _flusher = _Flusher(flush_interval())
        _flusher.start()
    atexit.register(_at_exit)


def _at_exit() -> None:
    if _flusher is not None:
        _flusher.stop()
    flush_safely()


def stop() -> None:
    """Stop this process's writer thread, writing what is counted (tests)."""
    global _flusher
    if _flusher is not None:
        _flusher.stop()
        _flusher.join(timeout=5)
        _flusher = None
        atexit.unregister(_at_exit)
    flush_safely()


def _after_fork_in_child() -> None:
    """A forked process starts afresh: the parent writes what it counted, and its thread
    did not come across the fork."""
    global _lock, _counts, _dropped, _flusher
    _lock = threading.Lock()
    _counts = {}
    _dropped = 0
    if _flusher is not None:
        atexit.unregister(_at_exit)
    _flusher = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


# --- reading the counts ----------------------------------------------------------------


def since(weeks: int) -> date:
    """The first day of the last ``weeks`` weeks, today included."""
    return timezone.localdate() - timedelta(days=7 * weeks - 1)


def in_last_weeks(weeks: int):
    """The counts of the last ``weeks`` weeks, today included."""
    return SearchQueryCount.objects.filter(day__gte=since(weeks))


def most_searched(rows):
    """``{"query", "searched", "found_nothing"}`` summed over ``rows`` (counts) for each
    term searched at least ``MIN_SHOWN`` times in them, most searched first."""
    return (
        rows.values("query")
        .annotate(searched=Sum("searches"), found_nothing=Sum("no_results"))
        .filter(searched__gte=MIN_SHOWN)
        .order_by("-searched", "query")
    )


def nothing_found(rows):
    """The same for each term whose searches found nothing at least ``MIN_SHOWN`` times,
    most often first."""
    return (
        most_searched(rows)
        .filter(found_nothing__gte=MIN_SHOWN)
        .order_by("-found_nothing", "-searched", "query")
    )


def purge(weeks: int = KEEP_WEEKS) -> int:
    """Delete the counts of days before the last ``weeks`` weeks; returns how many rows."""
    deleted, _by_model = SearchQueryCount.objects.filter(day__lt=since(weeks)).delete()
    return deleted

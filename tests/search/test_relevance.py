"""The judged set (tests/search/judged.py) through the search service over the demo content,
measured per kind of query (tests/search/metrics.py). Runs on whichever database the suite
uses (SQLite and PostgreSQL in CI).

``.venv/bin/pytest tests/search/test_relevance.py -s -q`` prints the table.
"""

from collections import Counter

from wagtail.models import Page

import pytest

from demo.library import EVENTS
from pages.models import EventPage
from search import service
from search.models import SearchDocument
from tests.search.judged import CONTENT_WORDS, DEMO_EVENTS, JUDGED, KINDS, POLISH, event_start
from tests.search.metrics import Row, by_kind, grades_of, hit_at, report, scores
from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

# The demo (library and coaches, no ideas), seeded and indexed once for the module.
demo = seeded_demo_fixture(ideas=False)

# The thresholds agreed in issue 18: overall, the answer in the top 3 for nine queries in
# ten and no results for at most one in twenty; and no kind of query left far behind.
MIN_HIT_AT_3 = 0.9
MAX_ZERO_RESULTS = 0.05
MIN_HIT_AT_3_PER_KIND = 0.75


def run(judged) -> tuple[Row, list[str]]:
    """Search as the search page does (first page of ten); the outcome and the titles."""
    results = service.search(
        service.SearchQuery(text=judged.text, language=judged.language, per_page=10)
    )
    titles = [hit.title for hit in results.hits]
    row = Row(
        kind=judged.kind,
        grades=grades_of(titles, judged.relevant),
        judged=list(judged.relevant.values()),
        total=results.total,
    )
    return row, titles


def test_judged_set(demo):
    rows, misses = [], []
    for judged in JUDGED:
        row, titles = run(judged)
        rows.append(row)
        if not hit_at(row.grades, 3):
            misses.append(
                f"  [{judged.kind}] {judged.text!r} ({judged.language}, {row.total} found): "
                f"{titles[:3]}"
            )
    table = report(rows, KINDS)
    print(f"\n\n{table}\n\nNo answer in the top 3:\n" + "\n".join(misses))  # noqa: T201

    total = scores(rows)
    failures = []
    if total.hit_at_3 < MIN_HIT_AT_3:
        failures.append(f"hit@3 {total.hit_at_3:.2f} < {MIN_HIT_AT_3}")
    if total.zero_results > MAX_ZERO_RESULTS:
        failures.append(f"zero-result rate {total.zero_results:.0%} > {MAX_ZERO_RESULTS:.0%}")
    for kind, value in by_kind(rows, KINDS).items():
        if value.hit_at_3 < MIN_HIT_AT_3_PER_KIND:
            failures.append(f"{kind}: hit@3 {value.hit_at_3:.2f} < {MIN_HIT_AT_3_PER_KIND}")
    assert not failures, "\n".join([*failures, "", table, "", *misses])


def _findable_titles() -> dict[str, set[str]]:
    """The titles a search in each language can return: its own documents, and the English
    ones whose page has no public translation into it (docs/search.md, "Languages")."""
    english = set(SearchDocument.objects.filter(language="en").values_list("title", flat=True))
    polish = set(SearchDocument.objects.filter(language="pl").values_list("title", flat=True))
    translated_keys = (
        Page.objects.live()
        .filter(locale__language_code="pl", alias_of__isnull=True)
        .values("translation_key")
    )
    translated = set(
        Page.objects.filter(
            locale__language_code="en", translation_key__in=translated_keys
        ).values_list("title", flat=True)
    )
    return {"en": english, "pl": polish | (english - translated)}


def test_every_judged_result_can_be_found(demo):
    findable = _findable_titles()
    missing = [
        f"{judged.text!r} ({judged.language}): {title!r}"
        for judged in JUDGED
        for title in judged.relevant
        if title not in findable[judged.language]
    ]
    assert not missing, "\n".join(missing)


def test_the_event_dates_are_the_demos(demo):
    """The month queries were worked out from the same dates as the seeded events (by the
    same rule, from the time the demo was seeded: a run may cross midnight between reading
    the judged set and seeding)."""
    events = EventPage.objects.filter(locale__language_code="en", title__in=DEMO_EVENTS)
    seeded = dict(events.values_list("title", "start"))
    seeded_at = events.earliest("first_published_at").first_published_at
    days = {title: days for _slug, title, _kind, _mode, _place, days, *_rest in EVENTS}
    # (The demo has more events since: a collaborative's learning session, booked events.)
    assert seeded == {title: event_start(days[title], seeded_at) for title in DEMO_EVENTS}


def test_the_judged_set_is_big_enough():
    kinds = Counter(judged.kind for judged in JUDGED)
    assert len(JUDGED) >= 100
    assert kinds[POLISH] >= 12
    assert kinds[CONTENT_WORDS] == 31
    assert all(kinds[kind] >= 8 for kind in KINDS), kinds


def test_each_judged_query_has_an_answer():
    for judged in JUDGED:
        assert judged.kind in KINDS, judged
        assert judged.language in ("en", "pl"), judged
        assert set(judged.relevant.values()) <= {1, 2}, judged
        assert 2 in judged.relevant.values(), judged
    queries = [(judged.text.lower(), judged.language) for judged in JUDGED]
    assert len(queries) == len(set(queries)), Counter(queries).most_common(3)

"""Search latency on synthetic content: SQLite and PostgreSQL, 10,000 and 100,000 documents.

    .venv/bin/python bench/search.py                      # both databases, 10k and 100k
    .venv/bin/python bench/search.py --sizes 3000 10000   # other sizes
    .venv/bin/python bench/search.py --databases sqlite   # SQLite only

For each database and size it writes that many synthetic search documents (in a scratch
database of its own: ``var/bench-search.sqlite3``, or the PostgreSQL database
``hub_search_bench`` on BENCH_POSTGRES_URL, default ``postgres://postgres@127.0.0.1:5432``),
indexes them with Wagtail's database backend, and times a typical search ("falls
prevention", 10 results, total and every facet count) four ways:

- ``hub``: ``search.service.search``, what /search/ runs;
- ``hub pl``: the same in Polish: every tenth document is a Polish translation of the next,
  and a Polish search finds the Polish documents and, ranked after them, the English ones
  without a Polish translation (the fallback);
- ``wagtail``: the same through Wagtail's query API as it comes (``.search()`` for the page
  and the total, ``.facet()`` for one facet), the hub's first version;
- ``floor``: the bare full-text match on the same index (top 10 by rank, and the count),
  written by hand: no filters, no facets, nothing to join.

It prints median and 95th percentile latency per cell. Each database runs in its own
process (Django binds one database per process).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = "falls prevention"
RELAXED_QUERY = "falls delirium telehealth"
RUNS = 30
WARM_UP = 3
CHUNK = 2000

WORDS = (  # noqa: SIM905 - a paragraph reads better than a list of 73 strings
    "patient safety ward team huddle discharge flow frailty stroke sepsis screening care "
    "home community nursing hospital primary network practice council carers mental health "
    "children young people medicines pharmacy quality improvement measure chart data run "
    "process mapping driver diagram lean design co-production learning review incident "
    "harm pressure ulcers skin blood hypertension diabetes asthma respiratory emergency "
    "department waiting times referral appointment clinic therapy rehabilitation night "
    "staff training coaching mentoring visit spread adoption outcome balancing target"
).split()
RARE = ["falls", "prevention", "delirium", "thrombolysis", "oral", "telehealth"]
KINDS = ["case_study", "resource", "event", "page", "coach"]
ORGANISATIONS = [f"organisation-{n}" for n in range(40)]
PRIORITIES = [f"priority-{n}" for n in range(8)]
TOPICS = [f"topic-{n}" for n in range(60)]
METHODS = [f"method-{n}" for n in range(10)]


def _text(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    for _ in range(length // 40 + 1):
        if rng.random() < 0.08:
            words[rng.randrange(length)] = rng.choice(RARE)
    # Invented words make a realistic, long-tailed vocabulary.
    words += [f"w{rng.randrange(20_000)}" for _ in range(length // 10)]
    rng.shuffle(words)
    return " ".join(words)


# --- worker: one database, one process -------------------------------------------------------


def _setup(database_url: str):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    if database_url.startswith("sqlite:"):
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = database_url.removeprefix("sqlite:")
    else:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _populate(size: int):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from wagtail.search.backends import get_search_backend

    from modelsearch.conf import get_app_config

    from search.models import TRANSLATED_TAG, SearchDocument, SearchDocumentTag

    entries = get_app_config().get_model("IndexEntry")
    content_type = ContentType.objects.get_for_model(SearchDocument)
    if (
        SearchDocument.objects.count() == size
        and SearchDocumentTag.objects.filter(facet=TRANSLATED_TAG).exists()
    ):
        return
    with transaction.atomic():
        entries.objects.filter(content_type=content_type).delete()
        SearchDocumentTag.objects.all().delete()
        SearchDocument.objects.all().delete()
    rng = random.Random(size)  # noqa: S311 - reproducible synthetic text, not secrets
    backend = get_search_backend()
    for start in range(0, size, CHUNK):
        with transaction.atomic():
            documents = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        source_type=content_type,
                        source_id=number,
                        kind=rng.choice(KINDS),
                        language=_language(number),
                        title=_text(rng, 6),
                        summary=_text(rng, 25),
                        body=_text(rng, 200),
                        keywords="",
                        url=f"/bench/{number}/",
                        organisation="",
                    )
                    for number in range(start, min(start + CHUNK, size))
                ]
            )
            tags = []
            for document in documents:
                for facet, values, count in (
                    ("organisation", ORGANISATIONS, 1),
                    ("priority", PRIORITIES, 2),
                    ("topic", TOPICS, 3),
                    ("method", METHODS, 2),
                ):
                    for value in rng.sample(values, count):
                        tags.append(SearchDocumentTag(document=document, facet=facet, value=value))
                if _language(document.source_id - 1) == "pl":
                    # The English original of the Polish document before it.
                    tags.append(
                        SearchDocumentTag(document=document, facet=TRANSLATED_TAG, value="pl")
                    )
            SearchDocumentTag.objects.bulk_create(tags)
            backend.add_bulk(SearchDocument, documents)


def _language(number: int) -> str:
    return "pl" if number % 10 == 0 else "en"


def _time(function) -> dict:
    for _ in range(WARM_UP):
        function()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)],
    }


def _floor(words):
    """The bare full-text match: the ten best by rank, and the count."""
    from django.db import connection

    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    if connection.vendor == "sqlite":
        fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        match = " AND ".join(f'"{word}"*' for word in words)
        statements = [
            (f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rank LIMIT 10", [match]),  # noqa: S608
            (f"SELECT COUNT(*) FROM {fts} WHERE {fts} MATCH %s", [match]),  # noqa: S608
        ]
    else:
        tsquery = " & ".join(f"{word}:*" for word in words)
        statements = [
            (
                f"SELECT id FROM {entries}, to_tsquery(%s) q "  # noqa: S608
                "WHERE title @@ q OR body @@ q ORDER BY ts_rank(title || body, q) DESC LIMIT 10",
                [tsquery],
            ),
            (
                f"SELECT COUNT(*) FROM {entries}, to_tsquery(%s) q "  # noqa: S608
                "WHERE title @@ q OR body @@ q",
                [tsquery],
            ),
        ]

    def run():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _wagtail():
    """The hub's first search: Wagtail's query API as it comes."""
    from wagtail.search.backends import get_search_backend

    from search.models import SearchDocument

    backend = get_search_backend()

    def run():
        results = backend.search(QUERY, SearchDocument.objects.filter(language="en"))
        list(results[:10])
        results.count()
        results.facet("kind")

    return run


def _hub(language="en", text=QUERY):
    from search import service

    def run():
        service.search(service.SearchQuery(text=text, language=language))

    return run


def worker(database_url: str, size: int, skip_wagtail: bool) -> dict:
    _setup(database_url)
    from django.db import connection

    from modelsearch.conf import get_app_config

    from search.text import terms

    start = time.perf_counter()
    _populate(size)
    populate_seconds = time.perf_counter() - start
    # Fresh planner statistics, as autovacuum would leave them on a live database.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            # Merge the FTS5 segments that rounds of deleting and inserting leave behind.
            fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from search import service

    total = service.search(service.SearchQuery(text=QUERY, language="en")).total
    result = {
        "database": connection.vendor,
        "size": size,
        "matches": total,
        "populate_seconds": round(populate_seconds, 1),
        "hub": _time(_hub()),
        "hub_pl": _time(_hub("pl")),
        # Few documents have every word: the search falls back to most of them (a second
        # round of statements, one full-text match per word).
        "hub_relaxed": _time(_hub(text=RELAXED_QUERY)),
        "floor": _time(_floor(terms(QUERY))),
    }
    if not skip_wagtail:
        result["wagtail"] = _time(_wagtail())
    return result


# --- driver: every database and size, then the table -----------------------------------------


def _postgres_url() -> str:
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'hub_search_bench'"
        ).fetchone()
        if not exists:
            connection.execute("CREATE DATABASE hub_search_bench")
    return f"{base}/hub_search_bench"


def _cell(result, key) -> str:
    if key not in result:
        return "not run"
    return f"{result[key]['median']:.1f} / {result[key]['p95']:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--skip-wagtail-above",
        type=int,
        default=10_000,
        help="leave out Wagtail's own query API above this many documents (it is slow)",
    )
    parser.add_argument(
        "--worker", nargs=2, metavar=("DATABASE_URL", "SIZE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--skip-wagtail", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.worker:
        url, size = options.worker
        print(json.dumps(worker(url, int(size), options.skip_wagtail)))  # noqa: T201
        return

    urls = {
        "sqlite": f"sqlite:{ROOT / 'var' / 'bench-search.sqlite3'}",
        "postgresql": _postgres_url() if "postgresql" in options.databases else "",
    }
    rows = []
    for database in options.databases:
        for size in options.sizes:
            command = [sys.executable, __file__, "--worker", urls[database], str(size)]
            if size > options.skip_wagtail_above:
                command.append("--skip-wagtail")
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
            rows.append(json.loads(output.strip().splitlines()[-1]))

    print(f'Query: "{QUERY}", 10 results with the total and five facets. ms, median / p95.')  # noqa: T201
    print()  # noqa: T201
    print(  # noqa: T201
        "| database | documents | matches | hub search | hub search, Polish with fallback "
        f'| hub, few have every word ("{RELAXED_QUERY}") | Wagtail query API | raw FTS floor '
        "| hub ÷ floor |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")  # noqa: T201
    for row in rows:
        ratio = row["hub"]["median"] / max(row["floor"]["median"], 0.001)
        print(  # noqa: T201
            f"| {row['database']} | {row['size']:,} | {row['matches']:,} | {_cell(row, 'hub')} "
            f"| {_cell(row, 'hub_pl')} | {_cell(row, 'hub_relaxed')} | {_cell(row, 'wagtail')} "
            f"| {_cell(row, 'floor')} | {ratio:.1f}× |"
        )


if __name__ == "__main__":
    main()

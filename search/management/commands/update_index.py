"""``manage.py update_index``: rebuild the public search documents, then Wagtail's indexes
(and, on SQLite, optimise the full-text index).

Replaces Wagtail's command of the same name (this app comes first in INSTALLED_APPS): the
documents are recreated from the live, public content before Wagtail's rebuild indexes
them (and everything else Wagtail indexes, such as pages for the admin's search).

On Elasticsearch or OpenSearch each index is created anew with the hub's analysis
(``search.analysis.cluster_index_settings``) and, in its search analyser, the synonym sets
hub editors keep: settings cannot read the database, so the backend's ``INDEX_SETTINGS``
get the sets here, for the length of the rebuild. A rebuilt index carries the synonyms of
the day it was built; the hub's own searches expand the current sets in every request.
"""

from contextlib import contextmanager
from copy import deepcopy

from django.conf import settings
from django.db import connection

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from modelsearch.conf import get_app_config
from modelsearch.utils import deep_update

from hub import page_cache
from search import documents
from search.analysis import cluster_index_settings
from search.queries import synonym_rules


class Command(WagtailCommand):
    help = "Recreate the public search documents from the content, then rebuild the indexes."

    def handle(self, **options):
        count = documents.rebuild(index_now=False)  # Wagtail's rebuild indexes them
        if options.get("verbosity", 1):
            self.stdout.write(f"{count} public search documents written")
        super().handle(**options)
        if connection.vendor == "sqlite":
            optimise_sqlite_index()
        # Searches cached before the rebuild may find otherwise now.
        page_cache.invalidate()

    def update_backend(self, backend_name, **kwargs):
        with index_settings_with_synonyms(backend_name) as rules:
            if rules is not None:
                self.write(f"{backend_name}: {len(rules)} synonym sets in the search analyser")
            super().update_backend(backend_name, **kwargs)


def is_cluster_backend(backend_path: str) -> bool:
    return ".elasticsearch" in backend_path or ".opensearch" in backend_path


@contextmanager
def index_settings_with_synonyms(backend_name: str):
    """For a cluster backend, its ``INDEX_SETTINGS`` with the hub's analysis and the synonym
    rules, while the block runs (Wagtail's rebuild creates the backend, and the indexes,
    from settings); yields the rules, or None for a backend without index settings."""
    backends = get_app_config().get_search_backend_config()
    params = backends.get(backend_name)
    if params is None or not is_cluster_backend(params.get("BACKEND", "")):
        yield None
        return
    rules = synonym_rules()
    index_settings = deep_update(
        deepcopy(params.get("INDEX_SETTINGS", {})),
        cluster_index_settings(
            polish_stemmer=getattr(settings, "SEARCH_POLISH_STEMMER", False), synonyms=rules
        ),
    )
    backends[backend_name] = {**params, "INDEX_SETTINGS": index_settings}
    try:
        yield rules
    finally:
        backends[backend_name] = params


def optimise_sqlite_index():
    """Merge the FTS5 index's segments and refresh the query planner's statistics: without
    statistics SQLite's planner can choose plans that run the full-text match once per row."""
    fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("ANALYZE")

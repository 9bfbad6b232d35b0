"""``manage.py update_index``: rebuild the public search documents, then Wagtail's indexes
(and, on SQLite, optimise the full-text index).

Replaces Wagtail's command of the same name (this app comes first in INSTALLED_APPS): the
documents are recreated from the live, public content before Wagtail's rebuild indexes
them (and everything else Wagtail indexes, such as pages for the admin's search).
"""

from django.db import connection

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from modelsearch.conf import get_app_config

from search import documents


class Command(WagtailCommand):
    help = "Recreate the public search documents from the content, then rebuild the indexes."

    def handle(self, **options):
        count = documents.rebuild(index_now=False)  # Wagtail's rebuild indexes them
        if options.get("verbosity", 1):
            self.stdout.write(f"{count} public search documents written")
        super().handle(**options)
        if connection.vendor == "sqlite":
            optimise_sqlite_index()


def optimise_sqlite_index():
    """Merge the FTS5 index's segments and refresh the query planner's statistics: without
    statistics SQLite's planner can choose plans that run the full-text match once per row."""
    fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("ANALYZE")

"""Searching Wagtail's database search index (SQLite FTS5 or PostgreSQL full text).

Wagtail's database backend (modelsearch) writes the index: one ``IndexEntry`` per document
with its title, body and autocomplete text (plus, on SQLite, an FTS5 table kept in step by
triggers; on PostgreSQL, weighted tsvectors with GIN indexes). Its query compiler is slow for
this page on SQLite: it finds the matching entries, then ranks each candidate row with a
correlated subquery that runs the full-text match again, counts by running the whole search
a second time, and facets by running it a third time. Here each request is two statements
that run the match once each: the ranked page with the total (a window count), and every
facet count (``UNION ALL`` over the same materialised match). The match joins the documents
on their primary key, so filters and facets are plain indexed lookups.
"""

from dataclasses import replace

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from modelsearch.conf import get_app_config

from ..enums import Sort
from ..models import TRANSLATED_TAG, SearchDocument, SearchDocumentTag
from .base import TAG_FACETS, BackendStatus, Criteria, Engine, EngineResult

DOCUMENTS = SearchDocument._meta.db_table
TAGS = SearchDocumentTag._meta.db_table
ENTRIES = get_app_config().get_model("IndexEntry")._meta.db_table


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class Dialect:
    """How one database matches and ranks. ``matched_sql`` gives rows of (id, score, tier,
    matched, coverage), higher first: tier 2 is the exact phrase in the title, 1 anywhere;
    ``matched`` counts the concepts a row matches and ``coverage`` weighs them by rarity
    (both only for a relaxed search: the strict one matches every concept)."""

    materialized = ""
    # How the match joins the documents and their facet values.
    join = "JOIN"

    def __init__(self, backend):
        self.backend = backend

    # The full-text expression of one word, one group of words and one concept; ``any_``
    # joins groups that may each match, ``all_`` groups that must all match.
    def word(self, word) -> str:
        raise NotImplementedError

    any_ = all_ = " "

    def group(self, words) -> str:
        return "(" + self.all_.join(self.word(word) for word in words) + ")"

    def concept(self, concept) -> str:
        return "(" + self.any_.join(self.group(words) for words in concept.alternatives) + ")"

    def query(self, concepts, *, any_concept=False) -> str:
        joiner = self.any_ if any_concept else self.all_
        return joiner.join(self.concept(concept) for concept in concepts)

    def matched_sql(self, criteria: Criteria, content_type_id: int, *, weigh=True):
        """The matching rows; ``weigh=False`` leaves a relaxed match unweighed (0 matched
        and coverage: more-like-this ranks by the full-text score alone)."""
        raise NotImplementedError

    def title_prefix_sql(self, words, content_type_id: int):
        raise NotImplementedError

    log = "LN"
    greatest = "MAX"

    def relaxed_sql(self, inner: str, concepts: int) -> str:
        """Wrap the rows of an any-concept match that carry a 0/1 column ``c<i>`` per
        concept: ``matched`` counts them; ``coverage`` adds ln(1 + n/df) for each, n
        being the rows matched and df those matching that concept, so rarer words count
        for more."""
        columns = [f"r.c{i}" for i in range(concepts)]
        weights = [
            f"CASE WHEN {column} = 1 THEN {self.log}(1.0 + COUNT(*) OVER () * 1.0 / "
            f"{self.greatest}(SUM({column}) OVER (), 1)) ELSE 0 END"
            for column in columns
        ]
        return (
            f"SELECT r.id, r.score, r.tier, {' + '.join(columns)} AS matched, "  # noqa: S608
            f"{' + '.join(weights)} AS coverage FROM ({inner}) r"
        )


class SQLiteDialect(Dialect):
    # The facet counts read the match several times; SQLite is faster running the FTS match
    # again for each than scanning a materialised copy (measured with and without ANALYZE).
    materialized = "NOT MATERIALIZED"
    # SQLite's planner would otherwise loop over every document or index entry and run the
    # full-text match once per row; CROSS JOIN keeps the written order: the match first.
    join = "CROSS JOIN"
    # bm25 column weights, in the FTS table's column order: autocomplete (title, summary and
    # the stems of the headline words), body (everything else), title.
    WEIGHTS = (3.0, 1.0, 6.0)
    any_, all_ = " OR ", " AND "

    @property
    def fts(self):
        return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table

    def word(self, word) -> str:
        forms = [f'"{word.text}"' + ("*" if word.prefix else "")]
        forms += [f'"{stem}"' for stem in word.stems]
        return "(" + " OR ".join(forms) + ")"

    @staticmethod
    def phrase(text_words) -> str:
        return '"' + " ".join(text_words) + '"*'

    def _in(self) -> str:
        return f"ie.id IN (SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s)"  # noqa: S608

    def matched_sql(self, criteria, content_type_id, *, weigh=True):
        fts = self.fts
        weights = ", ".join(str(weight) for weight in self.WEIGHTS)
        phrase_words = criteria.text_words
        params, columns = [], ""
        if len(phrase_words) > 1:
            phrase = self.phrase(phrase_words)
            tier = f"CASE WHEN {self._in()} THEN 2 WHEN {self._in()} THEN 1 ELSE 0 END"
            params += [f"title : {phrase}", phrase]
        else:
            tier = "0"
        weighed = criteria.relaxed and weigh
        if weighed:
            for i, concept in enumerate(criteria.concepts):
                columns += f", CASE WHEN {self._in()} THEN 1 ELSE 0 END AS c{i}"
                params.append(self.concept(concept))
        sql = (
            f"SELECT CAST(ie.object_id AS INTEGER) AS id, -bm25({fts}, {weights}) AS score, "  # noqa: S608
            f"{tier} AS tier{columns} FROM {fts} CROSS JOIN {ENTRIES} ie ON ie.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND ie.content_type_id = %s"
        )
        params += [self.query(criteria.concepts, any_concept=criteria.relaxed), content_type_id]
        if weighed:
            return self.relaxed_sql(sql, len(criteria.concepts)), params
        return f"SELECT *, 0 AS matched, 0 AS coverage FROM ({sql}) r", params  # noqa: S608

    def title_prefix_sql(self, words, content_type_id):
        fts = self.fts
        match = " AND ".join(f'title : "{word}"*' for word in words)
        sql = (
            f"SELECT CAST(ie.object_id AS INTEGER) AS id, -bm25({fts}, 0.0, 0.0, 1.0) AS score, "  # noqa: S608
            f"0 AS tier FROM {fts} CROSS JOIN {ENTRIES} ie ON ie.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND ie.content_type_id = %s"
        )
        return sql, [match, content_type_id]


class PostgresDialect(Dialect):
    # ts_rank weights for D, C, B, A: the backend gives the title weight A and boosted
    # fields (summary, keywords) B.
    WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
    any_, all_ = " | ", " & "
    greatest = "GREATEST"
    # Every column the words can be found in: the stems of the headline words are in the
    # autocomplete one.
    VECTORS = ("ie.title", "ie.autocomplete", "ie.body")

    def _function(self, name: str) -> str:
        return f"{name}(%s::regconfig, %s)" if self.backend.config else f"{name}(%s)"

    def _args(self, value: str) -> list:
        return [self.backend.config, value] if self.backend.config else [value]

    def word(self, word) -> str:
        forms = [word.text + (":*" if word.prefix else "")] + list(word.stems)
        return "(" + " | ".join(forms) + ")"

    def _found(self, query: str) -> str:
        return "(" + " OR ".join(f"{vector} @@ {query}" for vector in self.VECTORS) + ")"

    def matched_sql(self, criteria, content_type_id, *, weigh=True):
        params = self._args(self.query(criteria.concepts, any_concept=criteria.relaxed))
        froms, columns = [f"{self._function('to_tsquery')} q"], ""
        phrase_words = criteria.text_words
        if len(phrase_words) > 1:
            froms.append(f"{self._function('phraseto_tsquery')} p")
            params += self._args(" ".join(phrase_words))
            tier = "CASE WHEN ie.title @@ p THEN 2 WHEN ie.body @@ p THEN 1 ELSE 0 END"
        else:
            tier = "0"
        weighed = criteria.relaxed and weigh
        if weighed:
            for i, concept in enumerate(criteria.concepts):
                froms.append(f"{self._function('to_tsquery')} q{i}")
                params += self._args(self.concept(concept))
                columns += f", CASE WHEN {self._found(f'q{i}')} THEN 1 ELSE 0 END AS c{i}"
        sql = (
            f"SELECT ie.object_id::bigint AS id, "  # noqa: S608
            f"ts_rank('{self.WEIGHTS}', ie.title || ie.autocomplete || ie.body, q) AS score, "
            f"{tier} AS tier{columns} FROM {ENTRIES} ie, {', '.join(froms)} "
            f"WHERE ie.content_type_id = %s AND {self._found('q')}"
        )
        params.append(content_type_id)
        if weighed:
            return self.relaxed_sql(sql, len(criteria.concepts)), params
        return f"SELECT r.*, 0 AS matched, 0 AS coverage FROM ({sql}) r", params  # noqa: S608

    def title_prefix_sql(self, words, content_type_id):
        sql = (
            "SELECT ie.object_id::bigint AS id, ts_rank(ie.title, q) AS score, 0 AS tier "  # noqa: S608
            f"FROM {ENTRIES} ie, {self._function('to_tsquery')} q "
            "WHERE ie.content_type_id = %s AND ie.title @@ q"
        )
        return sql, [*self._args(" & ".join(f"{word}:*" for word in words)), content_type_id]


class DatabaseEngine(Engine):
    name = "database"

    def __init__(self, backend):
        self.dialect = (
            PostgresDialect(backend)
            if connection.vendor == "postgresql"
            else SQLiteDialect(backend)
        )

    def status(self, timeout: float) -> BackendStatus:
        """Reads one row of Wagtail's index table: the database answers and the index
        exists. ``timeout`` is left to the database connection's own settings. In a
        savepoint, so a failure leaves an enclosing transaction usable."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {ENTRIES} LIMIT 1")  # noqa: S608 - a table name
                cursor.fetchall()
        except DatabaseError as exc:
            return BackendStatus(False, self.name, f"search index unreadable: {type(exc).__name__}")
        return BackendStatus(True, self.name)

    @property
    def _documents(self) -> str:
        """The matched rows (``m``) joined to their documents (``d``)."""
        return f"m {self.dialect.join} {DOCUMENTS} d ON d.id = m.id"

    @property
    def content_type_id(self) -> int:
        return ContentType.objects.get_for_model(SearchDocument).pk

    # --- SQL building ---------------------------------------------------------------------

    def _matched(self, criteria: Criteria):
        if not criteria.concepts:
            return (
                "SELECT d.id AS id, 0.0 AS score, 0 AS tier, 0 AS matched, 0 AS coverage "  # noqa: S608
                f"FROM {DOCUMENTS} d",
                [],
            )
        return self.dialect.matched_sql(criteria, self.content_type_id)

    @staticmethod
    def _language(criteria: Criteria):
        """Documents in the language searched, the kinds shown in any language, and the
        fallback language's where no public translation into the language searched exists."""
        clauses, params = ["d.language = %s"], [criteria.language]
        if kinds := criteria.also_kinds_any_language:
            clauses.append(f"d.kind IN ({_placeholders(kinds)})")
            params += kinds
        if criteria.fallback_language:
            clauses.append(
                f"(d.language = %s AND NOT EXISTS (SELECT 1 FROM {TAGS} lt "  # noqa: S608
                "WHERE lt.document_id = d.id AND lt.facet = %s AND lt.value = %s))"
            )
            params += [criteria.fallback_language, TRANSLATED_TAG, criteria.language]
        return "(" + " OR ".join(clauses) + ")", params

    @classmethod
    def _where(cls, criteria: Criteria, skip: str | None = None):
        clauses, params = [], []
        if criteria.relaxed:
            clauses.append("m.matched >= %s")
            params.append(criteria.min_match)
        if criteria.language:
            clause, language_params = cls._language(criteria)
            clauses.append(clause)
            params += language_params
        if criteria.kinds:
            clauses.append(f"d.kind IN ({_placeholders(criteria.kinds)})")
            params += list(criteria.kinds)
        for facet, values in criteria.filters_except(skip).items():
            if facet == "kind":
                clauses.append(f"d.kind IN ({_placeholders(values)})")
                params += list(values)
            else:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM {TAGS} ft WHERE ft.document_id = d.id "  # noqa: S608
                    f"AND ft.facet = %s AND ft.value IN ({_placeholders(values)}))"
                )
                params += [facet, *values]
        return " AND ".join(clauses) or "1 = 1", params

    @staticmethod
    def _native_first(criteria: Criteria):
        """The start of an ORDER BY putting results in the language searched before the
        others (coaches, stand-ins for missing translations), and its parameters."""
        if not criteria.fallback_language:
            return "", []
        return "CASE WHEN d.language = %s THEN 0 ELSE 1 END, ", [criteria.language]

    @classmethod
    def _order(cls, criteria: Criteria):
        """ORDER BY and its parameters (by date: newest first, whatever the language)."""
        if criteria.sort == Sort.DATE:
            return "d.date IS NULL, d.date DESC, m.tier DESC, m.score DESC, d.id DESC", []
        native_first, params = cls._native_first(criteria)
        return (
            f"{native_first}m.coverage DESC, m.tier DESC, m.score DESC, d.date IS NULL, "
            "d.date DESC, d.id DESC",
            params,
        )

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # --- searches -------------------------------------------------------------------------

    def _page(self, criteria: Criteria, matched, matched_params):
        """The documents of one page, in order, and the total (a window count)."""
        where, where_params = self._where(criteria)
        order, order_params = self._order(criteria)
        documents = list(
            SearchDocument.objects.raw(
                f"WITH m AS ({matched}) "  # noqa: S608
                f"SELECT d.*, COUNT(*) OVER () AS search_total FROM {self._documents} "
                f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                [*matched_params, *where_params, *order_params, criteria.limit, criteria.offset],
            )
        )
        if documents or not criteria.offset:
            return documents, documents[0].search_total if documents else 0
        total = self._fetch(
            f"WITH m AS ({matched}) SELECT COUNT(*) FROM {self._documents} "  # noqa: S608
            f"WHERE {where}",
            [*matched_params, *where_params],
        )[0][0]
        return [], total

    @staticmethod
    def _result(documents, total, **kwargs) -> EngineResult:
        return EngineResult(
            ids=[document.pk for document in documents],
            total=total,
            documents={document.pk: document for document in documents},
            **kwargs,
        )

    def _facet_counts(self, criteria: Criteria, matched, matched_params):
        parts, params = [], []
        where, where_params = self._where(criteria, skip="kind")
        parts.append(
            f"SELECT 'kind', d.kind, COUNT(*) FROM {self._documents} "  # noqa: S608
            f"WHERE {where} GROUP BY d.kind"
        )
        params += where_params
        # Facets without a selection share one query; a selected facet is counted without
        # its own filter, so its other options show what choosing them would add.
        groups = [(None, [f for f in TAG_FACETS if not criteria.filters.get(f)])]
        groups += [(facet, [facet]) for facet in TAG_FACETS if criteria.filters.get(facet)]
        for skip, facets in groups:
            if not facets:
                continue
            where, where_params = self._where(criteria, skip=skip)
            parts.append(
                f"SELECT t.facet, t.value, COUNT(*) FROM {self._documents} "  # noqa: S608
                f"{self.dialect.join} {TAGS} t ON t.document_id = d.id WHERE {where} "
                f"AND t.facet IN ({_placeholders(facets)}) GROUP BY t.facet, t.value"
            )
            params += [*where_params, *facets]
        rows = self._fetch(
            f"WITH m AS {self.dialect.materialized} ({matched}) " + " UNION ALL ".join(parts),
            [*matched_params, *params],
        )
        counts: dict[str, dict[str, int]] = {}
        for facet, value, count in rows:
            counts.setdefault(facet, {})[value] = count
        return counts

    def search(self, criteria: Criteria) -> EngineResult:
        matched, matched_params = self._matched(criteria)
        documents, total = self._page(criteria, matched, matched_params)
        counts = self._facet_counts(criteria, matched, matched_params) if criteria.facets else {}
        return self._result(documents, total, facet_counts=counts)

    def autocomplete(self, criteria):
        matched, matched_params = self.dialect.title_prefix_sql(
            criteria.words, self.content_type_id
        )
        where, where_params = self._where(criteria)
        native_first, native_params = self._native_first(criteria)
        documents = list(
            SearchDocument.objects.raw(
                f"WITH m AS ({matched}) SELECT d.* FROM {self._documents} "  # noqa: S608
                f"WHERE {where} ORDER BY {native_first}m.score DESC, LENGTH(d.title), d.id "
                "LIMIT %s",
                [*matched_params, *where_params, *native_params, criteria.limit],
            )
        )
        return self._result(documents, len(documents))

    def similar(self, text, criteria):
        """Documents sharing the most (and rarest) words with ``text``: bm25 on SQLite,
        weighted ts_rank on PostgreSQL, over an any-word match."""
        criteria = replace(criteria, relaxed=True, min_match=0)
        matched, matched_params = self.dialect.matched_sql(
            criteria, self.content_type_id, weigh=False
        )
        return self._result(*self._page(criteria, matched, matched_params))

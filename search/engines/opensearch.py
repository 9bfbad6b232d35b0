"""Searching the OpenSearch index that Wagtail's ``opensearch2``/``opensearch3`` backend keeps.

The requests and the reading of responses are the Elasticsearch engine's
(``search.engines.elasticsearch``: built with ``elasticsearch.dsl``, which OpenSearch 2 and 3
accept as they are). What is OpenSearch's own is the client, ``opensearch-py``, which Wagtail's
backend creates from ``WAGTAILSEARCH_BACKENDS`` (``backend.es``): its methods take keyword
arguments only (3.x), it gives plain dicts back, and a per-request timeout is the
``request_timeout`` argument rather than ``client.options()``.
"""

from .elasticsearch import ClusterEngine


class OpenSearchEngine(ClusterEngine):
    name = "opensearch"

    def _send(self, body):
        return self.client.search(index=self.index_name, body=body)

    def _index_exists(self, timeout):
        return bool(self.client.indices.exists(index=self.index_name, request_timeout=timeout))

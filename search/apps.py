from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Hub search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (the signals import the search documents' models).
        from hub import page_cache

        from . import signals

        signals.connect()
        # Search counts are never shown on a public page. Documents are rewritten in the
        # transaction of the change that rewrites them (a publish, a taxonomy edit: each
        # invalidates), or by update_index, which invalidates when it finishes; a draft saved
        # rewrites its page's document unchanged, and must not empty the cache.
        page_cache.watch_app(
            self,
            ignore=("SearchQueryCount", "SearchDocument", "SearchDocumentTag", "SearchTerm"),
        )

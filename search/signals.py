"""Keep the public search index right as content changes.

Saving, publishing and unpublishing (a save with ``live`` changed), deleting, moving a page,
and adding or removing a view restriction all re-check whether the public may see the item.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from modelsearch import index
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

from hub.models import Organisation, Place, Priority, QIMethod, Topic

from . import documents, queries, service
from .models import SynonymSet


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or documents.source_for(sender) is None:
        return
    if update_fields is not None:
        # A partial save (saving a draft revision records only which revision is latest):
        # the instance in memory may hold unpublished changes, the database row does not.
        instance = sender.objects.filter(pk=instance.pk).first()
        if instance is None:
            return
    documents.sync(instance)


def _deleted(sender, instance, **kwargs):
    if sender is Page or documents.source_for(sender) is not None:
        documents.deleted(instance)


def _moved(sender, instance, **kwargs):
    documents.sync_subtree(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        documents.sync_subtree(page)


_RECEIVERS = [
    (post_page_move, _moved, None, "search-move"),
    (post_save, _restriction_changed, PageViewRestriction, "search-vr"),
    (post_delete, _restriction_changed, PageViewRestriction, "search-vr-delete"),
    (post_save, queries.forget_synonyms, SynonymSet, "search-synonyms"),
    *(
        (signal, service.forget_labels, model, f"search-labels-{model.__name__}-{signal_name}")
        for model in (Organisation, Place, Priority, Topic, QIMethod)
        for signal, signal_name in ((post_save, "save"), (post_delete, "delete"))
    ),
    (post_delete, queries.forget_synonyms, SynonymSet, "search-synonyms-delete"),
]


def _receivers():
    for model in [*documents.source_models(), Page]:
        if model is not Page:
            yield post_save, _saved, model, f"search-save-{model.__name__}"
        yield post_delete, _deleted, model, f"search-delete-{model.__name__}"
    yield from _RECEIVERS


def connect():
    for signal, receiver, sender, uid in _receivers():
        signal.connect(receiver, sender=sender, dispatch_uid=uid)


def disconnect():
    for signal, receiver, sender, uid in _receivers():
        signal.disconnect(receiver, sender=sender, dispatch_uid=uid)


@contextmanager
def indexing_deferred():
    """For bulk loads such as the demo seed: saves made inside index nothing one at a time
    (neither the hub's search documents nor Wagtail's own indexes); on the way out,
    ``update_index`` rebuilds them all once.

    A seed saves most objects several times (created, revised, published, translated), and
    each save re-indexed the object: on PostgreSQL, indexing was half of the seed's time.
    Signals are process-wide: use this only where nothing else is saving meanwhile.
    """
    disconnect()
    muted = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    for model in muted:
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        yield
    finally:
        connect()
        # What was saved meanwhile sent no signal to these either.
        service.forget_labels()
        queries.forget_synonyms()
        for model in muted:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)
    call_command("update_index", verbosity=0)

"""Keep the public search index right as content changes.

Saving, publishing and unpublishing (a save with ``live`` changed), deleting, moving a page,
and adding or removing a view restriction all re-check whether the public may see the item.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from . import documents


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


def connect():
    for model in [*documents.source_models(), Page]:
        if model is not Page:
            post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    post_page_move.connect(_moved, dispatch_uid="search-move")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-vr")
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-vr-delete"
    )

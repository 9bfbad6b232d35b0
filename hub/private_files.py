"""Where attachments live: a private storage outside the public media URL space.

``STORAGES["private"]`` (see the "Idea submissions" block of the settings) is a folder under
``HUB_PRIVATE_DIR`` with no base URL, or a private prefix of the S3 bucket. Nothing in it has
a public address: files are only ever streamed by a view that checks who is asking
(:func:`download`), and a file goes with its row (:func:`delete_file_on_commit`).
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject, empty

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder with no web address: asking for a file's URL is a programming error."""

    def url(self, name):
        raise NotImplementedError("Private files have no URL; stream them through a view.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


_private_storage = _PrivateStorage()


def private_storage():
    """The storage for attachments (a callable, so migrations do not freeze its location)."""
    return _private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def download(item) -> FileResponse:
    """The file of ``item`` (an attachment: ``file``, ``original_name``) as a download, never
    shown inline; 404 when the file has gone."""
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_file_on_commit(sender, instance, **kwargs):
    """A ``post_delete`` receiver: the file goes with its row (also on cascades and queryset
    deletes), once committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))

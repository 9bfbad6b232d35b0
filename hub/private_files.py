"""Where attachments live: a private storage outside the public media URL space.

``STORAGES["private"]`` (see the "Idea submissions" block of the settings) is a folder under
``HUB_PRIVATE_DIR`` with no base URL, or a private prefix of the S3 bucket. Nothing in it has
a public address: files are only ever streamed by a view that checks who is asking.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
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

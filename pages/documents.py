"""Documents know their size from the moment they are stored.

Wagtail's admin records a document's size and hash when an editor uploads it, but documents
made any other way (the demo seed, a script, an import) have none, and Wagtail then fills
the size in on the first page view that shows it: a database write on an anonymous GET, once
per document. ``remember_file_metadata`` (a ``pre_save`` receiver, connected in
``pages.apps``) records both whenever a document is saved without them; migration
``pages.0005`` fills in the documents stored before.
"""

import logging

logger = logging.getLogger(__name__)


def remember_file_metadata(sender, instance, **kwargs):
    if not instance.file or (instance.file_size is not None and instance.file_hash):
        return
    try:
        if instance.file_size is None:
            instance.file_size = instance.file.size
        if not instance.file_hash:
            instance._set_file_hash()
    except (OSError, ValueError):
        # A file missing from storage: the page shows no size, as before.
        logger.warning("Document %s: its file could not be read", instance.pk)

"""Signals the pages app sends for others to act on (it imports none of them).

``project_update_published``: a project in progress published a progress update for the
first time. Sent once per update (a later edit or republish of the project does not repeat
it), after the publishing transaction commits, with ``sender=ProjectPage``,
``project`` (the live :class:`~pages.models.ProjectPage`) and ``update`` (its
:class:`~pages.models.ProjectUpdate`). Followers' notifications connect here.
"""

from django.dispatch import Signal

project_update_published = Signal()

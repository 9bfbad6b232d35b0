"""The huddle inbox: Wagtail admin views for members of the "Huddle members" group.

Mounted at ``/admin/huddle/`` under the ``huddle`` URL namespace by ``wagtail_hooks``:

- ``inbox``: the list of ideas, filters, counts and CSV export;
- ``idea``: one idea, its timeline and everything the huddle does to it;
- ``meetings``: huddle meetings, agendas and minutes;
- ``dashboard``: the process measures.

Every view is wrapped by :func:`submissions.permissions.huddle_member_required`.
"""

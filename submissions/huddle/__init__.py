"""The huddle's workspace: the inbox in the Wagtail admin (``views/``, mounted at
``/admin/huddle/`` under the ``huddle`` URL namespace by ``submissions.wagtail_hooks``), what
the huddle does to an idea (``actions``), its clocks, process measures, weekly digest,
meetings and case-study drafting, and reading ideas through the API. Every view is wrapped
by :func:`submissions.permissions.huddle_member_required`."""

"""Demo content for a fictional health and care system, "Wealdshire" (``manage.py seed_demo``).

Synthetic but realistic: the organisations, people and places are invented. Everything is
built with the factories in :mod:`demo.factories` (the ones the tests use, so demo content
and test content never drift apart), and every step looks for what exists first, so running
``seed_demo`` again keeps all data (including editors' changes) and creates no duplicates.

Installed by the development and test settings only (``hub/settings/dev.py``,
``hub/settings/test.py``); no production app imports it. :mod:`demo.seed` runs the steps in
order: taxonomies, site, library, users, coaches, ideas, translations.
"""

"""Production settings plus the demo app, for loading the demo content (``seed_demo``) into
a database the production settings run: CI's production stage does (.ci/production), from
an install with the ``demo`` extra. Never serve the site with these; never seed a real
hub's database (docs/deploying.md)."""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

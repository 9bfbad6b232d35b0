"""Settings for bench/pages.py: production (with the demo app, for ``seed_demo``), plus a
bare view through the same middleware as every page (``bench.site.urls``). Never serve the hub
with these."""

from hub.settings.demo_production import *  # noqa: F403

ROOT_URLCONF = "bench.site.urls"
WSGI_APPLICATION = "bench.site.wsgi.application"

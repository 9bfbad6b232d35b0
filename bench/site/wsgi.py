"""WSGI entry point for bench/pages.py (DJANGO_SETTINGS_MODULE=bench.site.settings)."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

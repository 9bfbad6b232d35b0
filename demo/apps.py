from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and its commands (``seed_demo``, ``demo_logins``); no models."""

    name = "demo"
    verbose_name = "Demo content"

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkStatus(models.TextChoices):
    """What the link checker found at an address."""

    OK = "ok", _("Working")
    REDIRECT = "redirect", _("Redirects")
    BROKEN = "broken", _("Broken")
    TIMEOUT = "timeout", _("No answer (timed out)")
    ERROR = "error", _("Could not connect")

    @classmethod
    def failing(cls) -> list[str]:
        return [cls.BROKEN, cls.TIMEOUT, cls.ERROR]

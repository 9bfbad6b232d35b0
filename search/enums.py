from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a search result is: the first facet on the search page."""

    CASE_STUDY = "case_study", _("Case study")
    PROJECT = "project", _("Project in progress")
    RESOURCE = "resource", _("Resource")
    EVENT = "event", _("Training or event")
    PAGE = "page", _("Page")
    COACH = "coach", _("Coach or mentor")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    DATE = "date", _("Newest first")

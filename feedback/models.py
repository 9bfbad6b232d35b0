"""What visitors and submitters tell the hub, and how much its pages are read.

Nothing here says who: no user, address, session or cookie. Page feedback and views are
counts per page, language and day; a comment is kept only after emails and telephone
numbers are taken out of it (:func:`feedback.privacy.scrub`). A submitter's survey keeps a
link to the idea only while the idea keeps its personal data (see ``FeedbackConfig.ready``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class PageFeedbackCount(models.Model):
    """How many visitors answered "Was this page useful?" yes and no on one day, for a page
    (or the search page, ``page`` empty) in one language."""

    # The page's id, or "search" for the search page: the key the counts are kept under
    # (unique with language and day, which a nullable page could not be on every database).
    place = models.CharField(_("place"), max_length=32)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16)
    day = models.DateField(_("day"), default=timezone.localdate)
    useful = models.PositiveIntegerField(_("useful"), default=0)
    not_useful = models.PositiveIntegerField(_("not useful"), default=0)

    class Meta:
        verbose_name = _("page feedback count")
        verbose_name_plural = _("page feedback counts")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "language", "day"],
                name="feedback_count_one_per_place_language_day",
            )
        ]

    def __str__(self):
        return f"{self.place} {self.language} {self.day}: {self.useful}/{self.not_useful}"


class PageFeedbackComment(models.Model):
    """What was wrong with a page, in a visitor's words (emails and numbers taken out)."""

    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16)
    day = models.DateField(_("day"), default=timezone.localdate, db_index=True)
    text = models.TextField(_("what was wrong"))

    class Meta:
        verbose_name = _("page feedback comment")
        verbose_name_plural = _("page feedback comments")
        ordering = ["-day", "-pk"]

    def __str__(self):
        return self.text[:60]


class PageViewCount(models.Model):
    """How many times a public page was served on one day (from the page cache or not)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page view count")
        verbose_name_plural = _("page view counts")
        permissions = [("view_impact_report", _("Can see the impact report"))]
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="feedback_views_one_per_page_day")
        ]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class SubmitterSurvey(models.Model):
    """The three questions a submitter is asked once the huddle has decided on their idea.

    ``submission`` is the only link to the person: it is cleared when the idea's personal
    data is removed (or the idea deleted), leaving anonymous answers for the impact view.
    """

    submission = models.OneToOneField(
        "submissions.IdeaSubmission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey",
    )
    organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    decision = models.CharField(_("decision"), max_length=32)
    language = models.CharField(_("language"), max_length=16, default="en")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    fair = models.PositiveSmallIntegerField(
        _("how fair"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    clear = models.PositiveSmallIntegerField(
        _("how clear"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    fast = models.PositiveSmallIntegerField(
        _("how fast"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("submitter survey")
        verbose_name_plural = _("submitter surveys")

    def __str__(self):
        return f"survey {self.pk}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

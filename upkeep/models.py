"""What the hub keeps to look after its content: the review interval of each content type,
each page's and coach profile's review record (last review, next due date, an owner who
left), the links found in pages and what the link checker last saw, and the editor checks'
findings.

Ownership itself is Wagtail's ``Page.owner`` for a page (its owning team the editors group
of the partner whose section holds it) and the coach's account for a coach profile (its
owning team the hub editors, who approve profiles): ``upkeep.ownership``.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .enums import LinkStatus

DAYS_IN_MONTH = 30


@register_setting(icon="time")
class UpkeepSettings(BaseGenericSetting):
    """How often each content type is reviewed, and what readers are told when it is late."""

    case_study_months = models.PositiveSmallIntegerField(_("case studies"), default=12)
    resource_months = models.PositiveSmallIntegerField(_("resources"), default=12)
    event_months = models.PositiveSmallIntegerField(_("training and events"), default=6)
    partner_months = models.PositiveSmallIntegerField(_("partner pages"), default=12)
    coach_profile_months = models.PositiveSmallIntegerField(_("coach profiles"), default=12)
    reminder_days = models.PositiveSmallIntegerField(
        _("remind owners this many days before"),
        default=14,
        help_text=_("The owner is reminded once, this many days before a review is due."),
    )
    review_waiting_days = models.PositiveSmallIntegerField(
        _("drafts waiting in review for longer than (days)"),
        default=7,
        help_text=_("The content health report lists drafts waiting in review longer."),
    )
    flag_overdue_to_readers = models.BooleanField(
        _("tell readers when a page or coach profile is overdue for review"),
        default=False,
        help_text=_(
            'Shows "This page is due for review" on public pages, and "This profile is due '
            'for review" on coach profiles, past their date.'
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                "case_study_months",
                "resource_months",
                "event_months",
                "partner_months",
                "coach_profile_months",
            ],
            heading=_("Review every (months)"),
        ),
        FieldPanel("reminder_days"),
        FieldPanel("review_waiting_days"),
        FieldPanel("flag_overdue_to_readers"),
    ]

    class Meta:
        verbose_name = _("content review settings")

    def months_for(self, model) -> int | None:
        field = {
            "casestudypage": "case_study_months",
            "resourcepage": "resource_months",
            "eventpage": "event_months",
            "partnerpage": "partner_months",
            "coachprofile": "coach_profile_months",
        }.get(model._meta.model_name)
        return getattr(self, field) if field else None


class ReviewRecord(models.Model):
    """What a reviewed item's record holds, whatever the item (a page, a coach profile):
    who last confirmed it is still accurate, when it is next due, and an owner who left.
    ``item`` names the reviewed object; it must have ``last_published_at``."""

    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_due = models.DateField(_("review due"), null=True, blank=True)
    # When the owner's account was deactivated, or they left the partner, the item passed to
    # the team: who it was (kept so the team knows whose work it was) and when.
    former_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("former owner"),
    )
    owner_left_at = models.DateTimeField(_("passed to the team"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.item)

    @property
    def item(self):
        raise NotImplementedError

    @property
    def reviewed_on(self) -> date | None:
        """The date shown to readers and the start of the next review period: the later of
        the last confirmed review and the last publication (publishing a new version is
        a review)."""
        dates = [when for when in (self.last_reviewed_at, self.item.last_published_at) if when]
        return timezone.localdate(max(dates)) if dates else None

    def is_overdue(self, today: date | None = None) -> bool:
        return bool(self.review_due and self.review_due < (today or timezone.localdate()))

    def next_due(self, months: int | None) -> date | None:
        start = self.reviewed_on
        if start is None or not months:
            return None
        return start + timedelta(days=months * DAYS_IN_MONTH)


class PageUpkeep(ReviewRecord):
    """One page's review record. Made for every live page of a reviewed type by the daily
    ``check_content_upkeep`` job (and when someone confirms a review)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="upkeep", primary_key=True
    )
    # The editor checks' findings on the live version (upkeep.checks), refreshed nightly.
    accessibility_issues = models.JSONField(default=list, blank=True)
    accessibility_failures = models.PositiveSmallIntegerField(default=0)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("page review record")

    @property
    def item(self):
        return self.page


class ProfileUpkeep(ReviewRecord):
    """One coach profile's review record, made by the same daily job for every live profile
    (and when someone confirms a review)."""

    profile = models.OneToOneField(
        "directory.CoachProfile",
        on_delete=models.CASCADE,
        related_name="upkeep",
        primary_key=True,
    )

    class Meta:
        verbose_name = _("coach profile review record")

    @property
    def item(self):
        return self.profile


class Link(models.Model):
    """A link found in a live page, and what the link checker last saw there."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="upkeep_links"
    )
    url = models.CharField(_("address"), max_length=2000)
    text = models.CharField(_("link text"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, blank=True, db_index=True
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("checked link")
        constraints = [
            models.UniqueConstraint(fields=["page", "url"], name="upkeep_link_once_per_page")
        ]

    def __str__(self):
        return self.url

    @property
    def failing(self) -> bool:
        return self.status in LinkStatus.failing()

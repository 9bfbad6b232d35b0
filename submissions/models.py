"""Idea submissions: the idea, its status history, messages, attachments and drafts (the
emails sent about it are in the hub's outbox, ``hub.OutboxEmail``).

Personal data of the submitter sits in the ``submitter_*`` fields of :class:`IdeaSubmission`
(and in its attachments, drafts and outbox emails) so that retention
(:mod:`submissions.portal.retention`) can remove it in one place and keep the anonymised idea.
None of it is ever shown on a public page, listing, search result or API response.
"""

import hashlib
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from hub.drafts import FormDraft, new_draft_key  # noqa: F401 (named by migrations)
from hub.enums import EmailPurpose
from hub.fields import MultipleChoiceListField
from hub.models import Organisation, Priority
from hub.private_files import delete_file_on_commit, private_storage

from .enums import (
    BENEFIT_UNITS,
    AdultClinicalArea,
    BenefitKind,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    ProjectConsentVia,
    Route,
    Status,
    SubmitterType,
    SupportWanted,
)
from .status import AWAITING_DECISION, CLOSED, OPEN, is_closed

# References a person can read out and quote: no 0/O or 1/I to confuse.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "QI"


def new_reference() -> str:
    """A fresh reference such as ``QI-7K4M-2Q`` (32^6, about a billion, possibilities)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Longest answers accepted, in characters. The forms check them with a clear message; the
# database keeps text fields unbounded so a limit can be raised without a migration.
LIMITS = {
    "submitter_name": 150,
    "submitter_email": 254,
    "submitter_role": 150,
    "organisation_other": 200,
    "title": 150,
    "problem": 5000,
    "who_affected": 2000,
    "aim": 2000,
    "outcome_measures": 2000,
    "process_measures": 2000,
    "balancing_measures": 2000,
    "baseline_data": 3000,
    "change_ideas": 3000,
    "first_test": 2000,
    "services_pathway": 1000,
    "plus_groups_other": 200,
    "inequalities": 2000,
    "involvement_detail": 2000,
    "digital_opportunity": 2000,
    "support_detail": 1000,
    "message": 5000,
}


class IdeaSubmissionQuerySet(models.QuerySet):
    """Named predicates over ideas: the one statement of what counts as open, awaiting a
    decision, addressing Core20PLUS5, coming from citizens or involving service users. Each
    has its ``Q`` (for filters, conditional counts and exclusions) and a method using it."""

    CITIZEN_TYPES = (SubmitterType.SERVICE_USER, SubmitterType.CARER, SubmitterType.PUBLIC)
    INVOLVED = (Involvement.LEADING, Involvement.INVOLVED, Involvement.PLANNED)

    @staticmethod
    def open_q() -> Q:
        return Q(status__in=OPEN)

    @staticmethod
    def closed_q() -> Q:
        return Q(status__in=CLOSED)

    @staticmethod
    def awaiting_decision_q() -> Q:
        return Q(status__in=AWAITING_DECISION)

    @staticmethod
    def core20_q() -> Q:
        """The idea reaches the most deprived 20% of the population."""
        return Q(core20=Core20.YES)

    @staticmethod
    def plus_group_q() -> Q:
        """The idea names a PLUS group ("not sure" on its own is not a group)."""
        return ~Q(plus_groups=[]) & ~Q(plus_groups=[PlusGroup.NOT_SURE.value])

    @staticmethod
    def clinical_area_q() -> Q:
        """The idea names a Core20PLUS5 clinical area, for adults or for children."""
        return ~Q(adult_clinical_areas=[]) | ~Q(child_clinical_areas=[])

    @classmethod
    def core20plus5_q(cls) -> Q:
        """The idea addresses Core20PLUS5: the most deprived 20%, a PLUS group or a clinical
        area."""
        return cls.core20_q() | cls.plus_group_q() | cls.clinical_area_q()

    @classmethod
    def from_citizens_q(cls) -> Q:
        """Sent by citizens and service users (patients, carers, the public), not staff."""
        return Q(submitter_type__in=cls.CITIZEN_TYPES)

    @classmethod
    def involving_service_users_q(cls) -> Q:
        """Service users or carers lead it, are involved, or will be involved."""
        return Q(involvement__in=cls.INVOLVED)

    def open(self):
        return self.filter(self.open_q())

    def closed(self):
        return self.filter(self.closed_q())

    def awaiting_decision(self):
        return self.filter(self.awaiting_decision_q())

    def addressing_core20plus5(self):
        return self.filter(self.core20plus5_q())

    def from_citizens(self):
        return self.filter(self.from_citizens_q())


class IdeaSubmission(models.Model):
    """An improvement idea, framed by the Model for Improvement."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    route = models.CharField(
        _("route"),
        max_length=32,
        choices=Route.choices,
        blank=True,
        help_text=_("Set by the huddle when it accepts the idea."),
    )
    language = models.CharField(_("language"), max_length=16, default="en")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    # The draft this was made from: unique, so replaying the final POST makes one idea.
    source_draft_key = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # SHA-256 of the private status-page token; the token itself is only ever emailed.
    status_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)

    # Personal data of the submitter: blanked by retention (see PERSONAL_DATA_FIELDS).
    submitter_name = models.CharField(_("name"), max_length=LIMITS["submitter_name"], blank=True)
    submitter_email = models.EmailField(_("email"), blank=True)
    submitter_role = models.CharField(_("role"), max_length=LIMITS["submitter_role"], blank=True)
    submitter_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed at"), null=True, blank=True
    )

    # About the submitter, not personal.
    submitter_type = models.CharField(
        _("submitted by"), max_length=32, choices=SubmitterType.choices
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_ideas",
    )
    organisation_other = models.CharField(
        _("other organisation"), max_length=LIMITS["organisation_other"], blank=True
    )

    # The idea.
    title = models.CharField(_("title"), max_length=LIMITS["title"])
    problem = models.TextField(_("problem or opportunity"))
    who_affected = models.TextField(_("who it affects"), blank=True)
    # Model for Improvement: what are we trying to accomplish?
    aim = models.TextField(_("aim"))
    # How will we know that a change is an improvement?
    outcome_measures = models.TextField(_("outcome measures"), blank=True)
    process_measures = models.TextField(_("process measures"), blank=True)
    balancing_measures = models.TextField(_("balancing measures"), blank=True)
    baseline_data = models.TextField(_("baseline data"), blank=True)
    # What changes can we make that will result in improvement?
    change_ideas = models.TextField(_("change ideas"))
    first_test = models.TextField(_("first test of change (PDSA)"), blank=True)

    # Scope and priorities.
    organisations_involved = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations involved"),
        blank=True,
        related_name="ideas_involving",
    )
    services_pathway = models.TextField(_("services or pathway"), blank=True)
    proposed_route = models.CharField(
        _("proposed scope"),
        max_length=32,
        choices=Route.choices,
        blank=True,
        help_text=_("What the submitter thought; blank when they were not sure."),
    )
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("system priorities"), blank=True, related_name="ideas"
    )

    # Populations and inequalities (Core20PLUS5).
    core20 = models.CharField(
        _("most deprived 20%"), max_length=16, choices=Core20.choices, blank=True
    )
    plus_groups = MultipleChoiceListField(_("PLUS groups"), choices_enum=PlusGroup)
    plus_groups_other = models.CharField(
        _("other PLUS group"), max_length=LIMITS["plus_groups_other"], blank=True
    )
    adult_clinical_areas = MultipleChoiceListField(
        _("clinical areas: adults"), choices_enum=AdultClinicalArea
    )
    child_clinical_areas = MultipleChoiceListField(
        _("clinical areas: children and young people"), choices_enum=ChildClinicalArea
    )
    inequalities = models.TextField(_("inequalities"), blank=True)

    # Involvement and digital.
    involvement = models.CharField(
        _("service user and carer involvement"),
        max_length=16,
        choices=Involvement.choices,
        blank=True,
    )
    involvement_detail = models.TextField(_("how they are involved"), blank=True)
    digital_opportunity = models.TextField(_("digital opportunity"), blank=True)

    # Support wanted.
    support_wanted = MultipleChoiceListField(_("support wanted"), choices_enum=SupportWanted)
    support_detail = models.TextField(_("more about the support wanted"), blank=True)

    privacy_consent_at = models.DateTimeField(_("agreed to the privacy notice at"))

    # The huddle's work on the idea (never shown to the submitter except through the status
    # page's own wording and the messages the huddle sends).
    status_changed_at = models.DateTimeField(
        _("status changed at"), default=timezone.now, db_index=True
    )
    first_response_at = models.DateTimeField(
        _("first response at"),
        null=True,
        blank=True,
        help_text=_("When the huddle first acted on the idea or wrote to the submitter."),
    )
    decided_at = models.DateTimeField(
        _("decided at"),
        null=True,
        blank=True,
        help_text=_("When the huddle accepted, declined or redirected the idea."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead huddle member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_ideas",
    )
    coach = models.ForeignKey(
        "directory.CoachProfile",
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_ideas",
    )
    route_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("routed to"),
        blank=True,
        related_name="routed_ideas",
        help_text=_("The provider (one provider) or providers (integrated) taking it on."),
    )
    sifted_at = models.DateTimeField(_("sifted at"), null=True, blank=True)
    sifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    redirected_to = models.CharField(
        _("redirected to"),
        max_length=300,
        blank=True,
        help_text=_("The existing project or service the idea was joined to."),
    )
    case_study = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("case study"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The draft case study made from this idea once it was completed."),
    )
    # A public project in progress: needs both the submitter's consent and a huddle
    # member's approval (submissions.huddle.projects), each recorded with when and how.
    project_consent_at = models.DateTimeField(
        _("submitter consented to a project"), null=True, blank=True
    )
    project_consent_via = models.CharField(
        _("consent given through"), max_length=20, choices=ProjectConsentVia.choices, blank=True
    )
    project_approved_at = models.DateTimeField(_("project approved"), null=True, blank=True)
    project_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("project page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The public project in progress made from this idea."),
    )
    # The emails about the idea, in the hub's outbox: deleted with the idea, and by retention.
    outbox_emails = GenericRelation(
        "hub.OutboxEmail",
        content_type_field="cause_type",
        object_id_field="cause_id",
    )

    objects = IdeaSubmissionQuerySet.as_manager()

    PERSONAL_DATA_FIELDS = ("submitter_name", "submitter_email", "submitter_role", "submitter_ip")

    class Meta:
        verbose_name = _("idea submission")
        verbose_name_plural = _("idea submissions")
        ordering = ["-submitted_at"]
        permissions = [("work_in_inbox", _("Can work in the huddle inbox"))]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @classmethod
    def unused_reference(cls) -> str:
        while True:
            reference = new_reference()
            if not cls.objects.filter(reference=reference).exists():
                return reference

    def issue_status_token(self) -> str:
        """A new private status-page token; only its hash is kept. Saves the hash."""
        token = secrets.token_urlsafe(32)
        self.status_token_hash = hash_token(token)
        if self.pk:
            self.save(update_fields=["status_token_hash"])
        return token

    def issue_extra_status_link(self) -> str:
        """Another private status-page token, for an email after the receipt (the huddle's
        messages and decisions); the receipt's link keeps working too."""
        token = secrets.token_urlsafe(32)
        StatusLink.objects.create(submission=self, token_hash=hash_token(token))
        return token

    @classmethod
    def for_status_token(cls, token: str):
        """The submission a status-page token opens, or None."""
        if not token or len(token) > 100:
            return None
        hashed = hash_token(token)
        return (
            cls.objects.filter(Q(status_token_hash=hashed) | Q(status_links__token_hash=hashed))
            .distinct()
            .first()
        )

    @property
    def organisation_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.organisation_other

    @property
    def is_closed(self) -> bool:
        return is_closed(self.status)


class StatusChange(models.Model):
    """One step of a submission's status history: who moved it, when, and why."""

    submission = models.ForeignKey(
        IdeaSubmission, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=32, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=32, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_submitter = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.submission_id}: {self.from_status or '-'} → {self.to_status}"


class StatusLink(models.Model):
    """A further private link to the status page, sent in a later email. Only the hash is
    kept; retention deletes these with the rest of the submitter's data."""

    submission = models.ForeignKey(
        IdeaSubmission, on_delete=models.CASCADE, related_name="status_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status page link")
        verbose_name_plural = _("status page links")

    def __str__(self):
        return f"Status link for {self.submission_id}"


class MessageSender(models.TextChoices):
    HUDDLE = "huddle", _("The huddle")
    SUBMITTER = "submitter", _("Submitter")


class SubmissionMessage(models.Model):
    """A message between the huddle and the submitter, shown on the private status page."""

    submission = models.ForeignKey(
        IdeaSubmission, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(max_length=16, choices=MessageSender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The huddle member who wrote it; empty for the submitter."),
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_sender_display()} on {self.created_at:%Y-%m-%d}"


class IdeaDraft(FormDraft):
    """An idea in progress (``hub.drafts``). Expires ``SUBMISSIONS_DRAFT_EXPIRY_DAYS`` after
    it was last saved."""

    expiry_days_setting = "SUBMISSIONS_DRAFT_EXPIRY_DAYS"
    continue_salt = "submissions.draft.continue-later"
    continue_link_purpose = EmailPurpose.CONTINUE_LINK

    class Meta:
        verbose_name = _("draft idea")
        verbose_name_plural = _("draft ideas")


ATTACHMENT_ROOT = "submissions"


def attachment_path(instance, filename):
    # Never the uploaded name: it is kept in original_name and only shown to the huddle.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"{ATTACHMENT_ROOT}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class SubmissionAttachment(models.Model):
    """A file sent with an idea: first attached to the draft, then to the submission."""

    submission = models.ForeignKey(
        IdeaSubmission,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    draft = models.ForeignKey(
        IdeaDraft, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, help_text=_("Detected from the content."))
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission__isnull=False) | Q(draft__isnull=False),
                name="attachment_belongs_to_submission_or_draft",
            )
        ]

    def __str__(self):
        return self.original_name


class InternalNote(models.Model):
    """A note between huddle members about an idea. Never shown to the submitter."""

    submission = models.ForeignKey(IdeaSubmission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("note"))
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="idea_note_mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("huddle note")
        verbose_name_plural = _("huddle notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.submission_id} by {self.author_id}"


class CoachingSession(models.Model):
    """The coaching log: one session with the team behind an idea."""

    submission = models.ForeignKey(
        IdeaSubmission, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    coach = models.ForeignKey(
        "directory.CoachProfile",
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaching_sessions",
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Coaching on {self.date}"


class HuddleMeeting(models.Model):
    """A meeting of the Design Collaborative Huddle, with its agenda of ideas."""

    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    notes = models.TextField(_("general notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("huddle meeting")
        verbose_name_plural = _("huddle meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title or f"Huddle {self.date:%d %B %Y}"


class AgendaItem(models.Model):
    """One idea on a meeting's agenda: what was discussed and what was decided."""

    meeting = models.ForeignKey(HuddleMeeting, on_delete=models.CASCADE, related_name="items")
    submission = models.ForeignKey(
        IdeaSubmission, on_delete=models.CASCADE, related_name="agenda_items"
    )
    sort_order = models.PositiveIntegerField(default=0)
    discussion = models.TextField(_("discussion"), blank=True)
    decision = models.CharField(_("decision"), max_length=32, choices=Status.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    status_change = models.OneToOneField(
        StatusChange,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_item",
        help_text=_("The status change the decision applied."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "submission"], name="one_agenda_item_per_idea_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting} — {self.submission_id}"


class InboxExport(models.Model):
    """Every CSV export of the inbox: who, when, what filter, and whether it held personal
    data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    query = models.TextField(blank=True, help_text=_("The filters used (a query string)."))
    row_count = models.PositiveIntegerField(default=0)
    included_personal_data = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("inbox export")
        verbose_name_plural = _("inbox exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Export by {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Benefit(models.Model):
    """An expected (and later realised) benefit of an accepted idea or its project: for
    whom, how much, measured how, and when the huddle reviews it.

    No personal data: "who benefits" is a group ("older people on ward 7"), never a person.
    Amounts are counted in the kind's one unit (``BENEFIT_UNITS``) so the open summary can
    add them up."""

    submission = models.ForeignKey(
        IdeaSubmission,
        on_delete=models.CASCADE,
        related_name="benefits",
        verbose_name=_("idea"),
    )
    kind = models.CharField(_("benefit for"), max_length=20, choices=BenefitKind.choices)
    who = models.CharField(
        _("who benefits"),
        max_length=200,
        help_text=_("A group, never a named person: e.g. “older people admitted at night”."),
    )
    expected = models.TextField(_("expected benefit"), max_length=1000)
    expected_amount = models.DecimalField(
        _("expected amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "People a year for patients, staff and equity; pounds a year for money; hours "
            "a year for time."
        ),
    )
    realised = models.TextField(_("realised benefit"), max_length=1000, blank=True)
    realised_amount = models.DecimalField(
        _("realised amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    measured_how = models.TextField(_("measured how"), max_length=1000, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    reviewed_at = models.DateTimeField(
        _("reviewed"),
        null=True,
        blank=True,
        help_text=_("Set when the huddle records the realised benefit."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.who}"

    def save(self, *args, **kwargs):
        if (self.realised.strip() or self.realised_amount is not None) and not self.reviewed_at:
            self.reviewed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def unit(self) -> str:
        return str(BENEFIT_UNITS[BenefitKind(self.kind)])


@register_setting(icon="time")
class HuddleSettings(BaseGenericSetting):
    """The huddle's response targets, in working days (Monday to Friday)."""

    first_response_days = models.PositiveSmallIntegerField(
        _("first response within (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    decision_days = models.PositiveSmallIntegerField(
        _("decision within (working days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("huddle targets")


post_delete.connect(delete_file_on_commit, sender=SubmissionAttachment)

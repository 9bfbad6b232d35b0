"""Coach and mentor profiles, the taxonomies they are described with, and contact requests.

A profile is a snippet with Wagtail's drafts, revisions, locking, preview and workflow: a coach
edits their own profile (``directory.permissions``), hub editors approve it through the "Coach
profile review" workflow (``hub.access``), and only the live version is ever public. No field
of a profile publishes an email address or a phone number: people reach a coach through the
contact form, which stores a :class:`ContactRequest` and relays it by email.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from hub.enums import EmailPurpose
from hub.models import NamedTaxonomy, places_field

from .enums import Capacity, OfferKind, RequestedSupport, WorkingModeKind
from .profiles import profile_context

BIO_MAX_LENGTH = 600

_EMAIL_ADDRESS = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+")
# Ten or more digits, optionally led by + or 00 and split by spaces, dashes, dots or brackets:
# every UK phone number, and no year range or ordinary count.
_PHONE_NUMBER = re.compile(r"(?<!\w)(?:\+|00)?\d(?:[\s\-.()]{0,2}\d){9,}")


def validate_no_contact_details(value: str):
    """Profiles are public: contact goes through the hub, never a published address."""
    if _EMAIL_ADDRESS.search(value or ""):
        raise ValidationError(
            _(
                "Remove the email address: profiles never show one. People contact you "
                "through the hub's form, and you reply from your own email."
            ),
            code="email_address",
        )
    if _PHONE_NUMBER.search(value or ""):
        raise ValidationError(
            _(
                "Remove the phone number: profiles never show one. People contact you "
                "through the hub's form, and you reply from your own email."
            ),
            code="phone_number",
        )


def default_language_only():
    """Choices for a profile's taxonomies: the default-language objects (translations of a
    skill or an organisation are the same thing, shown in another language)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class Skill(NamedTaxonomy):
    """A QI skill or method a coach can help with (managed by hub editors)."""

    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    methods = models.ManyToManyField(
        "hub.QIMethod",
        blank=True,
        related_name="skills",
        limit_choices_to=default_language_only,
        verbose_name=_("counts as QI methods"),
        help_text=_(
            "Coaches with this skill are found under these methods in search filters "
            "(e.g. “Measurement and SPC” under “Statistical process control”)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("methods"),
        "sort_order",
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("QI skill")
        verbose_name_plural = _("QI skills")
        ordering = ["sort_order", "name"]


class Language(NamedTaxonomy):
    """A language a coach can work in, spoken or signed."""

    code = models.CharField(
        _("language code"),
        max_length=16,
        help_text=_(
            "The ISO 639 code, e.g. pl for Polish, ur for Urdu, bfi for British Sign Language."
        ),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code"), "sort_order"]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["sort_order", "name"]


class FixedOption(models.Model):
    """One row per value of a ``TextChoices``: what a profile links to for a choice it may
    hold several of. A many-to-many to these rows filters and counts the same way on SQLite
    and PostgreSQL (a JSON list would need ``contains``, which SQLite lacks)."""

    kind_choices: type[models.TextChoices]

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return str(self.kind_choices(self.kind).label)

    @classmethod
    def ensure_rows(cls):
        """Create the row for every value (idempotent; after migrate and after a flush)."""
        existing = set(cls.objects.values_list("kind", flat=True))
        cls.objects.bulk_create(
            [cls(kind=value) for value in cls.kind_choices.values if value not in existing]
        )


class Offer(FixedOption):
    kind_choices = OfferKind
    kind = models.CharField(_("offer"), max_length=20, choices=OfferKind.choices, unique=True)

    class Meta(FixedOption.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")


class WorkingMode(FixedOption):
    kind_choices = WorkingModeKind
    kind = models.CharField(
        _("way of working"), max_length=20, choices=WorkingModeKind.choices, unique=True
    )

    class Meta(FixedOption.Meta):
        verbose_name = _("way of working")
        verbose_name_plural = _("ways of working")


class CoachProfileQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        """What the public sees: published profiles only."""
        return self.filter(live=True)

    def with_public_capacity(self):
        """Annotated with ``public_capacity``, as :attr:`CoachProfile.public_capacity` says,
        so the directory's filter and counts agree with the badges."""
        reachable = Q(contact_email__gt="") | Q(user__email__gt="")
        return self.annotate(
            public_capacity_value=Case(
                When(reachable, then=F("capacity")),
                default=Value(Capacity.CLOSED.value),
                output_field=models.CharField(),
            )
        )


class CoachProfile(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A QI coach or mentor in the public directory (live version only)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coach_profile",
        verbose_name=_("coach's account"),
        help_text=_("The account that keeps this profile up to date (a member of Coaches)."),
    )
    display_name = models.CharField(
        _("name"), max_length=150, validators=[validate_no_contact_details]
    )
    slug = models.SlugField(
        _("slug"),
        max_length=150,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=_("The profile's web address. Leave blank to make one from the name."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        on_delete=models.SET_NULL,
        related_name="coaches",
        limit_choices_to=default_language_only,
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"),
        max_length=150,
        validators=[validate_no_contact_details],
        help_text=_("For example, Improvement lead, Ward manager, Carer and patient leader."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=BIO_MAX_LENGTH,
        validators=[validate_no_contact_details],
        help_text=_(
            "Up to 600 characters: what you have improved and how you like to help. "
            "No email addresses or phone numbers."
        ),
    )
    skills = ParentalManyToManyField(
        Skill,
        related_name="coaches",
        limit_choices_to=default_language_only,
        verbose_name=_("QI skills and methods"),
    )
    priorities = ParentalManyToManyField(
        "hub.Priority",
        blank=True,
        related_name="coaches",
        limit_choices_to=default_language_only,
        verbose_name=_("system priorities they know"),
    )
    places = places_field(
        "coaches",
        limit_choices_to=default_language_only,
        verbose_name=_("places they work in"),
    )
    offers = ParentalManyToManyField(Offer, related_name="coaches", verbose_name=_("offers"))
    languages = ParentalManyToManyField(
        Language,
        related_name="coaches",
        limit_choices_to=default_language_only,
        verbose_name=_("languages"),
    )
    working_modes = ParentalManyToManyField(
        WorkingMode, related_name="coaches", verbose_name=_("how they work")
    )
    area = models.CharField(
        _("area"),
        max_length=150,
        blank=True,
        validators=[validate_no_contact_details],
        help_text=_("Where you can meet in person, e.g. Kingsmead and the Wey valley."),
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=16,
        choices=Capacity.choices,
        default=Capacity.OPEN,
        db_index=True,
        help_text=_(
            "“Not taking requests now” closes your contact form, once a hub editor "
            "approves the change."
        ),
    )
    contact_email = models.EmailField(
        _("email for contact requests"),
        blank=True,
        help_text=_(
            "Private: never shown. Contact requests are relayed here, or to the account's "
            "email address when this is blank."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CoachProfileQuerySet.as_manager()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="coach_profile")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="coach_profile",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("display_name", boost=3),
        index.AutocompleteField("display_name"),
        index.SearchField("role", boost=2),
        index.SearchField("bio"),
        index.SearchField("area"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("skills", [index.SearchField("name")]),
        index.RelatedFields("priorities", [index.SearchField("name")]),
        index.RelatedFields("places", [index.SearchField("name")]),
        index.RelatedFields("languages", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("capacity"),
    ]

    class Meta:
        verbose_name = _("coach profile")
        verbose_name_plural = _("coach profiles")
        ordering = ["display_name", "pk"]
        permissions = [("change_any_coachprofile", "Can edit every coach profile")]

    def __str__(self):
        return self.display_name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("Describe the photo for people who cannot see it.")}
            )
        if self.capacity != Capacity.CLOSED and not self.contact_address:
            # A profile that offers its contact form must have somewhere to send messages.
            raise ValidationError(
                {
                    "contact_email": _(
                        "Add an email address for contact requests, or set capacity to "
                        "“Not taking requests now”: otherwise visitors' messages would have "
                        "nowhere to go."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)
        # The search index entry is written on post_save, before ClusterableModel has saved
        # the many-to-many relations (skills, priorities...): index again with them.
        index.insert_or_update_object(self)

    def _unique_slug(self) -> str:
        base = slugify(self.display_name, allow_unicode=True)[:140] or "coach"
        slug, number = base, 1
        taken = CoachProfile.objects.exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def get_url(self) -> str:
        return reverse("directory:profile", kwargs={"slug": self.slug})

    get_absolute_url = get_url

    @property
    def contact_address(self) -> str:
        """Where contact requests are relayed (private; never rendered)."""
        if self.contact_email:
            return self.contact_email
        return self.user.email if self.user_id and self.user.email else ""

    @property
    def reachable(self) -> bool:
        """Whether contact requests have an address to go to."""
        return bool(self.contact_address)

    @property
    def accepts_requests(self) -> bool:
        """Whether the contact form is open: taking requests, and somewhere to send them."""
        return self.capacity != Capacity.CLOSED and self.reachable

    @property
    def public_capacity(self) -> str:
        """The capacity the public sees (badge, filter, API): a coach with nowhere to send
        requests is not taking them, whatever the profile says."""
        return self.capacity if self.reachable else Capacity.CLOSED

    def get_public_capacity_display(self) -> str:
        return Capacity(self.public_capacity).label

    def get_preview_template(self, request, mode_name):
        return "directory/profile.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), **profile_context(self)}


class ContactRequest(models.Model):
    """Someone asking a coach for help through the hub.

    Private: seen only by that coach (in the admin) and by hub editors, never published.
    Stored before anything is sent, in the same transaction as the email relaying it to the
    coach with Reply-To set to the requester (``directory.emails``), which the hub's outbox
    sends: a failed email is retried, never lost, never sent twice.
    """

    coach = models.ForeignKey(
        CoachProfile,
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("coach"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    support_wanted = models.CharField(
        _("support wanted"), max_length=20, choices=RequestedSupport.choices
    )
    message = models.TextField(_("message"), max_length=3000)
    # The language the requester wrote in (the page's): what the hub writes to them in.
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # The email to the coach, in the hub's outbox (one per request), and the one telling the
    # requester if it could not be sent: deleted with the request.
    outbox_emails = GenericRelation(
        "hub.OutboxEmail",
        content_type_field="cause_type",
        object_id_field="cause_id",
    )

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name}, {timezone.localtime(self.created_at):%d %b %Y}"

    # Where the email to the coach is, read from the outbox, for the admin's list and
    # inspect view (prefetch ``outbox_emails`` for a list).

    def _outbox_email(self, purpose):
        # Read from the (prefetched) emails of this request, in Python: no query per row.
        return next((email for email in self.outbox_emails.all() if email.purpose == purpose), None)

    @cached_property
    def relay(self):
        """The outbox email relaying this request to the coach, if one was recorded."""
        return self._outbox_email(EmailPurpose.COACH_CONTACT)

    @cached_property
    def undelivered_notice(self):
        """The email telling the requester the relay failed, if there was need of one."""
        return self._outbox_email(EmailPurpose.CONTACT_UNDELIVERED)

    def requester_told(self) -> str:
        if self.undelivered_notice is None:
            return ""
        return self.undelivered_notice.get_status_display()

    requester_told.short_description = _("email telling them it was not delivered")

    def relay_status(self) -> str:
        if self.relay is None:
            return _("Not recorded")
        return self.relay.get_status_display()

    relay_status.short_description = _("email to the coach")

    def relayed_at(self):
        return self.relay.sent_at if self.relay else None

    relayed_at.short_description = _("relayed")

    def relay_attempts(self) -> int:
        return self.relay.attempts if self.relay else 0

    relay_attempts.short_description = _("attempts")

    def relay_error(self) -> str:
        return self.relay.last_error if self.relay else ""

    relay_error.short_description = _("last error")

"""Models every app shares: partner organisations, system priorities, topics, site settings,
and the outbox of every email the hub sends."""

import re

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager, _ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from . import page_cache, per_request
from .enums import EmailPurpose, EmailStatus, OrganisationType, PlaceKind, PrivacyAuditAction


def active_locale() -> Locale:
    """Wagtail's ``Locale.get_active()``, looked up once per request, and kept with the page
    cache's parts (a change to any locale drops them) so most requests need no query."""
    key = ("locale", get_language())
    return per_request.remember(key, lambda: page_cache.remember(key, Locale.get_active))


def default_locale() -> Locale:
    """Wagtail's ``Locale.get_default()``, like :func:`active_locale` (and not looked up
    again when the visitor's language is the default one)."""
    key = ("locale", settings.LANGUAGE_CODE)
    return per_request.remember(key, lambda: page_cache.remember(key, Locale.get_default))


def is_private(page) -> bool:
    """Whether ``page`` is in a private section (a view restriction on it or above it), from
    the restricted paths kept with the page cache's parts (restrictions are watched): no
    query on most requests, where ``page.get_view_restrictions()`` makes one each time."""
    key = ("restricted_paths",)
    paths = per_request.remember(
        key,
        lambda: page_cache.remember(
            key, lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
        ),
    )
    return any(page.path.startswith(path) for path in paths)


def public(pages):
    """Wagtail's ``.public()`` (pages outside private sections), reading the private
    sections once per request rather than once per queryset."""
    key = ("private_q",)
    private = per_request.remember(key, lambda: page_cache.remember(key, pages.private_q))
    return pages.exclude(private)


def in_active_language(obj):
    """``obj`` in the active language, or ``obj`` itself when it has no translation into it
    (a page: no live one): Wagtail's ``.localized``, without its locale query. A visitor in
    the default language costs no query at all."""
    if obj is None:
        return None
    locale = active_locale()
    if obj.locale_id == locale.pk:
        return obj
    key = ("translation", type(obj), obj.translation_key, locale.pk)
    translation = per_request.remember(key, lambda: obj.get_translation_or_none(locale))
    if translation is None or getattr(translation, "live", True) is False:
        return obj
    return translation


def find_translations(objects) -> None:
    """Look up the translations of ``objects`` (translatable snippets) into the active
    language in one query per model, for :func:`in_active_language` to find for the rest of
    the request: a listing's cards then name each item's organisations and places in the
    visitor's language without a query per name. Nothing to do in the default language."""
    locale = active_locale()
    by_model: dict[type, set] = {}
    for obj in objects:
        if obj.locale_id != locale.pk:
            by_model.setdefault(type(obj), set()).add(obj.translation_key)
    for model, keys in by_model.items():
        found = {
            translation.translation_key: translation
            for translation in model.objects.filter(locale=locale, translation_key__in=keys)
        }
        for key in keys:
            per_request.remember(
                ("translation", model, key, locale.pk),
                lambda key=key, found=found: found.get(key),
            )


def localized(queryset, locale=None):
    """Objects in ``locale``, plus default-language objects not yet translated into it.

    One query, whatever the number of objects: use it for listings instead of calling
    ``.localized`` on each item.
    """
    locale = locale or active_locale()
    default = default_locale()
    if locale.pk == default.pk:
        return queryset.filter(locale=default)
    translated_keys = queryset.model.objects.filter(locale=locale).values("translation_key")
    return queryset.filter(
        Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated_keys))
    )


class NamedTaxonomy(TranslatableMixin, index.Indexed, models.Model):
    """A translatable, named thing with a slug made from its name when left blank."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text=_("Used in web addresses and filters. Leave blank to make one from the name."),
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_%(class)s_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:255]
        super().save(*args, **kwargs)


class Place(NamedTaxonomy):
    """A place in the system's geography: a neighbourhood, a primary care network, an
    integrated locality partnership or a locality. A place may sit inside a larger one
    (``parent``): a neighbourhood inside a PCN, a PCN inside a locality."""

    kind = models.CharField(_("kind of place"), max_length=16, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("inside"),
        help_text=_("The larger place this one sits inside, if any."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def clean(self):
        super().clean()
        # A place cannot sit inside itself, however many levels down.
        seen = {self.pk} if self.pk else set()
        parent = self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A place cannot sit inside itself.")})
            seen.add(parent.pk)
            parent = parent.parent
        if self.parent_id and self.parent.locale_id != self.locale_id:
            raise ValidationError({"parent": _("Choose a place in the same language.")})

    @property
    def label(self) -> str:
        """The name with its kind, e.g. “Riverside (Primary care network)”."""
        return f"{self.name} ({self.get_kind_display()})"


class Organisation(NamedTaxonomy):
    """A partner of the health and care system."""

    organisation_type = models.CharField(
        _("type"), max_length=32, choices=OrganisationType.choices, default=OrganisationType.OTHER
    )
    website = models.URLField(_("website"), blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences about the organisation.")
    )
    abbreviations = models.CharField(
        _("also known as"),
        max_length=255,
        blank=True,
        help_text=_(
            "Short names and abbreviations people search by, separated by commas, "
            "e.g. WUH, Wealdshire Hospitals."
        ),
    )
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        verbose_name=_("place"),
        help_text=_("Where the organisation works. Leave blank for one serving the whole system."),
    )
    # The editors group is created and kept in step by hub.access; translations share it.
    editors_group = models.ForeignKey(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("abbreviations"),
        FieldPanel("organisation_type"),
        FieldPanel("place"),
        FieldPanel("website"),
        FieldPanel("summary"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("abbreviations"),
        index.AutocompleteField("name"),
        index.FilterField("organisation_type"),
        index.FilterField("locale"),
    ]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]


class Priority(NamedTaxonomy):
    """A system priority that ideas and case studies align to (Stroke, PSIRF, Frailty...)."""

    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), "sort_order"]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("system priority")
        verbose_name_plural = _("system priorities")
        ordering = ["sort_order", "name"]


class QIMethod(NamedTaxonomy):
    """A quality-improvement method or tool (PDSA, process mapping, SPC, co-design, Lean...)."""

    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), "sort_order"]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("QI method")
        verbose_name_plural = _("QI methods")
        ordering = ["sort_order", "name"]


class Audience(NamedTaxonomy):
    """Who a resource is for (frontline staff, QI leads, patients and carers...)."""

    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), "sort_order"]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["sort_order", "name"]


class Topic(TranslatableMixin, TagBase):
    """A free topic tag (django-taggit) whose public name is translatable.

    Tags are typed by editors in the default language; a translation gives the name shown
    to visitors in another language. Names and slugs are unique per language.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="unique_topic_name"),
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug"),
        ]

    def slugify(self, tag, i=None):
        slug = slugify(tag, allow_unicode=True)[:90]
        return f"{slug}-{i}" if i is not None else slug


class _TopicManager(_ClusterTaggableManager):
    """Resolves typed topic names against the default-language topics only.

    Without this, a name shared by an English topic and its not-yet-translated copy would
    tag the page with both.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs=None):
        tag_kwargs = {**(tag_kwargs or {}), "locale": Locale.get_default()}
        return super()._to_tag_model_instances(tags, tag_kwargs)


class PageTopic(ItemBase):
    """Through model tagging any page with topics."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_pages")
    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        verbose_name = _("page topic")
        verbose_name_plural = _("page topics")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_page_topic")
        ]


def places_field(related_name: str, **kwargs):
    """The places a page or profile is about: ``places = places_field("case_studies")``.

    One field for every model on the place taxonomy (case studies, events, collaborative
    teams, projects, coaches), so each is filtered, searched and exposed the same way
    (``hub.listings.place_facets``, the search ``place`` facet, ``places`` in the API)."""
    kwargs.setdefault("verbose_name", _("places involved"))
    kwargs.setdefault("blank", True)
    return ParentalManyToManyField("hub.Place", related_name=related_name, **kwargs)


def topics_field(**kwargs):
    """The topics field for a page model: ``topics = topics_field()``."""
    kwargs.setdefault("verbose_name", _("topics"))
    kwargs.setdefault("blank", True)
    kwargs.setdefault("help_text", _("Type a topic and press Enter. Reuse existing topics."))
    return ClusterTaggableManager(through=PageTopic, manager=_TopicManager, **kwargs)


_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_header_colour(value: str):
    if not _HEX_COLOUR.match(value):
        raise ValidationError(_("Enter a colour as # followed by six hexadecimal digits."))
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            _(
                "White text on this colour has a contrast ratio of %(ratio).1f:1; "
                "WCAG AA needs at least 4.5:1. Choose a darker colour."
            ),
            params={"ratio": ratio},
        )


@register_setting(icon="site")
class HubSettings(BaseSiteSetting):
    """What the hosting health and care system configures about its hub."""

    hub_name = models.CharField(_("hub name"), max_length=100, default="Improvement Hub")
    host_organisation_name = models.CharField(
        _("host organisation"),
        max_length=150,
        blank=True,
        help_text=_("The health and care system that runs the hub, shown in the header."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Replaces the NHS logo in the header. Its alt text is the host organisation."),
    )
    header_colour = models.CharField(
        _("header colour"),
        max_length=7,
        default="#005eb8",
        validators=[validate_header_colour],
        help_text=_(
            "Background of the header, e.g. #005eb8 (NHS blue). Must keep white text readable."
        ),
    )
    huddle_contact_email = models.EmailField(
        _("huddle contact email"),
        blank=True,
        help_text=_(
            "Where the Design Collaborative Huddle can be reached; shown on the idea form."
        ),
    )
    privacy_contact = models.TextField(
        _("privacy contact"),
        blank=True,
        help_text=_(
            "Who to contact about personal data (the data protection officer); "
            "shown in the privacy notice."
        ),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )

    panels = [
        MultiFieldPanel(
            ["hub_name", "host_organisation_name", "logo", "header_colour"],
            heading=_("Identity"),
        ),
        MultiFieldPanel(["huddle_contact_email", "privacy_contact"], heading=_("Contacts")),
        MultiFieldPanel(["accessibility_page", "privacy_page"], heading=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("hub settings")

    select_related = ["logo", "accessibility_page", "privacy_page"]

    @classmethod
    def for_default_site(cls) -> "HubSettings | None":
        """The default site's settings, for what has no request (emails, feeds, the
        worker): once per request, and kept with the page cache's parts."""
        from wagtail.models import Site

        def find():
            site = Site.objects.filter(is_default_site=True).first()
            return cls.for_site(site) if site else None

        key = ("default-site-settings",)
        return per_request.remember(key, lambda: page_cache.remember(key, find))


def hub_name() -> str:
    """What the hub calls itself (its settings' name, else Wagtail's site name): in every
    email's greeting and signature."""
    found = HubSettings.for_default_site()
    return (found.hub_name if found else "") or settings.WAGTAIL_SITE_NAME


class OutboxEmail(models.Model):
    """One email the hub sends, recorded in the transaction that caused it and sent at most
    once however often it is retried (``hub.outbox`` records, sends and retries it).

    ``key`` names the one email (``receipt:QI-7K4M-2Q``, ``coach-contact:12``): recording
    the same key twice returns the existing row, and a row already sent is never sent again.
    The bodies (which may hold a private link) are cleared once the email has gone; the row
    stays as the record that it went, and when.
    """

    key = models.CharField(max_length=150, unique=True)
    purpose = models.CharField(_("purpose"), max_length=32, choices=EmailPurpose.choices)
    # What the email is about: the idea, the contact request, the draft, the member. A generic
    # link (contenttypes) rather than a nullable foreign key per app: this model sits below
    # every app and cannot name their models, and one pair of columns serves any cause an app
    # adds. Apps that must delete or purge their emails add a GenericRelation on their side
    # (IdeaSubmission, ContactRequest): deleting the cause then deletes its emails, as a
    # foreign key's CASCADE would, and "the emails of this idea" is one query.
    cause_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cause_id = models.PositiveBigIntegerField(null=True, blank=True)
    cause = GenericForeignKey("cause_type", "cause_id")
    to = models.EmailField(_("to"), blank=True)  # blank only when it could not be sent at all
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    # An iCalendar file (.ics) sent with the email (an event booked), cleared once sent.
    calendar = models.TextField(blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    # Extra message headers, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post
    # (RFC 8058) on the emails people follow topics by.
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outbox email")
        verbose_name_plural = _("outbox emails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["cause_type", "cause_id"], name="outbox_email_cause")]

    def __str__(self):
        return f"{self.key} ({self.status})"


class PrivacyAudit(models.Model):
    """One use of the privacy-rights tools (Settings → Personal data): who searched for,
    exported or erased the records about an address, when, and how many of each kind.

    Never the records themselves, nor the address: ``email_hash`` is a keyed hash
    (``hub.personal_data.audit_hash``), so the trail can be searched by an address someone
    enters again without keeping the address that an erasure has just removed everywhere
    else. Kept as the record that each request was answered.
    """

    action = models.CharField(_("action"), max_length=16, choices=PrivacyAuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    # The account name at the time: still readable once the account is gone.
    actor_name = models.CharField(_("by"), max_length=150)
    email_hash = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(_("records"), default=dict, blank=True)  # {registry key: rows}
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("privacy audit entry")
        verbose_name_plural = _("privacy audit")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("manage_personal_data", "Can find, export and erase a person's data"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_name}"

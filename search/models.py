"""The public search index: one :class:`SearchDocument` per live, public item.

A document is the public face of a page or a coach profile, in one language, flattened for
search: its type, title, summary, text, link, organisation, date and facet values. Documents
are written only for content anyone may see (``search.documents``), so nothing else can ever
be indexed or returned. Wagtail's search backend indexes the documents (the database backend
or Elasticsearch, from settings) and ``search.service`` queries them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from .enums import Kind

FACET_TAGS = ("organisation", "place", "priority", "topic", "method")
# Not a facet: the languages a default-language document has a public translation in, so a
# search in another language shows the document only where that translation is missing.
TRANSLATED_TAG = "translated"


class SearchDocument(index.Indexed, models.Model):
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=12)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    # What search.analysis adds to the words of the title, summary and keywords (their stems,
    # words like "A&E" kept whole), and to the words of the text.
    headline_terms = models.TextField(blank=True, editable=False)
    body_terms = models.TextField(blank=True, editable=False)
    # Names of the organisations, priorities, methods, topics and skills it is tagged with.
    keywords = models.TextField(_("keywords"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)

    # search.documents indexes a document once its facet values are written, and removes it.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("keywords", boost=2),
        index.SearchField("body"),
        index.SearchField("headline_terms", boost=2),
        index.SearchField("body_terms"),
        index.AutocompleteField("title"),
        # The database backend on SQLite has three weighted columns (title, autocomplete,
        # body): the summary joins the autocomplete one so that it outweighs the body there
        # too. Title suggestions query the title alone.
        index.AutocompleteField("summary"),
        # The stems of the headline words weigh as the summary does.
        index.AutocompleteField("headline_terms"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("date"),
        # Facet values, as keyword lists in Elasticsearch (the database backends count them
        # from SearchDocumentTag).
        *(index.FilterField(f"{facet}_values") for facet in FACET_TAGS),
        index.FilterField(f"{TRANSLATED_TAG}_values"),
    ]

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="unique_search_document_source"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"]), models.Index(fields=["date"])]

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.prefetch_related("tags")

    def _tag_values(self, facet: str) -> list[str]:
        return [tag.value for tag in self.tags.all() if tag.facet == facet]

    @property
    def organisation_values(self):
        return self._tag_values("organisation")

    @property
    def place_values(self):
        return self._tag_values("place")

    @property
    def priority_values(self):
        return self._tag_values("priority")

    @property
    def topic_values(self):
        return self._tag_values("topic")

    @property
    def method_values(self):
        return self._tag_values("method")

    @property
    def translated_values(self):
        return self._tag_values(TRANSLATED_TAG)


class SearchDocumentTag(models.Model):
    """One facet value of a document (an organisation, priority, topic or method slug)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="unique_search_document_tag"
            )
        ]
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self):
        return f"{self.facet}: {self.value}"


class SearchTerm(models.Model):
    """A word of the documents (titles, summaries, keywords and text, stop words left out):
    the vocabulary that tells a known word from a typo, and that spelling suggestions come
    from. ``documents`` counts the documents using it; a word no
    document uses any more is deleted, so the vocabulary only ever holds public words.
    """

    term = models.CharField(max_length=64, unique=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["initial", "length"])]

    def __str__(self):
        return self.term


class SynonymSet(models.Model):
    """Words and phrases that mean the same to someone searching ("A&E", "accident and
    emergency", "emergency department"). A query using any of them finds what uses any
    other. Hub editors keep them in the admin; ``search.queries`` applies them."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One term per line (or separated by commas): words, phrases or abbreviations "
            "that mean the same, e.g. “pressure ulcer”, “pressure sore”, “bed sore”."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        # Not model choices: the hub's languages come from its settings.
        help_text=_("Where the terms apply: most abbreviations apply in every language."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym set")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        return list(
            dict.fromkeys(
                term.strip()
                for line in self.terms.splitlines()
                for term in line.split(",")
                if term.strip()
            )
        )


class SearchQueryCount(models.Model):
    """How many times a search term was searched on one day, and how many of those searches
    found nothing. Nothing about who searched or when in the day is kept: no user, address,
    session or time (``search.query_log`` counts in memory and writes these rows in the
    background; ``purge_search_query_counts`` deletes them after eight weeks)."""

    day = models.DateField(_("day"))
    query = models.CharField(_("search term"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    no_results = models.PositiveIntegerField(_("searches that found nothing"), default=0)

    class Meta:
        verbose_name = _("search term count")
        verbose_name_plural = _("search term counts")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="unique_search_query_count")
        ]

    def __str__(self):
        return f"{self.day}: {self.query}"

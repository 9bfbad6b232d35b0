"""What the huddle inbox can be narrowed to: one FilterSet and one search, shared by the list,
its counts per status and its CSV export, so an export holds exactly the ideas on screen.

Each filter is a plain database condition (no per-idea work), and a filter given a value it
does not know is left out on its own, with its error shown next to it, while the others still
apply: a stale bookmark never silently turns into "every idea, closed ones included".
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

import django_filters

from hub.models import Organisation, Priority
from submissions.enums import Involvement, Route, Status
from submissions.models import IdeaSubmission, IdeaSubmissionQuerySet
from submissions.permissions import huddle_members

from .clocks import overdue_q

# Values of the status filter besides the statuses themselves. No value means open ideas.
OPEN_IDEAS = ""
ALL_IDEAS = "all"
CLOSED_IDEAS = "closed"

ASSIGNED_TO_ME = "me"
UNASSIGNED = "none"
NOT_ROUTED = "none"
NOT_ANSWERED = "none"

# The free-text fields a search looks in. Personal data is left out, except that a member
# may find an idea by its submitter's name (each word) or full email address (exactly):
# that is how a submitter asks "what happened to my idea?". An exact email cannot be used to
# list everyone at a domain, and the list never shows who submitted what.
SEARCH_FIELDS = ("reference", "title", "problem", "aim", "change_ideas")
MAX_SEARCH_TERMS = 10
MAX_SEARCH_LENGTH = 200


def status_q(value) -> Q:
    """The ideas a status filter value stands for (open ones when no value is given)."""
    if value in (None, OPEN_IDEAS):
        return IdeaSubmissionQuerySet.open_q()
    if value == ALL_IDEAS:
        return Q()
    if value == CLOSED_IDEAS:
        return IdeaSubmissionQuerySet.closed_q()
    return Q(status=value)


def search_q(query: str) -> Q:
    """Every word appears in one of the searched fields (or the query is the submitter's
    email address)."""
    query = query.strip()[:MAX_SEARCH_LENGTH]
    if not query:
        return Q()
    words = Q()
    for word in query.split()[:MAX_SEARCH_TERMS]:
        any_field = Q(submitter_name__icontains=word)
        for field in SEARCH_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        words &= any_field
    return words | Q(submitter_email__iexact=query)


def search_ideas(queryset, query: str):
    return queryset.filter(search_q(query)) if query.strip() else queryset


class Focus:
    """Choices of the Core20PLUS5 filter."""

    ANY = "any"
    CORE20 = "core20"
    PLUS = "plus"
    CLINICAL = "clinical"
    NONE = "none"

    CHOICES = [
        (ANY, _("Any Core20PLUS5 focus")),
        (CORE20, _("The most deprived 20%")),
        (PLUS, _("A PLUS group")),
        (CLINICAL, _("One of the clinical areas")),
        (NONE, _("No Core20PLUS5 focus given")),
    ]

    @classmethod
    def q(cls, value) -> Q:
        ideas = IdeaSubmissionQuerySet
        return {
            cls.ANY: ideas.core20plus5_q(),
            cls.CORE20: ideas.core20_q(),
            cls.PLUS: ideas.plus_group_q(),
            cls.CLINICAL: ideas.clinical_area_q(),
            cls.NONE: ~ideas.core20plus5_q(),
        }[value]


def _default_locale(model):
    def queryset(request):
        return model.objects.filter(locale=Locale.get_default())

    return queryset


def _assignee_choices():
    members = [
        (str(user.pk), user.get_full_name() or user.get_username()) for user in huddle_members()
    ]
    return [(ASSIGNED_TO_ME, _("Assigned to me")), (UNASSIGNED, _("Unassigned")), *members]


def _through_has(relation, **lookups):
    """An ``Exists`` on a many-to-many relation of the idea: no joins, no duplicate rows."""
    through = getattr(IdeaSubmission, relation).through
    return Exists(through.objects.filter(ideasubmission_id=OuterRef("pk"), **lookups))


class InboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ALL_IDEAS, _("All ideas")), (CLOSED_IDEAS, _("Closed ideas")), *Status.choices],
        empty_label=_("Open ideas"),
        widget=forms.RadioSelect,
        method="filter_status",
    )
    priority = django_filters.ModelMultipleChoiceFilter(
        label=_("System priority"),
        queryset=_default_locale(Priority),
        widget=forms.CheckboxSelectMultiple,
        method="filter_priority",
        help_text=_("Ideas aligned to any of the chosen priorities."),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=_default_locale(Organisation),
        method="filter_organisation",
        help_text=_("The submitter's organisation, one involved, or one the idea is routed to."),
    )
    route = django_filters.ChoiceFilter(
        label=_("Route"),
        choices=[*Route.choices, (NOT_ROUTED, _("Not routed yet"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_route",
    )
    lead = django_filters.ChoiceFilter(
        label=_("Lead"),
        empty_label=_("Anyone or no one"),
        method="filter_lead",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("yes", _("Yes, past a target")), ("no", _("No"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_overdue",
        help_text=_("Past the huddle's first-response or decision target (working days)."),
    )
    focus = django_filters.ChoiceFilter(
        label=_("Core20PLUS5"),
        choices=Focus.CHOICES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_focus",
    )
    involvement = django_filters.ChoiceFilter(
        label=_("Service-user involvement"),
        choices=[*Involvement.choices, (NOT_ANSWERED, _("Not answered"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_involvement",
    )

    class Meta:
        model = IdeaSubmission
        fields = []

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix=None, targets=None, now=None
    ):
        """``targets`` and ``now``: the huddle's targets and the moment the list is drawn
        with, so that the overdue filter and the overdue flags agree."""
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Built once here: a callable would be queried again each time the choices are read.
        self.filters["lead"].extra["choices"] = _assignee_choices()
        self.targets = targets
        self.now = now or timezone.now()

    # A filter method is only called with a value; "status" is always applied (see below).

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_q(value))

    def filter_priority(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(_through_has("priorities", priority__in=value))

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Q(organisation=value)
            | _through_has("organisations_involved", organisation=value)
            | _through_has("route_organisations", organisation=value)
        )

    def filter_route(self, queryset, name, value):
        return queryset.filter(route="" if value == NOT_ROUTED else value)

    def filter_lead(self, queryset, name, value):
        if value == ASSIGNED_TO_ME:
            return queryset.filter(lead=self.request.user)
        if value == UNASSIGNED:
            return queryset.filter(lead__isnull=True)
        return queryset.filter(lead_id=value)

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(self.now, self.targets)
        return queryset.filter(overdue if value == "yes" else ~overdue)

    def filter_focus(self, queryset, name, value):
        return queryset.filter(Focus.q(value))

    def filter_involvement(self, queryset, name, value):
        return queryset.filter(involvement="" if value == NOT_ANSWERED else value)

    def filter_queryset(self, queryset, *, skip=()):
        """Apply every filter with a valid value, leaving out those named in ``skip``.

        A field with an unknown value (a stale link, a deleted member) is dropped on its
        own; the form shows its error. With no valid status, open ideas are shown.
        """
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        for name, filter_ in self.filters.items():
            if name in skip:
                continue
            value = cleaned.get(name)
            if name == "status":
                queryset = queryset.filter(status_q(value))
            else:
                queryset = filter_.filter(queryset, value)
        return queryset

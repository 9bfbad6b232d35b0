"""Forms for huddle meetings: the meeting itself, adding ideas to its agenda, and recording
what the huddle discussed and decided about each idea.

A decision goes through :func:`submissions.huddle.actions.change_status` like every other status
change (checked by the status machine, logged, emailed to the submitter); this module only
keeps the agenda item in step with it and puts the machine's refusal next to the field it is
about.
"""

import re

from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from submissions.enums import Route, Status
from submissions.models import AgendaItem, HuddleMeeting, IdeaSubmission, StatusChange
from submissions.status import TRIAGED_ON_THE_WAY, InvalidTransition, huddle_decisions
from submissions.transitions import StaleStatus

from . import actions
from .forms import THROUGH_TRIAGE_HELP

_COMPACT_REFERENCE = re.compile(r"^QI([A-Z0-9]{4})([A-Z0-9]{2})$")


def normalise_reference(text: str) -> str:
    """``" qi-7k4m-2q "``, ``"QI 7K4M 2Q"`` and ``"qi7k4m2q"`` all become ``"QI-7K4M-2Q"``."""
    text = text.strip().upper()
    match = _COMPACT_REFERENCE.match(re.sub(r"[^A-Z0-9]", "", text))
    return f"QI-{match[1]}-{match[2]}" if match else text


def _next_sort_order(meeting: HuddleMeeting) -> int:
    highest = meeting.items.aggregate(highest=Max("sort_order"))["highest"]
    return 0 if highest is None else highest + 1


def add_to_agenda(meeting: HuddleMeeting, submission: IdeaSubmission) -> tuple[AgendaItem, bool]:
    """Put the idea at the end of the meeting's agenda; ``(item, False)`` if it was there."""
    with transaction.atomic():
        return AgendaItem.objects.get_or_create(
            meeting=meeting,
            submission=submission,
            defaults={"sort_order": _next_sort_order(meeting)},
        )


def add_awaiting_decision(meeting: HuddleMeeting) -> int:
    """Add every idea awaiting a decision that is not on the agenda yet, oldest first.
    Returns how many were added."""
    with transaction.atomic():
        waiting = (
            IdeaSubmission.objects.awaiting_decision()
            .exclude(agenda_items__meeting=meeting)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
        )
        start = _next_sort_order(meeting)
        items = [
            AgendaItem(meeting=meeting, submission_id=pk, sort_order=start + offset)
            for offset, pk in enumerate(waiting)
        ]
        # A colleague adding the same idea at the same moment is not an error.
        AgendaItem.objects.bulk_create(items, ignore_conflicts=True)
    return len(items)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = HuddleMeeting
        fields = ["date", "title", "attendees", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "title": _("Optional. Without one the meeting is called “Huddle” and its date."),
            "attendees": _("Who took part (huddle members and guests), with their roles."),
            "notes": _("Anything for the minutes that is not about one idea."),
        }
        error_messages = {"date": {"required": _("Enter the date of the meeting.")}}


class ReferenceField(forms.CharField):
    """An idea's reference, typed by a person: case, spaces and dashes do not matter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Idea reference"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", _("As shown in the inbox, for example QI-7K4M-2Q."))
        kwargs.setdefault(
            "error_messages", {"required": _("Enter the reference of the idea to add.")}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        reference = normalise_reference(super().clean(value))
        submission = IdeaSubmission.objects.filter(reference=reference).first()
        if submission is None:
            raise forms.ValidationError(
                _("No idea has the reference “%(reference)s”. Check it in the inbox."),
                code="unknown",
                params={"reference": reference},
            )
        return submission


class AddToAgendaForm(forms.Form):
    """The field on the meeting page: add one idea by its reference."""

    reference = ReferenceField()


class AgendaAddForm(AddToAgendaForm):
    """What the idea page's "Add to meeting" form posts: which meeting, which idea."""

    meeting = forms.ModelChoiceField(
        queryset=HuddleMeeting.objects.all(),
        label=_("Meeting"),
        error_messages={
            "required": _("Choose a meeting."),
            "invalid_choice": _("That meeting does not exist any more. Choose another."),
        },
    )


class DecisionField(forms.ChoiceField):
    """Offers the moves the huddle may make now, but accepts any status: if the idea has
    moved since the page was shown, the status machine explains (StaleStatus), which says
    more than "Select a valid choice"."""

    def valid_value(self, value):
        return value in Status.values


class AgendaItemForm(forms.Form):
    """The discussion of one agenda item and, until one is recorded, its decision.

    :meth:`save` keeps the discussion whatever happens to the decision, then applies the
    decision as a status change; a refused move leaves the idea, the item's decision and
    everything else as they were, with the machine's message next to the field concerned.
    """

    discussion = forms.CharField(
        label=_("Discussion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the minutes. Never sent to the submitter."),
    )
    decision = DecisionField(label=_("Decision"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Emailed to the submitter. Needed when declining or redirecting."),
    )
    route = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=[("", _("Choose when accepting")), *Route.choices],
        help_text=_("When accepting: one provider, or integrated across providers."),
    )
    redirected_to = forms.CharField(
        label=_("Redirected to"),
        required=False,
        max_length=300,
        help_text=_("When redirecting: the existing project or service the idea joins."),
    )
    # The newest history entry when the form was shown: a change since then is refused.
    expected_change = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("This form was not loaded completely. Reload the page.")},
    )

    DECISION_FIELDS = ("decision", "reason", "route", "redirected_to", "expected_change")

    def __init__(self, *args, item: AgendaItem, latest_change_id: int | None = None, **kwargs):
        self.item = item
        self.submission = item.submission
        kwargs.setdefault("prefix", f"item-{item.pk}")
        kwargs.setdefault(
            "initial",
            {
                "discussion": item.discussion,
                "route": self.submission.route,
                "redirected_to": self.submission.redirected_to,
                "expected_change": latest_change_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.moves = [] if self.decided else huddle_decisions(self.submission.status)
        if self.moves:
            self.fields["decision"].choices = [
                ("", _("No decision yet (keep the discussion only)")),
                *((status.value, status.label) for status in self.moves),
            ]
            if self.submission.status in TRIAGED_ON_THE_WAY:
                self.fields["decision"].help_text = THROUGH_TRIAGE_HELP
        else:
            for name in self.DECISION_FIELDS:
                del self.fields[name]

    @property
    def decided(self) -> bool:
        return bool(self.item.status_change_id or self.item.decision)

    @property
    def can_decide(self) -> bool:
        return "decision" in self.fields

    def save(self, *, user) -> StatusChange | None:
        """Save the discussion, then apply the decision if one was chosen. Returns the
        status change, or None (no decision, or a refused one: see the form's errors)."""
        self.is_valid()
        self._save_discussion()
        decision = self.cleaned_data.get("decision") if self.can_decide else ""
        if self.errors or not decision:
            return None
        try:
            return self._apply(decision, user)
        except InvalidTransition as error:
            self.add_error(self._field_for(error, decision), str(error))
            return None

    def _save_discussion(self) -> None:
        # The discussion field cannot be invalid, so it is kept even when the decision is.
        discussion = self.cleaned_data.get("discussion", self.item.discussion)
        if discussion != self.item.discussion:
            self.item.discussion = discussion
            AgendaItem.objects.filter(pk=self.item.pk).update(discussion=discussion)

    def _apply(self, decision: str, user) -> StatusChange:
        data = self.cleaned_data
        with transaction.atomic():
            if AgendaItem.objects.select_for_update().get(pk=self.item.pk).status_change_id:
                raise StaleStatus(
                    _("A decision on this idea was recorded by someone else. Reload the page.")
                )
            change = actions.change_status(
                self.submission,
                decision,
                user=user,
                reason=data["reason"],
                route=(data["route"] or None) if decision == Status.ACCEPTED else None,
                redirected_to=data["redirected_to"] if decision == Status.REDIRECTED else "",
                expected_change_id=data["expected_change"],
            )
            self.item.decision = change.to_status
            self.item.decision_reason = change.reason
            self.item.status_change = change
            self.item.save(update_fields=["decision", "decision_reason", "status_change"])
        return change

    def _field_for(self, error: InvalidTransition, decision: str) -> str:
        """The field a refusal is about (the status machine's own checks, in its order)."""
        if isinstance(error, StaleStatus) or decision not in huddle_decisions(
            self.submission.status
        ):
            return "decision"
        return error.field or "decision"

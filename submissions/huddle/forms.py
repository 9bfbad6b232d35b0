"""Forms on the idea page of the huddle inbox. Each posts with an ``action`` naming it; the
rules themselves (which move is allowed, what needs a reason) live in ``submissions.status``
and ``submissions.huddle.actions`` and come back here as field errors."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page

from directory.models import CoachProfile
from hub.models import Organisation, Priority
from submissions.enums import Route
from submissions.models import LIMITS
from submissions.permissions import huddle_members
from submissions.status import TRIAGED_ON_THE_WAY, huddle_decisions, missing_for_move

TEXT_LIMIT = LIMITS["message"]
THROUGH_TRIAGE_HELP = _(
    "This idea is new: a decision moves it into triage and on to the decision in one step "
    "(both are recorded in its history)."
)


def _default_locale(queryset):
    return queryset.filter(locale=Locale.get_default())


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        organisation = f" ({obj.organisation.name})" if obj.organisation_id else ""
        return f"{obj.display_name}{organisation}"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to decline or redirect. The submitter is sent it."),
    )
    route = forms.ChoiceField(
        label=_("Route (when accepting)"),
        required=False,
        choices=[("", _("Keep the route recorded in the sift")), *Route.choices],
    )
    redirected_to = forms.CharField(
        label=_("Existing project or service (when redirecting)"),
        required=False,
        max_length=300,
    )
    expected_change_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in huddle_decisions(submission.status)
        ]
        if submission.status in TRIAGED_ON_THE_WAY:
            self.fields["to_status"].help_text = THROUGH_TRIAGE_HELP

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status:
            missing = missing_for_move(
                to_status,
                reason=cleaned.get("reason", ""),
                route=cleaned.get("route") or self.submission.route,
                redirected_to=cleaned.get("redirected_to") or self.submission.redirected_to,
            )
            for field, message in missing.items():
                self.add_error(field, message)
        return cleaned


class TriageForm(forms.Form):
    """What "Start triage" (inbox, dashboard) posts: the history entry its row showed."""

    expected_change = forms.IntegerField(required=False)


class SiftForm(forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices, widget=forms.RadioSelect)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisation or organisations taking it on"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One for a single provider; two or more when integrated."),
    )
    priorities = forms.ModelMultipleChoiceField(
        label=_("Aligned system priorities"),
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = _default_locale(Organisation.objects.all())
        self.fields["priorities"].queryset = _default_locale(Priority.objects.all())

    def clean(self):
        cleaned = super().clean()
        route, organisations = cleaned.get("route"), cleaned.get("organisations")
        if route == Route.SINGLE_PROVIDER and organisations and len(organisations) != 1:
            self.add_error("organisations", _("Choose exactly one organisation for one provider."))
        if route == Route.INTEGRATED and organisations is not None and len(organisations) < 2:
            self.add_error("organisations", _("Choose at least two organisations when integrated."))
        return cleaned


class AssignForm(forms.Form):
    lead = MemberChoiceField(
        label=_("Lead huddle member"), queryset=None, required=False, empty_label=_("Nobody yet")
    )
    coach = CoachChoiceField(
        label=_("Coach"), queryset=None, required=False, empty_label=_("No coach yet")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = huddle_members()
        self.fields["coach"].queryset = (
            CoachProfile.objects.live().select_related("organisation").order_by("display_name")
        )


class CoachPickForm(forms.Form):
    """The one-click "assign" next to a suggested coach."""

    coach = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = CoachProfile.objects.live()


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note for the huddle"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only huddle members see notes. Type @ and a username to email a member, "
            "e.g. @huddle.member."
        ),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the submitter"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the submitter and shown on their status page."),
    )


class CoachingSessionForm(forms.Form):
    date = forms.DateField(label=_("Date of the session"), widget=AdminDateInput)
    coach = CoachChoiceField(
        label=_("Coach"),
        queryset=None,
        required=False,
        empty_label=_("The idea's coach"),
    )
    note = forms.CharField(
        label=_("What was covered"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = (
            CoachProfile.objects.live().select_related("organisation").order_by("display_name")
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Log a session once it has happened."))
        return date


class CaseStudyForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Where the case study goes"),
        queryset=Page.objects.none(),
        empty_label=None,
        help_text=_("The editors of that section finish it and submit it for review."),
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Page.objects.filter(pk__in=[p.pk for p in sections])
        self.fields["parent"].label_from_instance = lambda page: page.get_admin_display_title()


class ProjectApproveForm(forms.Form):
    """Nothing to fill in: the button is the huddle member's approval."""


class ProjectSectionForm(CaseStudyForm):
    """Where a project in progress (or the case study it ends in) goes."""

    def __init__(self, *args, label, help_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].label = label
        self.fields["parent"].help_text = help_text

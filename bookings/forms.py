import re

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.abuse import HoneypotMixin

from .models import EventFeedback, Rating

NEEDS_MAX_LENGTH = 1000


class BookingForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Your name must be %(limit_value)d characters or fewer."),
        },
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send your booking and a link to cancel it to this address."),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.nhs.uk."),
        },
    )
    organisation = forms.CharField(
        label=_("Your organisation or team (optional)"), required=False, max_length=200
    )
    access_needs = forms.CharField(
        label=_("Do you need anything to take part? (optional)"),
        help_text=_("For example a hearing loop, step-free access or an interpreter."),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Your answer must be %(limit_value)d characters or fewer."),
        },
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        help_text=_("For example vegetarian, halal or a food allergy."),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _("Your answer must be %(limit_value)d characters or fewer."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked only when the event needs them.
        if not event.asks_access_needs:
            del self.fields["access_needs"]
        if not event.asks_dietary_needs:
            del self.fields["dietary_needs"]

    def _one_line(self, name):
        # Names go into email greetings and the organiser's export: one line, no control
        # characters.
        value = re.sub(r"[\x00-\x1f\x7f]", " ", self.cleaned_data.get(name, ""))
        return re.sub(r"\s+", " ", value).strip()

    def clean_name(self):
        name = self._one_line("name")
        if not name:
            raise forms.ValidationError(_("Enter your name."), code="required")
        return name

    def clean_organisation(self):
        return self._one_line("organisation")

    def clean_access_needs(self):
        return self.cleaned_data.get("access_needs", "").strip()

    def clean_dietary_needs(self):
        return self.cleaned_data.get("dietary_needs", "").strip()


class FeedbackForm(forms.ModelForm):
    overall = forms.TypedChoiceField(
        label=_("Overall, how was the event?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the event was overall.")},
    )
    useful = forms.TypedChoiceField(
        label=_("How useful will it be for your work?"),
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how useful it will be.")},
    )
    comments = forms.CharField(
        label=_("Anything else you would like to tell the organiser? (optional)"),
        help_text=_("Do not include anything that identifies a patient."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Your answer must be %(limit_value)d characters or fewer."),
        },
    )

    class Meta:
        model = EventFeedback
        fields = ["overall", "useful", "comments"]

    def clean_comments(self):
        return self.cleaned_data.get("comments", "").strip()

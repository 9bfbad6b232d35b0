import re

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from hub.abuse import HoneypotMixin

from .enums import RequestedSupport
from .models import CoachProfile, ContactRequest
from .permissions import manages_every_profile

MESSAGE_MAX_LENGTH = 3000


class CoachProfileAdminForm(WagtailAdminModelForm):
    """The profile form in the admin. A coach (who does not manage every profile) never
    sees the account field: a profile they create is theirs."""

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk is None
            and self.for_user is not None
            and not manages_every_profile(self.for_user)
        ):
            self.instance.user = self.for_user
        return cleaned


class ContactForm(HoneypotMixin, forms.Form):
    support_wanted = forms.ChoiceField(
        label=_("What would you like help with?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you would like help with.")},
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tell them about your team and what you want to improve. Do not include "
            "anything that identifies a patient."
        ),
        error_messages={
            "required": _("Enter your message."),
            "max_length": _("Your message must be %(limit_value)d characters or fewer."),
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The coach replies to this address. It is not published."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.nhs.uk."),
        },
    )
    organisation = forms.CharField(
        label=_("Your organisation or team (optional)"),
        required=False,
        max_length=200,
    )

    def __init__(self, *args, coach: CoachProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach = coach
        offered = {offer.kind for offer in coach.offers.all()}
        self.fields["support_wanted"].choices = [
            (value, label)
            for value, label in RequestedSupport.choices
            if value in offered or value == RequestedSupport.NOT_SURE
        ]

    def _one_line(self, name):
        # Names go into an email subject line: no line breaks, no runs of spaces.
        return re.sub(r"\s+", " ", self.cleaned_data.get(name, "")).strip()

    def clean_name(self):
        return self._one_line("name")

    def clean_organisation(self):
        return self._one_line("organisation")

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def save(self) -> ContactRequest:
        data = self.cleaned_data
        return ContactRequest.objects.create(
            coach=self.coach,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            support_wanted=data["support_wanted"],
            message=data["message"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )

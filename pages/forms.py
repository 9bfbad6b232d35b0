"""Public forms on content pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.abuse import HoneypotMixin
from hub.models import Organisation, Place, localized

from .enums import AdoptionStage

OTHER = "other"


class AdoptionForm(HoneypotMixin, forms.Form):
    organisation = forms.ChoiceField(
        label=_("Your organisation"),
        error_messages={"required": _("Choose your organisation, or “Another organisation”.")},
    )
    organisation_name = forms.CharField(
        label=_("Name of your organisation"),
        required=False,
        max_length=200,
        help_text=_("If it is not in the list."),
    )
    place = forms.ChoiceField(
        label=_("Place (optional)"),
        required=False,
        help_text=_("The neighbourhood, primary care network or locality where you are using it."),
    )
    team = forms.CharField(
        label=_("Team or service"),
        max_length=200,
        error_messages={"required": _("Enter your team or service.")},
    )
    stage = forms.ChoiceField(
        label=_("How far have you got?"),
        choices=AdoptionStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how far you have got.")},
    )
    notes = forms.CharField(
        label=_("What are you changing or adapting? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=150, error_messages={"required": _("Enter your name.")}
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("Only the hub team sees it, to check your entry. It is never published."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.nhs.uk."),
        },
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = localized(Organisation.objects.all(), locale).values_list("pk", "name")
        self.fields["organisation"].choices = [
            ("", _("Choose an organisation")),
            *[(str(pk), name) for pk, name in organisations],
            (OTHER, _("Another organisation")),
        ]
        places = localized(Place.objects.all(), locale).order_by("name")
        self.fields["place"].choices = [
            ("", _("Choose a place")),
            *[(str(place.pk), place.label) for place in places],
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("team", "contact_name", "organisation_name", "notes"):
            if name in cleaned and isinstance(cleaned[name], str):
                cleaned[name] = cleaned[name].strip()
        if cleaned.get("organisation") == OTHER and not cleaned.get("organisation_name"):
            self.add_error("organisation_name", _("Enter the name of your organisation."))
        return cleaned

    def save_for(self, case_study):
        """Record the adoption of ``case_study`` (a ``pages.Adoption``, for hub editors)."""
        data = self.cleaned_data
        organisation_id = None if data["organisation"] == OTHER else int(data["organisation"])
        return case_study.adoptions.create(
            organisation_id=organisation_id,
            organisation_name="" if organisation_id else data["organisation_name"],
            place_id=int(data["place"]) if data.get("place") else None,
            team=data["team"],
            stage=data["stage"],
            notes=data["notes"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
        )

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.abuse import HoneypotMixin

from . import registry
from .enums import Frequency


def stream_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every stream, grouped by kind, names in the active language."""
    groups = []
    for followable in registry.registered():
        options = [(f"{followable.kind}:{key}", name) for key, name in followable.options()]
        if options:
            groups.append((str(followable.label), options))
    return groups


class SubscribeForm(HoneypotMixin, forms.Form):
    stream = forms.ChoiceField(
        label=_("What would you like to follow?"),
        error_messages={
            "required": _("Choose what you would like to follow."),
            "invalid_choice": _("Choose something to follow from the list."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("How often would you like emails?"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often you would like emails.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We only use it to send you what you ask for here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stream"].choices = [("", _("Choose…")), *stream_choices()]

    def stream_widget(self):
        """The stream's select (grouped by kind) in NHS.UK markup, tied to its error."""
        field = self["stream"]
        attrs = {"class": "nhsuk-select"}
        if field.errors:
            attrs = {
                "class": "nhsuk-select nhsuk-select--error",
                "aria-describedby": f"{field.auto_id}-error",
            }
        return field.as_widget(attrs=attrs)

    def clean_email(self):
        return self.cleaned_data["email"].strip()

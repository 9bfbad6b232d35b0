"""The steps of a public multi-step form, and where a draft of it has got to.

A form lists its steps (:class:`Step`, or a subclass naming the form's URL namespace) once,
in order, as a :class:`StepSequence`; a draft's ``data`` holds one entry per finished step,
keyed by slug (``hub.drafts``). The idea form (``submissions.portal.steps``) and "Share your
work" (``sharing.steps``) use it; their views are ``hub.multistep_views``.

Each step's form is a :class:`StepForm`: a Django form whose cleaned answers become JSON
values for the draft (:meth:`StepForm.to_draft`) and come back as ``initial`` when the step
is shown again. The check page shows them as :class:`SummaryRow` rows.
"""

from dataclasses import dataclass
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from hub.models import localized

# The honeypot's name (``hub.abuse.HoneypotMixin``): never an answer.
HONEYPOT_FIELD = "website"


@dataclass(frozen=True)
class Step:
    """One step: its URL is ``<namespace>/<slug>/``, named ``<namespace>:<slug>``."""

    namespace: ClassVar[str] = ""

    slug: str
    title: str
    form_class: type["StepForm"]
    introduction: str = ""
    template_name: str = ""

    @property
    def url_name(self) -> str:
        return f"{self.namespace}:{self.slug}"


@dataclass
class SummaryRow:
    """A question on the check page, and its answer: one entry per line or item."""

    label: str
    lines: list[str]
    field_name: str = ""


def localized_choices(model):
    """(pk, name) for a taxonomy in the visitor's language: one query."""
    return [(str(obj.pk), obj.name) for obj in localized(model.objects.all(), Locale.get_active())]


def names_of(model, pks) -> list[str]:
    """The ``name`` of each of the rows chosen (primary keys as the draft keeps them)."""
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    names = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [names[pk] for pk in ids if pk in names]


class StepSequence:
    def __init__(self, steps):
        self.steps = tuple(steps)
        self.by_slug = {step.slug: step for step in self.steps}
        self.slugs = [step.slug for step in self.steps]

    def __iter__(self):
        return iter(self.steps)

    def __len__(self):
        return len(self.steps)

    def __getitem__(self, index):
        return self.steps[index]

    def index(self, slug: str) -> int:
        return self.slugs.index(slug)

    def first_incomplete(self, draft):
        """The first step the draft has no answers for (None once every step is done)."""
        data = draft.data if draft else {}
        return next((step for step in self.steps if step.slug not in data), None)

    def previous(self, step):
        index = self.index(step.slug)
        return self.steps[index - 1] if index else None

    def next(self, step):
        index = self.index(step.slug)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None


class StepForm(forms.Form):
    """A step's form. Subclasses list their fields; this handles the draft."""

    #: Fields whose answers are lists (checkboxes).
    list_fields: tuple[str, ...] = ()

    def __init__(self, *args, draft=None, client=None, **kwargs):
        self.draft = draft
        # The visitor's address (hub.abuse.client_ip): upload limits count per address.
        self.client = client
        # Seconds until an upload limit resets, when one refused this post's files.
        self.upload_retry_after = None
        super().__init__(*args, **kwargs)

    def to_draft(self) -> dict:
        """The cleaned answers as JSON values (strings, lists of strings, booleans)."""
        data = {}
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD or isinstance(field, forms.FileField):
                continue
            value = self.cleaned_data.get(name)
            if name in self.list_fields:
                data[name] = [str(item) for item in (value or [])]
            elif isinstance(value, bool):
                data[name] = value
            else:
                data[name] = "" if value is None else str(value)
        return data


class SaveForLaterForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = ngettext(
            "We will send a link to this address. The link works for %(days)s day.",
            "We will send a link to this address. The link works for %(days)s days.",
            days,
        ) % {"days": days}

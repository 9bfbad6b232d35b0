"""The order of a public multi-step form's steps, and where a draft of it has got to.

A form lists its steps (objects with a ``slug``) once, in order, as a :class:`StepSequence`;
a draft's ``data`` holds one entry per finished step, keyed by slug (``hub.drafts``). The
idea form (``submissions.portal.steps``) and "Share your work" (``sharing.steps``) use it.

Each step is a :class:`StepForm`: a Django form whose cleaned answers become JSON values for
the draft (:meth:`StepForm.to_draft`) and come back as ``initial`` when the step is shown
again.
"""

from django import forms

# The honeypot's name (``hub.abuse.HoneypotMixin``): never an answer.
HONEYPOT_FIELD = "website"


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
    """A step of the idea form. Subclasses list their fields; this handles the draft."""

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

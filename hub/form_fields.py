"""Form fields with the hub's rules for free text and files.

- Text is stripped of surrounding whitespace and Windows line endings; text made only of
  invisible characters (spaces, zero-width and direction marks) counts as empty, so a required
  field says "Enter ..." instead of storing nothing visible. Anything else is kept exactly as
  typed: emoji, right-to-left text and marks inside it are stored faithfully.
- Limits are checked on the server with a message saying how long the answer is; the
  browser's ``maxlength`` is not used, because it silently cuts pasted text.
"""

import unicodedata

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}


def has_visible_text(value: str) -> bool:
    return any(
        not char.isspace() and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in value
    )


class TextField(forms.CharField):
    """A CharField for people: see the module docstring."""

    def __init__(
        self,
        *,
        label,
        max_length,
        required_error=None,
        name_in_errors=None,
        required=True,
        textarea=False,
        rows=5,
        **kwargs,
    ):
        error_messages = kwargs.pop("error_messages", {})
        if required_error:
            error_messages["required"] = required_error
        error_messages.setdefault(
            "max_length",
            format_lazy(
                _(
                    "{name} must be %(limit_value)d characters or fewer. "
                    "You have entered %(show_value)d."
                ),
                name=name_in_errors or label,
            ),
        )
        widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput
        super().__init__(
            label=label,
            max_length=max_length,
            required=required,
            widget=kwargs.pop("widget", widget),
            error_messages=error_messages,
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if value and not has_visible_text(value):
            return ""
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class MultipleFileField(forms.FileField):
    """Zero or more files from one ``<input type=file multiple>``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data if item]
        return [single_clean(data, initial)] if data else []

"""NHS.UK frontend markup for Django form fields, without a global form renderer.

``{% nhs_field form.field_name %}`` renders one field as an NHS.UK form group: label (or a
fieldset and legend for radios and checkboxes), "(optional)" for optional fields, hint,
error message and the input, all tied together with ``aria-describedby``. Long text gets the
NHS.UK character count (a hint without JavaScript, a live count with it).
"""

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()

_INPUT_CLASSES = {
    forms.Textarea: ("nhsuk-textarea", "nhsuk-textarea--error"),
    forms.Select: ("nhsuk-select", "nhsuk-select--error"),
    forms.FileInput: ("nhsuk-file-upload__input", ""),
    forms.TextInput: ("nhsuk-input", "nhsuk-input--error"),  # also email, number, url
}


def _kind(widget) -> str:
    # CheckboxSelectMultiple subclasses RadioSelect: test for it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


def _classes(widget, has_errors: bool) -> str:
    for widget_class, (base, error) in _INPUT_CLASSES.items():
        if isinstance(widget, widget_class):
            return f"{base} {error}".strip() if has_errors else base
    if isinstance(widget, forms.widgets.Input):
        return "nhsuk-input nhsuk-input--error" if has_errors else "nhsuk-input"
    return ""


def first_input_id(bound_field) -> str:
    """Where an error summary link should take focus: the first radio or checkbox, or the
    input itself."""
    kind = _kind(bound_field.field.widget)
    if kind in ("radios", "checkboxes"):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.inclusion_tag("components/forms/nhs-field.html")
def nhs_field(bound_field, legend_size="s", label_size="s", width=""):
    field = bound_field.field
    widget = field.widget
    kind = _kind(widget)
    field_id = bound_field.auto_id
    hint_id = f"{field_id}-hint" if bound_field.help_text else ""
    error_id = f"{field_id}-error" if bound_field.errors else ""
    max_length = getattr(field, "max_length", None) if kind == "textarea" else None
    info_id = f"{field_id}-info" if max_length else ""
    described_by = " ".join(part for part in (hint_id, error_id, info_id) if part)
    context = {
        "field": bound_field,
        "kind": kind,
        "field_id": field_id,
        "hint_id": hint_id,
        "error_id": error_id,
        "info_id": info_id,
        "described_by": described_by,
        "optional": not field.required,
        "max_length": max_length,
        "legend_size": legend_size,
        "label_size": label_size,
    }
    if kind in ("radios", "checkboxes"):
        selected = bound_field.value()
        if not isinstance(selected, list | tuple):
            selected = [] if selected in (None, "") else [selected]
        selected = {str(value) for value in selected}
        context["options"] = [
            {
                "id": f"{field_id}_{index}",
                "value": str(value),
                "label": label,
                "checked": str(value) in selected,
            }
            for index, (value, label) in enumerate(field.choices)
        ]
    elif kind == "checkbox":
        context["checked"] = bool(bound_field.value())
    else:
        attrs = {
            "class": " ".join(filter(None, [_classes(widget, bool(bound_field.errors)), width]))
        }
        if described_by:
            attrs["aria-describedby"] = described_by
        if max_length:
            attrs["class"] += " nhsuk-js-character-count"
        context["widget_html"] = bound_field.as_widget(attrs=attrs)
    return context


@register.inclusion_tag("components/forms/nhs-error-summary.html")
def nhs_error_summary(*forms_):
    """The NHS.UK error summary for one or more forms: a link to each field in error."""
    errors = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            first = next(iter(form), None)
            errors.append({"href": f"#{first_input_id(first)}" if first else "#", "message": error})
        for bound_field in form:
            for error in bound_field.errors:
                errors.append({"href": f"#{first_input_id(bound_field)}", "message": error})
    return {"errors": errors, "title": _("There is a problem")}

"""One Django form per step of "Share your work" (``hub.multistep.StepForm``).

The measure's data, typed as "date, value" rows or sent as a CSV or .xlsx file, is read by
the one measure parser (``pages.measure_import``) and kept on the draft as the text a
measure's ``data`` field stores; a bad line is named next to the field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.abuse import HoneypotMixin
from hub.attachments import CheckedUploadsMixin
from hub.form_fields import MultipleFileField, TextField
from hub.models import Organisation, Priority
from hub.multistep import StepForm, localized_choices
from pages.enums import ImprovementDirection
from pages.measure_import import MeasureImportError, read_measure_file, series_text

from .models import LIMITS

YES, NO = "yes", "no"
# The largest measure file read (pages.measure_import refuses more than 1 MB too).
MEASURE_FILE_MAX_BYTES = 1024 * 1024


def _text(label, limit, *, required_error=None, textarea=False, rows=5, **kwargs):
    return TextField(
        label=label,
        max_length=limit,
        required=required_error is not None,
        required_error=required_error,
        textarea=textarea,
        rows=rows,
        **kwargs,
    )


class AboutYouForm(HoneypotMixin, StepForm):
    submitter_name = _text(
        _("Your name"),
        LIMITS["submitter_name"],
        required_error=_("Enter your name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    submitter_email = forms.EmailField(
        label=_("Your work email address"),
        help_text=_("We send a receipt here, and tell you when your case study is live."),
        max_length=LIMITS["submitter_email"],
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.ChoiceField(
        label=_("Which partner organisation do you work for?"),
        help_text=_("Your case study goes to this organisation's editors."),
        error_messages={
            "required": _("Select the organisation you work for"),
            "invalid_choice": _("Select the organisation you work for"),
        },
    )
    submitter_role = _text(
        _("Your job title or role"),
        LIMITS["submitter_role"],
        required_error=_("Enter your job title or role"),
        help_text=_("For example, falls prevention lead."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Select an organisation")),
            *localized_choices(Organisation),
        ]


class WorkForm(StepForm):
    list_fields = ("priorities",)

    title = _text(
        _("Title"),
        LIMITS["title"],
        required_error=_("Enter a title"),
        help_text=_("For example, “Fewer falls on Kingsmead ward 7”."),
    )
    summary = _text(
        _("Summary"),
        LIMITS["summary"],
        required_error=_("Enter a summary"),
        help_text=_("Two or three sentences: what changed, and the result."),
        textarea=True,
        rows=3,
    )
    problem = _text(
        _("The problem"),
        LIMITS["long"],
        required_error=_("Describe the problem"),
        help_text=_("What was happening, and why did it matter to people who use services?"),
        textarea=True,
    )
    aim = _text(
        _("What were you trying to achieve?"),
        LIMITS["long"],
        required_error=_("Enter what you were trying to achieve"),
        help_text=_("By how much, for whom and by when."),
        textarea=True,
        rows=3,
    )
    what_you_did = _text(
        _("What you did"),
        LIMITS["long"],
        required_error=_("Describe what you did"),
        help_text=_("The changes you tested, and how."),
        textarea=True,
    )
    results = _text(_("Results"), LIMITS["long"], textarea=True)
    lessons = _text(_("Lessons learned"), LIMITS["long"], textarea=True)
    priorities = forms.MultipleChoiceField(
        label=_("Which system priorities does it support?"),
        help_text=_("Select all that apply."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select priorities from the list")},
    )
    topics = _text(
        _("Topics"),
        LIMITS["topics"],
        help_text=_("Words people might search for, separated by commas: falls, frailty."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = localized_choices(Priority)


class MeasureForm(StepForm):
    measure_name = _text(
        _("Measure name"),
        LIMITS["measure_name"],
        help_text=_("For example, falls per 1,000 bed days."),
    )
    measure_unit = _text(
        _("Unit"), LIMITS["measure_unit"], help_text=_("For example, %, days or falls.")
    )
    measure_direction = forms.ChoiceField(
        label=_("Improvement is"),
        choices=ImprovementDirection.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select whether higher or lower is better")},
    )
    measure_data = _text(
        _("Data"),
        LIMITS["measure_data"],
        help_text=_(
            "One date and value per line, like 2025-04-01, 6.2. You can paste two columns "
            "from a spreadsheet."
        ),
        textarea=True,
        rows=8,
    )
    measure_file = forms.FileField(
        label=_("Or upload a CSV or Excel (.xlsx) file"),
        help_text=_("A date column and a value column. It replaces the data typed above."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("measure_file")
        name = cleaned.get("measure_name")
        if upload:
            if upload.size > MEASURE_FILE_MAX_BYTES:
                self.add_error("measure_file", _("The file must be 1 MB or smaller"))
                return cleaned
            try:
                series = read_measure_file(upload.read(), upload.name, measure=name or "")
            except MeasureImportError as error:
                self.add_error("measure_file", error.messages)
                return cleaned
            cleaned["measure_data"] = series_text(series.points)
            self.data = self.data.copy()
            self.data[self.add_prefix("measure_data")] = cleaned["measure_data"]
        elif cleaned.get("measure_data"):
            try:
                series = read_measure_file(cleaned["measure_data"].encode(), "typed.csv")
            except MeasureImportError as error:
                self.add_error("measure_data", error.messages)
                return cleaned
            cleaned["measure_data"] = series_text(series.points)
        if cleaned.get("measure_data") and not name:
            self.add_error("measure_name", _("Enter the measure's name"))
        if name and not cleaned.get("measure_data") and "measure_data" not in self.errors:
            self.add_error("measure_data", _("Enter the measure's data, or upload a file with it"))
        return cleaned


class FilesForm(CheckedUploadsMixin, StepForm):
    total_too_big_message = _(
        "The files you share can add up to %(limit)s MB. Remove a file, or send smaller ones."
    )

    attachments = MultipleFileField(
        label=_("Add files"),
        help_text=_(
            "Up to 3 files, 10 MB each: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG "
            "or JPEG. For example, a poster, a process map or photos. Do not include anyone's "
            "personal details."
        ),
        required=False,
    )


class ConsentForm(StepForm):
    publication_consent = forms.BooleanField(
        label=_(
            "I agree that the hub may publish this case study once my organisation's editors "
            "have reviewed it"
        ),
        error_messages={"required": _("Confirm that the case study may be published")},
    )
    named_contact = forms.ChoiceField(
        label=_("May we name you as the contact for this case study?"),
        help_text=_("Your name and role would be shown on the page. Your email address never is."),
        choices=[(YES, _("Yes, name me as the contact")), (NO, _("No, do not name me"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether we may name you as the contact"),
            "invalid_choice": _("Select whether we may name you as the contact"),
        },
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the hub keeps my details as it describes"
        ),
        error_messages={
            "required": _("Confirm that you have read the privacy notice and agree to it")
        },
    )

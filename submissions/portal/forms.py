"""The idea form, one Django form per step, plus the small forms around it.

Each step form turns its cleaned data into JSON-friendly values (:meth:`StepForm.to_draft`)
for the server-side draft, and takes them back as ``initial`` when the step is shown again.
Turning a complete draft into an :class:`~submissions.models.IdeaSubmission` is
``submissions.portal.actions.submit_draft``'s job.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub import attachments
from hub.abuse import HoneypotMixin
from hub.form_fields import MultipleFileField, TextField
from hub.models import Organisation, Priority
from hub.multistep import StepForm, localized_choices
from submissions.enums import (
    AdultClinicalArea,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    Route,
    SubmitterType,
    SupportWanted,
)
from submissions.models import LIMITS

NOT_SURE = "not_sure"
OTHER = "other"


def _radios(*, label, choices, required_error, help_text="", required=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=help_text,
        error_messages={
            "required": required_error,
            "invalid_choice": required_error,
        },
    )


def _checkboxes(*, label, choices, help_text="", required=False, required_error=None):
    error_messages = {"invalid_choice": _("Select from the options shown")}
    if required_error:
        error_messages["required"] = required_error
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
        error_messages=error_messages,
    )


class AboutYouForm(HoneypotMixin, StepForm):
    submitter_name = TextField(
        label=_("Your name"),
        max_length=LIMITS["submitter_name"],
        required_error=_("Enter your name"),
        name_in_errors=_("Your name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    submitter_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We will send a receipt and a private link to follow your idea to this address."
        ),
        max_length=LIMITS["submitter_email"],
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    submitter_type = _radios(
        label=_("Which of these best describes you?"),
        choices=SubmitterType.choices,
        required_error=_(
            "Select whether you are staff, someone who uses services, a carer or "
            "a member of the public"
        ),
    )
    submitter_role = TextField(
        label=_("Your job title or role"),
        help_text=_("For example, ward sister, GP receptionist, patient representative."),
        max_length=LIMITS["submitter_role"],
        required=False,
        name_in_errors=_("Your job title or role"),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.ChoiceField(
        label=_("Which organisation are you part of?"),
        help_text=_("Choose the partner organisation you work for or volunteer with."),
        required=False,
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )
    organisation_other = TextField(
        label=_("If your organisation is not listed, its name"),
        max_length=LIMITS["organisation_other"],
        required=False,
        name_in_errors=_("The organisation's name"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("None, or not applicable")),
            *localized_choices(Organisation),
            (OTHER, _("Another organisation (type its name below)")),
        ]

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        other = cleaned.get("organisation_other")
        if organisation == OTHER and not other:
            self.add_error("organisation_other", _("Enter the name of your organisation"))
        elif other and organisation not in ("", OTHER, None):
            cleaned["organisation_other"] = ""  # a listed partner wins over a typed name
        elif other and not organisation:
            cleaned["organisation"] = OTHER
        return cleaned


class IdeaForm(StepForm):
    title = TextField(
        label=_("Give your idea a short title"),
        help_text=_("For example, “Fewer falls on Kingsmead ward 7”."),
        max_length=LIMITS["title"],
        required_error=_("Enter a title for your idea"),
        name_in_errors=_("The title"),
    )
    problem = TextField(
        label=_("What is the problem or opportunity?"),
        help_text=_("What happens now, and why does it matter to people who use services?"),
        max_length=LIMITS["problem"],
        required_error=_("Describe the problem or opportunity"),
        name_in_errors=_("The problem or opportunity"),
        textarea=True,
        rows=8,
    )
    who_affected = TextField(
        label=_("Who does it affect?"),
        help_text=_("For example, patients on a pathway, carers, staff in a team."),
        max_length=LIMITS["who_affected"],
        required=False,
        name_in_errors=_("Who it affects"),
        textarea=True,
    )


class AimForm(StepForm):
    aim = TextField(
        label=_("What are you trying to accomplish?"),
        help_text=_(
            "A good aim says what will improve, by how much, for whom and by when. For example, "
            "“Reduce falls on ward 7 by 30% by March”."
        ),
        max_length=LIMITS["aim"],
        required_error=_("Enter what you are trying to accomplish"),
        name_in_errors=_("Your aim"),
        textarea=True,
    )


class MeasuresForm(StepForm):
    outcome_measures = TextField(
        label=_("Outcome measures"),
        help_text=_("What will be better for people? For example, falls per 1,000 bed days."),
        max_length=LIMITS["outcome_measures"],
        required=False,
        textarea=True,
        rows=3,
    )
    process_measures = TextField(
        label=_("Process measures"),
        help_text=_(
            "Are the changes happening as planned? For example, the share of patients with a "
            "falls risk assessment within 6 hours."
        ),
        max_length=LIMITS["process_measures"],
        required=False,
        textarea=True,
        rows=3,
    )
    balancing_measures = TextField(
        label=_("Balancing measures"),
        help_text=_(
            "Could the change make something else worse? For example, staff time or "
            "patients' mobility."
        ),
        max_length=LIMITS["balancing_measures"],
        required=False,
        textarea=True,
        rows=3,
    )
    baseline_data = TextField(
        label=_("Any data you already have"),
        help_text=_("Numbers or observations about how things are now, if you have them."),
        max_length=LIMITS["baseline_data"],
        required=False,
        name_in_errors=_("Your data"),
        textarea=True,
        rows=3,
    )


class ChangesForm(StepForm):
    change_ideas = TextField(
        label=_("What changes could you make that would result in improvement?"),
        help_text=_("List one or more ideas you would like to test."),
        max_length=LIMITS["change_ideas"],
        required_error=_("Enter at least one change you could make"),
        name_in_errors=_("Your change ideas"),
        textarea=True,
        rows=6,
    )
    first_test = TextField(
        label=_("What would you test first?"),
        help_text=_(
            "A first small test of change (a Plan, Do, Study, Act cycle): what, where, with "
            "whom, and what you expect to happen."
        ),
        max_length=LIMITS["first_test"],
        required=False,
        name_in_errors=_("Your first test"),
        textarea=True,
        rows=4,
    )


class ScopeForm(StepForm):
    list_fields = ("organisations_involved", "priorities")

    proposed_route = _radios(
        label=_("Does your idea involve one provider or several?"),
        choices=[*Route.choices, (NOT_SURE, _("Not sure"))],
        required_error=_("Select whether your idea involves one provider or several"),
    )
    organisations_involved = forms.MultipleChoiceField(
        label=_("Which organisations would be involved?"),
        help_text=_("Select all that apply."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select organisations from the list")},
    )
    services_pathway = TextField(
        label=_("Which services or pathway?"),
        help_text=_("For example, the stroke pathway from ambulance to community rehabilitation."),
        max_length=LIMITS["services_pathway"],
        required=False,
        name_in_errors=_("The services or pathway"),
        textarea=True,
        rows=3,
    )
    priorities = forms.MultipleChoiceField(
        label=_("Which system priorities does it support?"),
        help_text=_("Select all that apply."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select priorities from the list")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations_involved"].choices = localized_choices(Organisation)
        self.fields["priorities"].choices = localized_choices(Priority)


class PopulationsForm(StepForm):
    list_fields = ("plus_groups", "adult_clinical_areas", "child_clinical_areas")

    core20 = _radios(
        # xgettext:no-python-format
        label=_("Will it help people living in the most deprived 20% of areas?"),
        help_text=_(
            "This is the “Core20” in Core20PLUS5, the NHS approach to reducing health inequalities."
        ),
        choices=Core20.choices,
        required_error=_("Select yes, no or not sure"),
    )
    plus_groups = _checkboxes(
        label=_("Which other groups would it help?"),
        help_text=_("The “PLUS” groups our system has chosen. Select all that apply."),
        choices=PlusGroup.choices,
    )
    plus_groups_other = TextField(
        label=_("If another group, which?"),
        max_length=LIMITS["plus_groups_other"],
        required=False,
        name_in_errors=_("The other group"),
    )
    adult_clinical_areas = _checkboxes(
        label=_("Clinical areas for adults"),
        help_text=_("Select any of the five Core20PLUS5 clinical areas for adults it touches."),
        choices=AdultClinicalArea.choices,
    )
    child_clinical_areas = _checkboxes(
        label=_("Clinical areas for children and young people"),
        help_text=_("Select any of the five clinical areas for children and young people."),
        choices=ChildClinicalArea.choices,
    )
    inequalities = TextField(
        label=_("How could it reduce health inequalities?"),
        max_length=LIMITS["inequalities"],
        required=False,
        name_in_errors=_("Your answer about inequalities"),
        textarea=True,
        rows=4,
    )

    def clean(self):
        cleaned = super().clean()
        if PlusGroup.OTHER in (cleaned.get("plus_groups") or []) and not cleaned.get(
            "plus_groups_other"
        ):
            self.add_error("plus_groups_other", _("Enter the other group your idea would help"))
        return cleaned


class InvolvementForm(StepForm):
    involvement = _radios(
        label=_("Are people who use services, or carers, involved?"),
        help_text=_("Co-production means designing the change with the people it affects."),
        choices=Involvement.choices,
        required_error=_("Select how people who use services or carers are involved"),
    )
    involvement_detail = TextField(
        label=_("How are they, or how will they be, involved?"),
        max_length=LIMITS["involvement_detail"],
        required=False,
        name_in_errors=_("Your answer about involvement"),
        textarea=True,
        rows=4,
    )
    digital_opportunity = TextField(
        label=_("Is there a digital opportunity?"),
        help_text=_(
            "For example, an app, remote monitoring, or better use of the records systems "
            "people already use."
        ),
        max_length=LIMITS["digital_opportunity"],
        required=False,
        name_in_errors=_("Your answer about digital"),
        textarea=True,
        rows=4,
    )


class SupportForm(attachments.CheckedUploadsMixin, StepForm):
    list_fields = ("support_wanted",)

    support_wanted = _checkboxes(
        label=_("What support would help?"),
        help_text=_("Select all that apply."),
        choices=SupportWanted.choices,
        required=True,
        required_error=_("Select the support you would like, or “Not sure yet”"),
    )
    support_detail = TextField(
        label=_("Anything more about the support you would like?"),
        max_length=LIMITS["support_detail"],
        required=False,
        name_in_errors=_("Your answer about support"),
        textarea=True,
        rows=3,
    )
    attachments = MultipleFileField(
        label=_("Add files"),
        help_text=_(
            "Up to 3 files, 10 MB each: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG "
            "or JPEG. For example, a process map or baseline data. Do not include anyone's "
            "personal details."
        ),
        required=False,
    )

    # hub.attachments.CheckedUploadsMixin: what the total of one idea's files may be.
    total_too_big_message = _(
        "The files on one idea can add up to %(limit)s MB. Remove a file, or send smaller ones."
    )


class ConsentForm(StepForm):
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the hub keeps and uses what I have "
            "told it as the notice describes"
        ),
        required=True,
        error_messages={
            "required": _("Confirm that you have read the privacy notice and agree to it"),
        },
    )


class ReplyForm(forms.Form):
    body = TextField(
        label=_("Your reply"),
        max_length=LIMITS["message"],
        required_error=_("Enter your reply"),
        name_in_errors=_("Your reply"),
        textarea=True,
        rows=6,
    )


class WithdrawForm(forms.Form):
    reason = TextField(
        label=_("Why are you withdrawing your idea?"),
        help_text=_("It helps the huddle learn."),
        max_length=LIMITS["message"],
        required=False,
        name_in_errors=_("Your reason"),
        textarea=True,
        rows=3,
    )

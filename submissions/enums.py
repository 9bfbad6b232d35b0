"""Choices for idea submissions. The values are stored; the labels are shown and translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmitterType(models.TextChoices):
    STAFF = "staff", _("A member of staff")
    SERVICE_USER = "service_user", _("Someone who uses services (a patient or service user)")
    CARER = "carer", _("A carer")
    PUBLIC = "public", _("A member of the public")


class Status(models.TextChoices):
    """Where an idea is (labels as the huddle sees them; the submitter's wording is in
    ``submissions.status``, which also decides which status may follow which)."""

    SUBMITTED = "submitted", _("Submitted")
    IN_TRIAGE = "in_triage", _("In triage")
    MORE_INFO_REQUESTED = "more_info_requested", _("More information requested")
    SUBMITTER_REPLIED = "submitter_replied", _("Submitter replied")
    ACCEPTED = "accepted", _("Accepted")
    IN_COACHING = "in_coaching", _("In coaching")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    REDIRECTED = "redirected", _("Redirected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Route(models.TextChoices):
    SINGLE_PROVIDER = "single_provider", _("One provider")
    INTEGRATED = "integrated", _("Integrated, across providers")


class SupportWanted(models.TextChoices):
    COACHING = "coaching", _("Quality improvement coaching")
    DATA = "data", _("Data and measurement")
    DIGITAL = "digital", _("Digital")
    CO_PRODUCTION = "co_production", _("Co-production with service users and carers")
    FUNDING = "funding", _("Advice on funding")
    NOT_SURE = "not_sure", _("Not sure yet")


class Involvement(models.TextChoices):
    LEADING = "leading", _("Service users or carers are leading it")
    INVOLVED = "involved", _("They are already involved")
    PLANNED = "planned", _("They will be involved")
    NOT_YET = "not_yet", _("Not yet, or not sure how")


class Core20(models.TextChoices):
    """Does the idea reach people in the most deprived 20% of the population?"""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class PlusGroup(models.TextChoices):
    """Core20PLUS5 "PLUS" groups: population groups the system has identified locally."""

    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic minority communities")
    INCLUSION_HEALTH = (
        "inclusion_health",
        _(
            "Inclusion health groups (for example people experiencing homelessness, "
            "Gypsy, Roma and Traveller communities, vulnerable migrants)"
        ),
    )
    LEARNING_DISABILITY_AUTISM = (
        "learning_disability_autism",
        _("People with a learning disability and autistic people"),
    )
    COASTAL_RURAL = "coastal_rural", _("Coastal and rural communities")
    OTHER = "other", _("Another group")
    NOT_SURE = "not_sure", _("Not sure")


class AdultClinicalArea(models.TextChoices):
    """The five Core20PLUS5 clinical areas for adults."""

    MATERNITY = "maternity", _("Maternity")
    SEVERE_MENTAL_ILLNESS = "severe_mental_illness", _("Severe mental illness")
    CHRONIC_RESPIRATORY = "chronic_respiratory", _("Chronic respiratory disease")
    EARLY_CANCER_DIAGNOSIS = "early_cancer_diagnosis", _("Early cancer diagnosis")
    HYPERTENSION_LIPIDS = "hypertension_lipids", _("Hypertension case-finding and lipid management")


class ChildClinicalArea(models.TextChoices):
    """The five Core20PLUS5 clinical areas for children and young people."""

    ASTHMA = "asthma", _("Asthma")
    DIABETES = "diabetes", _("Diabetes")
    EPILEPSY = "epilepsy", _("Epilepsy")
    ORAL_HEALTH = "oral_health", _("Oral health")
    MENTAL_HEALTH = "mental_health", _("Mental health")


class ProjectConsentVia(models.TextChoices):
    """How the submitter agreed to their idea becoming a public project."""

    STATUS_PAGE = "status_page", _("On their private status page")


class BenefitKind(models.TextChoices):
    """Who or what an idea's benefit is for. The amount of each kind is counted in one unit
    (``BENEFIT_UNITS``), so the open summary can add them up across the system."""

    PATIENTS = "patients", _("Patients and carers")
    STAFF = "staff", _("Staff")
    MONEY = "money", _("Money")
    TIME = "time", _("Time")
    EQUITY = "equity", _("Equity (fairer access or outcomes)")


# The one unit each kind's amounts are counted in.
BENEFIT_UNITS = {
    BenefitKind.PATIENTS: _("people a year"),
    BenefitKind.STAFF: _("people a year"),
    BenefitKind.MONEY: _("pounds a year"),
    BenefitKind.TIME: _("hours a year"),
    BenefitKind.EQUITY: _("people a year"),
}

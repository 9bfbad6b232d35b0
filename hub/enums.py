from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    NHS_TRUST = "nhs_trust", _("NHS trust")
    ICB = "icb", _("Integrated care board")
    PRIMARY_CARE = "primary_care", _("Primary care network or GP practice")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    VOLUNTARY = "voluntary", _("Voluntary or community organisation")
    OTHER = "other", _("Other")


class Core20Plus5(models.TextChoices):
    """NHS England's Core20PLUS5: the population groups and clinical areas an idea or case
    study addresses (adults, and children and young people)."""

    # xgettext:no-python-format
    CORE20 = "core20", _("Most deprived 20% of the population (Core20)")
    PLUS_GROUPS = (
        "plus",
        _("PLUS groups chosen locally (e.g. ethnic minority communities, inclusion health groups)"),
    )
    MATERNITY = "maternity", _("Adults: maternity")
    SEVERE_MENTAL_ILLNESS = "smi", _("Adults: severe mental illness")
    RESPIRATORY = "respiratory", _("Adults: chronic respiratory disease")
    EARLY_CANCER = "cancer", _("Adults: early cancer diagnosis")
    HYPERTENSION = "hypertension", _("Adults: hypertension case-finding and lipid management")
    CYP_ASTHMA = "cyp_asthma", _("Children and young people: asthma")
    CYP_DIABETES = "cyp_diabetes", _("Children and young people: diabetes")
    CYP_EPILEPSY = "cyp_epilepsy", _("Children and young people: epilepsy")
    CYP_ORAL_HEALTH = "cyp_oral_health", _("Children and young people: oral health")
    CYP_MENTAL_HEALTH = "cyp_mental_health", _("Children and young people: mental health")


class InvolvementLevel(models.TextChoices):
    """How far service users and carers shaped the work (a ladder of co-production)."""

    NONE = "none", _("Not yet involved")
    INFORMED = "informed", _("Informed")
    CONSULTED = "consulted", _("Consulted")
    INVOLVED = "involved", _("Involved in the work")
    CO_PRODUCED = "co_produced", _("Co-produced")
    LED = "led", _("Led by service users or carers")

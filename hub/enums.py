from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    NHS_TRUST = "nhs_trust", _("NHS trust")
    ICB = "icb", _("Integrated care board")
    PRIMARY_CARE = "primary_care", _("Primary care network or GP practice")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    VOLUNTARY = "voluntary", _("Voluntary or community organisation")
    OTHER = "other", _("Other")

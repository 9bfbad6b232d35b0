"""The personal data the pages app holds, registered with ``hub.personal_data``: the
contact details on the case-study spread register (``Adoption``)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.dates import months_before
from hub.personal_data import PersonalData, register, with_setting

from .models import Adoption

CONTACT_FIELDS = ("contact_name", "contact_email", "notes")


def _anonymise(rows) -> int:
    # The adoption (organisation, team, stage) stays and is still counted on the case study.
    return rows.update(**dict.fromkeys(CONTACT_FIELDS, ""))


def register_personal_data() -> None:
    register(
        PersonalData(
            key="pages.adoptions",
            label=_("Spread register entries (adopting a case study)"),
            model=Adoption,
            email_lookups=("contact_email",),
            fields=CONTACT_FIELDS,
            retention=with_setting(
                _(
                    "The contact's name, email address and notes are removed %(months)s months "
                    "after the entry was made; the entry stays, anonymised."
                ),
                "months",
                "PAGES_ADOPTION_CONTACT_RETENTION_MONTHS",
            ),
            lawful_basis=_(
                "Legitimate interests (UK GDPR Article 6(1)(f)): putting teams spreading the "
                "same change in touch."
            ),
            erase=_anonymise,
            expired=lambda now: Adoption.objects.exclude(contact_email="").filter(
                created_at__lt=months_before(now, settings.PAGES_ADOPTION_CONTACT_RETENTION_MONTHS)
            ),
        )
    )

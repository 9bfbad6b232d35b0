"""The personal data the directory holds, registered with ``hub.personal_data``."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry

from hub.dates import months_before
from hub.personal_data import PersonalData, register, with_setting

from .models import CoachProfile, ContactRequest


def _delete_requests(rows) -> int:
    count = rows.count()
    rows.delete()  # with the relayed emails (their GenericRelation)
    return count


def _delete_profiles(rows) -> int:
    count = 0
    for profile in rows:
        photo = profile.photo
        # The admin's history of the profile stays (who published what, when) but no longer
        # names the coach.
        ModelLogEntry.objects.for_instance(profile).update(label="(erased)")
        profile.delete()  # with its revisions and the requests sent to it
        if photo is not None:
            photo.delete()
        count += 1
    return count


def register_personal_data() -> None:
    register(
        PersonalData(
            key="directory.contact_requests",
            label=_("Requests to a coach or mentor"),
            model=ContactRequest,
            email_lookups=("email",),
            fields=("name", "email", "organisation", "message"),
            retention=with_setting(
                _("Deleted %(months)s months after the request was sent."),
                "months",
                "DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS",
            ),
            lawful_basis=_(
                "Legitimate interests (UK GDPR Article 6(1)(f)): passing your request to the "
                "coach you asked."
            ),
            erase=_delete_requests,
            expired=lambda now: ContactRequest.objects.filter(
                created_at__lt=months_before(
                    now, settings.DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS
                )
            ),
        )
    )
    register(
        PersonalData(
            key="directory.coach_profiles",
            label=_("Coach and mentor profiles"),
            model=CoachProfile,
            email_lookups=("contact_email", "user__email"),
            fields=("display_name", "role", "bio", "area", "contact_email", "photo_alt"),
            retention=_(
                "Kept while the coach or mentor chooses to be listed; deleted when they ask."
            ),
            lawful_basis=_("Consent (UK GDPR Article 6(1)(a)): the coach asks to be listed."),
            erase=_delete_profiles,
        )
    )

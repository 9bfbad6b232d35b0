from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    NHS_TRUST = "nhs_trust", _("NHS trust")
    ICB = "icb", _("Integrated care board")
    PRIMARY_CARE = "primary_care", _("Primary care network or GP practice")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    VOLUNTARY = "voluntary", _("Voluntary or community organisation")
    OTHER = "other", _("Other")


class PlaceKind(models.TextChoices):
    """The levels of a health and care system's geography, smallest first."""

    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    PRIMARY_CARE_NETWORK = "pcn", _("Primary care network")
    INTEGRATED_LOCALITY_PARTNERSHIP = "ilp", _("Integrated locality partnership")
    LOCALITY = "locality", _("Locality")


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


class EmailPurpose(models.TextChoices):
    """What an email in the outbox (``hub.outbox``) is for. One value per kind of email the
    hub sends; the app that sends it says which when it records the email."""

    IDEA_RECEIPT = "idea_receipt", _("Idea received (to the submitter)")
    HUDDLE_NOTICE = "huddle_notice", _("Notice to the huddle (new idea, reply, withdrawal)")
    STATUS_CHANGE = "status_change", _("Status change (to the submitter)")
    HUDDLE_MESSAGE = "huddle_message", _("Message from the huddle (to the submitter)")
    MENTION = "mention", _("Mention in a huddle note")
    DIGEST = "digest", _("Weekly huddle digest")
    CONTINUE_LINK = "continue_link", _("Link to continue an unfinished idea")
    BENEFIT_REVIEW = "benefit_review", _("A benefit is due for review (to the huddle)")
    COACH_CONTACT = "coach_contact", _("Contact request relayed to a coach")
    CONTACT_UNDELIVERED = (
        "contact_undelivered",
        _("Contact request could not be relayed (to the requester)"),
    )
    SUBMITTER_SURVEY = "submitter_survey", _("Survey about a decision (to the submitter)")
    CONTENT_OWNER_LEFT = "content_owner_left", _("A page passed to its team (owner left)")
    CONTENT_REVIEW_DUE = "content_review_due", _("A page is due for review (to its owner)")
    CONTENT_REVIEW_OVERDUE = (
        "content_review_overdue",
        _("A page is overdue for review (to its team)"),
    )
    BOOKING_CONFIRMED = "booking_confirmed", _("Place at an event booked (to the attendee)")
    BOOKING_WAITING = "booking_waiting", _("On an event's waiting list (to the person waiting)")
    BOOKING_OFFER = "booking_offer", _("A place at an event is free (to the next person waiting)")
    BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled (to the attendee)")
    BOOKING_REMINDER = "booking_reminder", _("Reminder of a booked event (to the attendee)")
    BOOKING_FEEDBACK = (
        "booking_feedback",
        _("Request for feedback after an event (to the attendee)"),
    )
    FOLLOW_CONFIRM = "follow_confirm", _("Confirm following a topic (double opt-in)")
    FOLLOW_ITEM = "follow_item", _("Something new in a followed topic (as it happens)")
    FOLLOW_DIGEST = "follow_digest", _("Weekly digest of followed topics")
    NEWSLETTER = "newsletter", _("Newsletter from the hub's editors")
    SHARE_RECEIPT = "share_receipt", _("Shared case study received (to the sender)")
    SHARE_EDITORS = "share_editors", _("A case study was shared (to the partner's editors)")
    SHARE_LIVE = "share_live", _("A shared case study is live (to the sender)")
    SHARE_CONTINUE_LINK = "share_continue_link", _("Link to continue sharing a case study")


class EmailStatus(models.TextChoices):
    """Where an outbox email is: waiting, claimed by a worker, gone, or given up."""

    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")


class PrivacyAuditAction(models.TextChoices):
    """What a use of the privacy-rights tools did (``hub.models.PrivacyAudit``)."""

    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased")

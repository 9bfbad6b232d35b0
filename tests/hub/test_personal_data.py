"""The personal-data registry: every personal field of every registered model is found by
the export and gone after erasure; every email or IP address field is registered; each kind
is purged after its retention period."""

import json
from datetime import timedelta
from itertools import count

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from wagtail.models import Revision

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from bookings.models import EventFeedback
from demo.factories import (
    AdoptionFactory,
    BookingFactory,
    CaseStudyPageFactory,
    CoachProfileFactory,
    ContactRequestFactory,
    EventPageFactory,
    IdeaDraftFactory,
    IdeaSubmissionFactory,
    OutboxEmailFactory,
    PageUpkeepFactory,
    ProfileUpkeepFactory,
    ShareDraftFactory,
    SharedWorkFactory,
    SubmissionMessageFactory,
    SubmitterSurveyFactory,
    SubscriptionFactory,
    UserFactory,
)
from hub import personal_data
from hub.enums import EmailStatus
from hub.models import OutboxEmail
from pages.models import Adoption
from sharing.models import ShareAttachment
from submissions.models import SubmissionAttachment
from tests.multistep import private_storage  # noqa: F401 - autouse: files in a temporary folder

pytestmark = pytest.mark.django_db

EMAIL = "Marker.Person@Example.org"
IP = "203.0.113.77"

# Email and IP address fields that are not a person's: each with the reason.
NOT_PERSONAL = {
    # The huddle's shared mailbox, shown on public pages: a team's address, not a person's.
    ("hub.HubSettings", "huddle_contact_email"),
}


class Markers:
    """Unique strings to put in personal fields, and every one handed out."""

    def __init__(self):
        self.given = []  # in database fields
        self.in_files = []  # inside uploaded files
        self._next = count(1)

    def __call__(self, prefix="MARKER"):
        value = f"{prefix}-{next(self._next):03d}-zq"
        self.given.append(value)
        return value


def _idea(mark, **kwargs):
    return IdeaSubmissionFactory(
        submitter_name=mark(),
        submitter_email=EMAIL,
        submitter_role=mark(),
        submitter_ip=IP,
        **kwargs,
    )


def _attachment(mark, **owner):
    marker = f"FILE-{len(mark.in_files)}-zq"
    mark.in_files.append(marker)
    return SubmissionAttachment.objects.create(
        file=ContentFile(f"%PDF-1.4 {marker}".encode(), name="a.pdf"),
        original_name=mark(),
        content_type="application/pdf",
        size=20,
        **owner,
    )


def _draft(mark):
    return IdeaDraftFactory(
        email=EMAIL,
        data={"about-you": {"submitter_name": mark(), "submitter_email": EMAIL}},
    )


def _shared(mark, home):
    """A shared case study's record (its page carries nothing about the sender: not named)."""
    return SharedWorkFactory(
        submitter_name=mark(),
        submitter_email=EMAIL,
        submitter_role=mark(),
        page=CaseStudyPageFactory(parent=home, live=False),
    )


def _share_draft(mark):
    return ShareDraftFactory(
        email=EMAIL,
        data={"about-you": {"submitter_name": mark(), "submitter_email": EMAIL}},
    )


def _share_attachment(mark, **owner):
    marker = f"FILE-{len(mark.in_files)}-zq"
    mark.in_files.append(marker)
    return ShareAttachment.objects.create(
        file=ContentFile(f"%PDF-1.4 {marker}".encode(), name="a.pdf"),
        original_name=mark(),
        content_type="application/pdf",
        size=20,
        **owner,
    )


def _signin(model, mark):
    extra = (
        {"get_data": mark(), "post_data": mark(), "failures_since_start": 1}
        if model is AccessAttempt
        else {}
    )
    return model.objects.create(
        username=EMAIL,
        ip_address=IP,
        user_agent=mark(),
        http_accept=mark(),
        path_info=mark(),
        **extra,
    )


def _booking(mark, home):
    return BookingFactory(
        event=EventPageFactory(parent=home, takes_bookings=True),
        name=mark(),
        email=EMAIL,
        organisation=mark(),
        access_needs=mark(),
        dietary_needs=mark(),
    )


def _event_feedback(mark, home):
    booking = _booking(mark, home)
    return EventFeedback.objects.create(
        booking=booking, event=booking.event, overall=4, useful=4, comments=mark()
    )


# One builder per registered kind: rows whose every registered field holds a marker (or
# the test email, or the test IP address). A kind registered without one fails below.
BUILDERS = {
    "submissions.ideas": lambda mark, home: [_idea(mark)],
    "submissions.messages": lambda mark, home: [
        SubmissionMessageFactory(submission=_idea(mark), sender="submitter", body=mark())
    ],
    "submissions.attachments": lambda mark, home: [
        _attachment(mark, submission=_idea(mark)),
        _attachment(mark, draft=_draft(mark)),
    ],
    "submissions.drafts": lambda mark, home: [_draft(mark)],
    "sharing.shared_work": lambda mark, home: [_shared(mark, home)],
    "sharing.attachments": lambda mark, home: [
        _share_attachment(mark, shared=_shared(mark, home)),
        _share_attachment(mark, draft=_share_draft(mark)),
    ],
    "sharing.drafts": lambda mark, home: [_share_draft(mark)],
    "directory.contact_requests": lambda mark, home: [
        ContactRequestFactory(email=EMAIL, name=mark(), organisation=mark(), message=mark())
    ],
    "directory.coach_profiles": lambda mark, home: [
        CoachProfileFactory(
            display_name=mark(),
            role=mark(),
            bio=mark(),
            area=mark(),
            photo_alt=mark(),
            contact_email=EMAIL,
        )
    ],
    "pages.adoptions": lambda mark, home: [
        AdoptionFactory(
            case_study=CaseStudyPageFactory(parent=home),
            contact_name=mark(),
            contact_email=EMAIL,
            notes=mark(),
        )
    ],
    "hub.outbox_emails": lambda mark, home: [
        OutboxEmailFactory(to=EMAIL, reply_to=EMAIL, subject=mark(), body=mark(), html_body=mark())
    ],
    "hub.accounts": lambda mark, home: [
        UserFactory(username=mark(), first_name=mark(), last_name=mark(), email=EMAIL)
    ],
    "hub.signin_attempts": lambda mark, home: [_signin(AccessAttempt, mark)],
    "hub.signin_failures": lambda mark, home: [_signin(AccessFailureLog, mark)],
    "hub.signin_log": lambda mark, home: [_signin(AccessLog, mark)],
    "upkeep.reviews": lambda mark, home: [
        PageUpkeepFactory(
            page=CaseStudyPageFactory(parent=home),
            former_owner=UserFactory(username=mark(), email=EMAIL),
            last_reviewed_by=UserFactory(username=mark(), email=EMAIL),
        )
    ],
    "upkeep.profile_reviews": lambda mark, home: [
        ProfileUpkeepFactory(
            profile=CoachProfileFactory(),
            former_owner=UserFactory(username=mark(), email=EMAIL),
            last_reviewed_by=UserFactory(username=mark(), email=EMAIL),
        )
    ],
    "bookings.bookings": lambda mark, home: [_booking(mark, home)],
    "bookings.feedback": lambda mark, home: [_event_feedback(mark, home)],
    "following.subscriptions": lambda mark, home: [
        SubscriptionFactory(email=EMAIL, stream=f"topic:{mark()}", language="pl")
    ],
    "feedback.surveys": lambda mark, home: [
        SubmitterSurveyFactory(submission=_idea(mark), comment=mark())
    ],
}


def test_every_registered_kind_has_a_builder_here():
    assert sorted(BUILDERS) == sorted(entry.key for entry in personal_data.registered())


def test_every_email_and_ip_address_field_is_registered():
    """A model with an email or IP address field that no entry registers fails here: add a
    ``PersonalData`` entry in its app's ``AppConfig.ready`` (or, for a team's address, a
    line in NOT_PERSONAL saying why)."""
    registered = {
        (entry.model._meta.label, name)
        for entry in personal_data.registered()
        for name in entry.fields
    }
    unregistered = [
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.EmailField | models.GenericIPAddressField)
        and (model._meta.label, field.name) not in registered | NOT_PERSONAL
    ]
    assert unregistered == []


def test_every_entry_is_complete():
    for entry in personal_data.registered():
        names = {field.name for field in entry.model._meta.get_fields()}
        assert set(entry.fields) <= names, entry.key
        assert entry.email_lookups, entry.key
        assert str(entry.retention) and str(entry.lawful_basis), entry.key
        assert entry.key.split(".")[0] == entry.model._meta.app_label or entry.key.startswith(
            "hub."
        ), entry.key


def _everything_stored():
    """Every value of every row of every model, and every page revision, as one string."""
    values = []
    for model in apps.get_models():
        fields = [field.attname for field in model._meta.concrete_fields]
        for row in model._default_manager.values_list(*fields):
            values.extend(str(value) for value in row)
    values.extend(json.dumps(content) for content in Revision.objects.values_list("content"))
    return "\n".join(values)


def test_export_finds_every_marker_and_erasure_leaves_none(
    home_page,
    private_storage,  # noqa: F811 (the fixture imported from tests.multistep)
    django_capture_on_commit_callbacks,
):
    mark = Markers()
    built = {key: build(mark, home_page) for key, build in BUILDERS.items()}
    files = [
        private_storage / row.file.name
        for key in ("submissions.attachments", "sharing.attachments")
        for row in built[key]
    ]
    assert all(path.exists() for path in files)
    assert mark.given, "the builders put markers in"
    stored = _everything_stored()
    assert all(marker in stored for marker in mark.given)

    assert [path.read_text().split()[-1] for path in files] == mark.in_files

    exported = json.dumps(personal_data.export(EMAIL.lower()))
    for marker in mark.given:
        assert marker in exported, marker
    assert IP in exported
    for row in built["submissions.attachments"]:
        assert row.file.name in exported
    # Every registered kind was found, and every row built for it.
    found = personal_data.find(EMAIL.upper())
    for key, rows in built.items():
        assert {row.pk for row in rows} <= set(found[key].values_list("pk", flat=True)), key

    with django_capture_on_commit_callbacks(execute=True):
        counts = personal_data.erase(f"  {EMAIL}  ")

    assert set(counts) == set(BUILDERS)
    stored = _everything_stored()
    left = [marker for marker in mark.given if marker in stored]
    assert left == []
    assert EMAIL.lower() not in stored.lower()
    assert IP not in stored
    assert not any(path.exists() for path in files)
    assert personal_data.find(EMAIL) == {}
    assert personal_data.export(EMAIL)["records"] == {}


def test_erasure_keeps_other_peoples_records(home_page):
    mark = Markers()
    other = IdeaSubmissionFactory(submitter_email="someone.else@example.org")
    adoption = AdoptionFactory(
        case_study=CaseStudyPageFactory(parent=home_page), contact_email="else@example.org"
    )
    _idea(mark)

    personal_data.erase(EMAIL)

    other.refresh_from_db()
    adoption.refresh_from_db()
    assert other.submitter_email == "someone.else@example.org"
    assert adoption.contact_email == "else@example.org"


def test_an_idea_erased_on_request_stays_anonymised():
    mark = Markers()
    idea = _idea(mark, title="Fewer falls on ward 7")

    assert personal_data.erase(EMAIL) == {"submissions.ideas": 1}

    idea.refresh_from_db()
    assert idea.title == "Fewer falls on ward 7"
    assert idea.submitter_email == idea.submitter_name == ""
    assert idea.personal_data_removed_at is not None


def test_an_empty_or_blank_address_finds_nothing(home_page):
    OutboxEmailFactory(to="", reply_to="")
    assert personal_data.find("") == {}
    assert personal_data.find("   ") == {}
    assert personal_data.erase("") == {}


def test_erasure_is_all_or_nothing(monkeypatch):
    mark = Markers()
    idea = _idea(mark)
    OutboxEmailFactory(to=EMAIL)
    entries = {entry.key: entry for entry in personal_data.registered()}

    def broken(rows):
        raise RuntimeError("storage on fire")

    monkeypatch.setitem(
        personal_data._REGISTRY,
        "submissions.ideas",
        personal_data.PersonalData(**{**entries["submissions.ideas"].__dict__, "erase": broken}),
    )
    with pytest.raises(RuntimeError):
        personal_data.erase(EMAIL)

    idea.refresh_from_db()
    assert idea.submitter_email == EMAIL
    assert OutboxEmail.objects.filter(to=EMAIL).exists()


# Retention ----------------------------------------------------------------------------------


def _aged(row, field, days):
    type(row).objects.filter(pk=row.pk).update(**{field: timezone.now() - timedelta(days=days)})
    return row


def test_purge_removes_each_kind_after_its_retention_period(settings, home_page):
    settings.DIRECTORY_CONTACT_REQUEST_RETENTION_MONTHS = 12
    settings.PAGES_ADOPTION_CONTACT_RETENTION_MONTHS = 24
    settings.HUB_OUTBOX_RETENTION_DAYS = 365
    settings.HUB_SIGNIN_RECORDS_RETENTION_DAYS = 90
    case_study = CaseStudyPageFactory(parent=home_page)

    old_request = _aged(ContactRequestFactory(relay=False), "created_at", 370)
    new_request = _aged(ContactRequestFactory(relay=False), "created_at", 350)
    old_adoption = _aged(AdoptionFactory(case_study=case_study), "created_at", 740)
    new_adoption = _aged(AdoptionFactory(case_study=case_study), "created_at", 700)
    old_sent = _aged(OutboxEmailFactory(status=EmailStatus.SENT), "created_at", 370)
    old_pending = _aged(OutboxEmailFactory(status=EmailStatus.PENDING), "created_at", 370)
    new_sent = _aged(OutboxEmailFactory(status=EmailStatus.SENT), "created_at", 300)
    mark = Markers()
    old_attempt = _aged(_signin(AccessAttempt, mark), "attempt_time", 91)
    new_attempt = _aged(_signin(AccessAttempt, mark), "attempt_time", 10)

    counts = personal_data.purge()

    assert counts["directory.contact_requests"] == 1
    assert counts["pages.adoptions"] == 1
    assert counts["hub.signin_attempts"] == 1
    assert not type(old_request).objects.filter(pk=old_request.pk).exists()
    assert type(new_request).objects.filter(pk=new_request.pk).exists()
    old_adoption.refresh_from_db()
    assert old_adoption.contact_email == old_adoption.contact_name == ""
    assert old_adoption.team  # the adoption itself stays
    new_adoption.refresh_from_db()
    assert new_adoption.contact_email
    remaining = set(OutboxEmail.objects.values_list("pk", flat=True))
    assert old_sent.pk not in remaining
    assert {old_pending.pk, new_sent.pk} <= remaining  # never an email still to be sent
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert AccessAttempt.objects.filter(pk=new_attempt.pk).exists()

    # Idempotent: what is left is within its period.
    again = personal_data.purge()
    assert "pages.adoptions" not in again and "directory.contact_requests" not in again
    assert Adoption.objects.count() == 2


def test_purge_removes_an_expired_ideas_messages(settings):
    settings.SUBMISSIONS_RETENTION_MONTHS = 24
    mark = Markers()
    idea = _idea(mark, status="completed")
    idea.status_changes.update(changed_at=timezone.now() - timedelta(days=800))
    assert idea.status_changes.exists()
    message = SubmissionMessageFactory(submission=idea, sender="submitter", body=mark())
    kept = SubmissionMessageFactory(body=mark())

    counts = personal_data.purge()

    assert counts["submissions.ideas"] == 1
    assert counts["submissions.messages"] == 1
    assert not type(message).objects.filter(pk=message.pk).exists()
    assert type(kept).objects.filter(pk=kept.pk).exists()
    idea.refresh_from_db()
    assert idea.submitter_email == ""

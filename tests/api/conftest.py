"""Fixtures for the API tests.

``seeded`` loads the demo content (pages of every type, coaches, 30 ideas) once for the
whole package (its tests run on one xdist worker: tests/conftest.py), plus records holding
marker strings in every personal field, inside a transaction rolled back at the end. Each
test still runs in its own savepoint (pytest-django's ``db``), so what a test writes is
undone before the next.
"""

from dataclasses import dataclass

from django.db import transaction
from django.test import Client, TestCase

from wagtail.models import APIToken

import pytest

from tests.seeding import ensure_site_root

# Put in every personal field of the records below; must never appear in an anonymous
# API response.
MARKER = "zqxpersonal"


@dataclass
class Seeded:
    idea_references: list[str]
    marker_idea_reference: str
    markers: list[str]
    huddle_token: str
    partner_editor_token: str


def _marker(field: str) -> str:
    return f"{MARKER}{field.replace('_', '')}"


def _personal_records():
    """An idea, a coach, a contact request and an adoption with a marker in each personal
    field (and every free-text answer of the idea: ideas are never public at all)."""
    from django.contrib.auth import get_user_model

    from directory.models import CoachProfile, ContactRequest
    from pages.models import Adoption, CaseStudyPage
    from submissions.models import IdeaSubmission

    markers = []

    def mark(field):
        value = _marker(field)
        markers.append(value)
        return value

    idea = IdeaSubmission.objects.exclude(personal_data_removed_at__isnull=False).first()
    for field in (
        "submitter_name",
        "submitter_role",
        "organisation_other",
        "title",
        "problem",
        "who_affected",
        "aim",
        "change_ideas",
        "first_test",
        "inequalities",
        "involvement_detail",
        "digital_opportunity",
        "support_detail",
    ):
        setattr(idea, field, mark(field))
    idea.submitter_email = f"{mark('submitteremail')}@example.org"
    idea.save()

    coach = CoachProfile.objects.filter(live=True).select_related("user").first()
    coach.contact_email = f"{mark('coachcontact')}@example.org"
    coach.save()
    user_model = get_user_model()
    user = coach.user or user_model.objects.create(username=mark("coachusername"))
    user.email = f"{mark('coachuseremail')}@example.org"
    user.first_name = mark("coachfirstname")
    user.last_name = mark("coachlastname")
    user.save()
    if coach.user is None:
        coach.user = user
        coach.save()

    ContactRequest.objects.create(
        coach=coach,
        name=mark("requestername"),
        email=f"{mark('requesteremail')}@example.org",
        organisation=mark("requesterorganisation"),
        support_wanted="coaching",
        message=mark("requestermessage"),
    )
    case_study = CaseStudyPage.objects.live().first()
    Adoption.objects.create(
        case_study=case_study,
        team=mark("adoptionteam"),
        stage="interest",
        contact_name=mark("adoptioncontactname"),
        contact_email=f"{mark('adoptioncontactemail')}@example.org",
        notes=mark("adoptionnotes"),
    )
    return idea.reference, markers


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker):
    """The demo content and the personal-data markers, for every test in the module."""
    from django.contrib.auth import get_user_model

    from demo.seed import seed
    from submissions.models import IdeaSubmission

    with django_db_blocker.unblock(), transaction.atomic():
        # A transactional test earlier on this worker may have flushed the migrations' rows.
        ensure_site_root()
        with TestCase.captureOnCommitCallbacks(execute=True):
            seed()
            reference, markers = _personal_records()
        users = get_user_model().objects
        _instance, huddle_token = APIToken.create_token(
            user=users.get(username="huddle.member"), name="tests"
        )
        _instance, editor_token = APIToken.create_token(
            user=users.filter(groups__name__endswith=" editors")
            .exclude(groups__name="Hub editors")
            .first(),
            name="tests",
        )
        yield Seeded(
            idea_references=list(IdeaSubmission.objects.values_list("reference", flat=True)),
            marker_idea_reference=reference,
            markers=markers,
            huddle_token=huddle_token,
            partner_editor_token=editor_token,
        )
        transaction.set_rollback(True)


@pytest.fixture
def api(seeded, db):
    """An anonymous client, in a savepoint on top of the seeded content."""
    return Client(HTTP_HOST="localhost")


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

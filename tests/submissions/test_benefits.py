"""Benefits: recorded by the huddle after acceptance, reminded once on the review date, shown
on the dashboard, the project page and, added up, in the open summary."""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

import pytest

from demo.factories import (
    IdeaSubmissionFactory,
    PartnerPageFactory,
    ProjectMeasureFactory,
    ProjectPageFactory,
)
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from submissions.benefits import send_review_reminders, summary
from submissions.enums import BenefitKind, Status
from submissions.models import Benefit

pytestmark = pytest.mark.django_db

PERSONAL = "Marker-Person-Bn77"
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def idea(hub_site, organisation):
    return IdeaSubmissionFactory(
        title="Fewer falls at night",
        status=Status.ACCEPTED,
        submitter_name=PERSONAL,
        submitter_email="marker.bn@example.org",
        organisation=organisation,
    )


def url(idea):
    return reverse("huddle:benefits", args=[idea.reference])


def form_data(rows, initial=0):
    data = {
        "benefits-TOTAL_FORMS": str(len(rows)),
        "benefits-INITIAL_FORMS": str(initial),
        "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"benefits-{i}-{key}"] = value
    return data


ROW = {
    "kind": "patients",
    "who": "Older people admitted at night",
    "expected": "Fewer falls",
    "expected_amount": "120",
    "measured_how": "Datix falls reports per 1,000 bed days",
    "review_date": "2026-03-01",
    "realised": "",
    "realised_amount": "",
}


def test_the_huddle_records_benefits_after_acceptance(client, huddle_member, idea):
    client.force_login(huddle_member)
    assert "Record benefits" in client.get(reverse("huddle:idea", args=[idea.reference])).text
    response = client.post(url(idea), form_data([ROW]))
    assert response.status_code == 302
    benefit = Benefit.objects.get()
    assert benefit.submission == idea and benefit.expected_amount == Decimal(120)
    assert benefit.reviewed_at is None
    # The realised benefit recorded at review marks it reviewed.
    response = client.post(
        url(idea),
        form_data([{**ROW, "id": benefit.pk, "realised": "98 fewer", "realised_amount": "98"}], 1),
    )
    assert response.status_code == 302
    benefit.refresh_from_db()
    assert benefit.realised_amount == Decimal(98) and benefit.reviewed_at is not None


def test_bad_input_is_kept_with_the_error_beside_it(client, huddle_member, idea):
    client.force_login(huddle_member)
    response = client.post(
        url(idea), form_data([{**ROW, "expected_amount": "-5", "who": "<script>x</script>"}])
    )
    assert response.status_code == 422
    text = response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in text and "<script>x</script>" not in text
    assert "greater than or equal to 0" in text
    assert not Benefit.objects.exists()


def test_benefits_wait_for_acceptance_and_stay_with_their_idea(client, huddle_member, idea):
    new_idea = IdeaSubmissionFactory(status=Status.SUBMITTED)
    client.force_login(huddle_member)
    response = client.post(url(new_idea), form_data([ROW]))
    assert response.status_code == 200
    assert "once the huddle has accepted the idea" in response.text
    assert not Benefit.objects.exists()
    # Hostile: editing another idea's benefit through this idea's form is refused.
    other = Benefit.objects.create(
        submission=IdeaSubmissionFactory(status=Status.ACCEPTED),
        kind=BenefitKind.MONEY,
        who="The trust",
        expected="Savings",
    )
    response = client.post(url(idea), form_data([{**ROW, "id": other.pk}], 1))
    assert response.status_code == 422
    assert "no longer belongs to this idea" in response.text
    other.refresh_from_db()
    assert other.kind == BenefitKind.MONEY


def test_non_members_cannot_see_or_edit(client, coach_not_in_huddle, idea):
    client.force_login(coach_not_in_huddle)
    assert client.get(url(idea)).status_code == 403
    assert client.post(url(idea), form_data([ROW])).status_code == 403
    assert not Benefit.objects.exists()


def test_the_review_reminder_goes_once_per_review_date(idea, django_capture_on_commit_callbacks):
    benefit = Benefit.objects.create(
        submission=idea,
        kind="time",
        who="Night nurses",
        expected="Less time on incident forms",
        review_date=datetime.date(2026, 3, 1),
    )
    Benefit.objects.create(
        submission=idea,
        kind="staff",
        who="Ward 7 staff",
        expected="Later",
        review_date=datetime.date(2026, 4, 1),
    )
    assert send_review_reminders(TODAY) == [benefit]
    assert send_review_reminders(TODAY) == []
    email = OutboxEmail.objects.get(purpose=EmailPurpose.BENEFIT_REVIEW)
    assert idea.reference in email.subject
    assert PERSONAL not in email.body and idea.submitter_email not in email.body
    assert reverse("huddle:benefits", args=[idea.reference]) in email.body
    # A new review date is a new reminder; a reviewed benefit is not reminded.
    benefit.review_date = datetime.date(2026, 3, 2)
    benefit.save()
    assert send_review_reminders(TODAY) == [benefit]
    benefit.realised = "Done"
    benefit.review_date = datetime.date(2026, 3, 1)
    benefit.save()
    assert send_review_reminders(TODAY + datetime.timedelta(days=60)) != [benefit]
    assert OutboxEmail.objects.filter(purpose=EmailPurpose.BENEFIT_REVIEW).count() == 3


def test_the_scheduled_command_runs(idea, capsys):
    Benefit.objects.create(
        submission=idea,
        kind="money",
        who="The trust",
        expected="Savings",
        review_date=datetime.date(2020, 1, 1),
    )
    call_command("send_benefit_reminders")
    call_command("send_benefit_reminders")
    assert OutboxEmail.objects.filter(purpose=EmailPurpose.BENEFIT_REVIEW).count() == 1
    assert "0 benefit reminder(s)" in capsys.readouterr().out


def test_the_open_summary_adds_up_without_naming_anyone(client, idea):
    Benefit.objects.create(
        submission=idea,
        kind="money",
        who="Kingsmead finance",
        expected="Agency savings",
        expected_amount=Decimal("12000"),
        realised="Saved",
        realised_amount=Decimal("8000"),
    )
    Benefit.objects.create(
        submission=IdeaSubmissionFactory(status=Status.COMPLETED),
        kind="money",
        who="x",
        expected="y",
        expected_amount=Decimal("3000"),
    )
    # A declined idea's benefit is not counted.
    Benefit.objects.create(
        submission=IdeaSubmissionFactory(status=Status.DECLINED),
        kind="money",
        who="x",
        expected="y",
        expected_amount=Decimal("999999"),
    )
    money = next(row for row in summary() if row.kind == BenefitKind.MONEY)
    assert (money.ideas, money.benefits, money.realised) == (2, 2, 1)
    assert money.expected_amount == Decimal(15000) and money.realised_amount == Decimal(8000)
    response = client.get(reverse("benefits:summary"))
    assert response.status_code == 200
    text = response.text
    assert "15,000" in text and "8,000" in text and "999,999" not in text
    for private in (PERSONAL, idea.title, idea.reference, "Kingsmead finance", "Agency"):
        assert private not in text
    assert "csrfmiddlewaretoken" not in text
    assert client.post(reverse("benefits:summary")).status_code == 405


def test_the_project_page_shows_its_benefits(client, idea, partner_index, organisation):
    project = ProjectPageFactory(parent=PartnerPageFactory(parent=partner_index))
    idea.project = project
    idea.save()
    Benefit.objects.create(
        submission=idea,
        kind="patients",
        who="Older people on ward 7",
        expected="Fewer falls at night",
        expected_amount=Decimal(120),
    )
    text = client.get(project.url).text
    assert "Older people on ward 7" in text and "Fewer falls at night" in text
    assert PERSONAL not in text


def test_the_dashboard_shows_projects_and_benefits_due(client, huddle_member, idea, partner_index):
    project = ProjectPageFactory(parent=PartnerPageFactory(parent=partner_index))
    ProjectMeasureFactory(
        page=project,
        name="Falls",
        direction="up",
        data="\n".join(f"2025-{m:02d}-01, {9 if m == 12 else 5}" for m in range(1, 13)),
    )
    ProjectMeasureFactory(page=project, name="Rounds done")  # three points: a run chart
    Benefit.objects.create(
        submission=idea,
        kind="time",
        who="Nurses",
        expected="Time back",
        review_date=datetime.date(2020, 1, 1),
    )
    client.force_login(huddle_member)
    text = client.get(reverse("wagtailadmin_home")).text
    assert project.title in text and project.get_stage_display() in text
    assert "Special cause" in text  # the latest point is outside the limits
    assert "Rounds done: Not assessed: too few points." in text
    assert "1 benefit due for review" in text

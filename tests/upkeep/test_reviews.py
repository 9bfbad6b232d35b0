"""Review dates, the "Reviewed, still accurate" action and reminders (once per period)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from demo.factories import CaseStudyPageFactory, EventPageFactory
from hub.enums import EmailPurpose
from tests.conftest import PASSWORD
from upkeep import reviews
from upkeep.models import DAYS_IN_MONTH, PageUpkeep, UpkeepSettings

from .conftest import emails

pytestmark = pytest.mark.django_db


def published_days_ago(page, days):
    when = timezone.now() - timedelta(days=days)
    type(page).objects.filter(pk=page.pk).update(last_published_at=when, first_published_at=when)
    page.refresh_from_db()
    return page


def test_each_type_has_its_own_interval(partner_a):
    study = published_days_ago(CaseStudyPageFactory(parent=partner_a), 0)
    event = published_days_ago(EventPageFactory(parent=partner_a), 0)
    settings_ = UpkeepSettings.load()
    settings_.event_months = 3
    settings_.save()
    reviews.refresh()
    today = timezone.localdate()
    assert PageUpkeep.objects.get(page=study).review_due == today + timedelta(
        days=12 * DAYS_IN_MONTH
    )
    assert PageUpkeep.objects.get(page=event).review_due == today + timedelta(
        days=3 * DAYS_IN_MONTH
    )


def test_a_page_never_published_has_no_date_yet(owned_study):
    reviews.refresh()
    assert PageUpkeep.objects.get(page=owned_study).review_due is None


def test_a_changed_interval_moves_the_due_dates(owned_study):
    published_days_ago(owned_study, 0)
    reviews.refresh()
    settings_ = UpkeepSettings.load()
    settings_.case_study_months = 1
    settings_.save()
    reviews.refresh()
    assert PageUpkeep.objects.get(page=owned_study).review_due == timezone.localdate() + timedelta(
        days=DAYS_IN_MONTH
    )


def test_the_owner_is_reminded_once_before_the_date(owned_study, editor_a):
    # Due in 10 days: inside the 14-day reminder window.
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH - 10)
    reviews.refresh()
    reviews.refresh()
    reviews.refresh()
    reminders = emails(EmailPurpose.CONTENT_REVIEW_DUE)
    assert [email.to for email in reminders] == [editor_a.email]
    assert "Falls huddle" in reminders[0].subject
    assert emails(EmailPurpose.CONTENT_REVIEW_OVERDUE) == []


def test_no_reminder_before_the_window(owned_study):
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH - 20)
    reviews.refresh()
    assert emails(EmailPurpose.CONTENT_REVIEW_DUE) == []


def test_the_team_is_told_once_when_overdue(owned_study, editor_a, colleague_a):
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH + 3)
    reviews.refresh()
    reviews.refresh()
    overdue = emails(EmailPurpose.CONTENT_REVIEW_OVERDUE)
    assert sorted(email.to for email in overdue) == sorted([editor_a.email, colleague_a.email])


def test_a_new_period_brings_a_new_reminder(owned_study, editor_a):
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH - 5)
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_REVIEW_DUE)) == 1

    upkeep = reviews.mark_reviewed(owned_study, editor_a)
    assert upkeep.review_due == timezone.localdate() + timedelta(days=12 * DAYS_IN_MONTH)
    # A year later, due again: a second reminder, for the new date.
    PageUpkeep.objects.filter(pk=upkeep.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=12 * DAYS_IN_MONTH - 10)
    )
    reviews.refresh()
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_REVIEW_DUE)) == 2


def test_reminders_are_in_the_owners_language(owned_study, editor_a):
    profile = UserProfile.get_for_user(editor_a)
    profile.preferred_language = "pl"
    profile.save()
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH - 5)
    reviews.refresh()
    (reminder,) = emails(EmailPurpose.CONTENT_REVIEW_DUE)
    assert reminder.language == "pl"


def test_confirming_a_review_records_who_and_when(client, owned_study, editor_a):
    client.login(username=editor_a.username, password=PASSWORD)
    url = reverse("upkeep:reviewed", args=[owned_study.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    upkeep = PageUpkeep.objects.get(page=owned_study)
    assert upkeep.last_reviewed_by == editor_a
    assert upkeep.reviewed_on == timezone.localdate()
    history = client.get(reverse("wagtailadmin_pages:history", args=[owned_study.pk]))
    assert "Reviewed, still accurate" in history.content.decode()


def test_an_editor_of_another_partner_cannot_confirm(client, owned_study, editor_b):
    client.login(username=editor_b.username, password=PASSWORD)
    response = client.post(reverse("upkeep:reviewed", args=[owned_study.pk]))
    # The admin turns a refusal into a redirect to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not PageUpkeep.objects.filter(page=owned_study, last_reviewed_by=editor_b).exists()


def test_an_anonymous_visitor_cannot_confirm(client, owned_study):
    response = client.post(reverse("upkeep:reviewed", args=[owned_study.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not PageUpkeep.objects.filter(page=owned_study).exists()


def test_readers_see_the_last_review_and_the_overdue_note_when_asked(client, owned_study):
    published_days_ago(owned_study, 12 * DAYS_IN_MONTH + 40)
    reviews.refresh()
    page = client.get(owned_study.url).content.decode()
    assert "Page last reviewed:" in page
    assert "due for review" not in page

    settings_ = UpkeepSettings.load()
    settings_.flag_overdue_to_readers = True
    settings_.save()
    assert "This page is due for review." in client.get(owned_study.url).content.decode()

    reviews.mark_reviewed(owned_study, None)
    page = client.get(owned_study.url).content.decode()
    assert "due for review" not in page
    assert timezone.localdate().strftime("%Y") in page

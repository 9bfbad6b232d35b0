"""Coach profiles are reviewed content too: the coach owns their profile, hub editors are its
team; an owner who leaves passes it to them; reminders go once per review period; the
Content health report counts them; the editor shows the dates and the "Reviewed, still
accurate" action."""

import csv
from datetime import timedelta
from io import BytesIO

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import openpyxl
import pytest

from demo.factories import CoachProfileFactory, UserFactory
from directory.enums import Capacity
from directory.models import CoachProfile
from hub import access
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from pages.models import CaseStudyPage
from tests.conftest import PASSWORD
from upkeep import reviews
from upkeep.emails import item_key
from upkeep.models import DAYS_IN_MONTH, ProfileUpkeep, UpkeepSettings

from .conftest import emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_user(groups):
    return UserFactory(
        username="coach.one",
        email="coach.one@example.org",
        password=PASSWORD,
        groups=[groups[access.COACHES]],
    )


@pytest.fixture
def profile(coach_user):
    return CoachProfileFactory(display_name="Hannah Lowe", user=coach_user, contact_email="")


def published_days_ago(profile, days):
    when = timezone.now() - timedelta(days=days)
    CoachProfile.objects.filter(pk=profile.pk).update(last_published_at=when)
    profile.refresh_from_db()
    return profile


def test_a_deactivated_coach_passes_their_profile_to_the_hub_editors(
    profile, coach_user, hub_editor
):
    coach_user.is_active = False
    coach_user.save()

    profile.refresh_from_db()
    assert profile.user is None
    upkeep = ProfileUpkeep.objects.get(profile=profile)
    assert upkeep.former_owner == coach_user and upkeep.owner_left_at is not None
    # With no contact address left, the directory shows the profile closed.
    assert profile.public_capacity == Capacity.CLOSED
    [told] = emails(EmailPurpose.CONTENT_OWNER_LEFT)
    assert told.to == hub_editor.email
    assert "Hannah Lowe needs a new owner" in told.subject
    # It speaks of a coach profile, not a page.
    assert 'no longer looks after the coach profile "Hannah Lowe"' in told.body
    assert "Open the profile" in told.body and "page" not in told.body
    assert f"/admin/snippets/directory/coachprofile/edit/{quote(profile.pk)}/" in told.body
    # Saved again, and the daily job: nobody is told twice.
    coach_user.save()
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_OWNER_LEFT)) == 1


def test_a_coach_leaving_a_group_keeps_their_profile(profile, coach_user, groups, hub_editor):
    coach_user.groups.clear()
    profile.refresh_from_db()
    assert profile.user == coach_user
    assert emails(EmailPurpose.CONTENT_OWNER_LEFT) == []


def test_a_page_and_a_profile_with_the_same_id_have_their_own_outbox_keys():
    """A page keeps its old key (its id); anything else names its model too."""
    assert item_key(CaseStudyPage(pk=7)) == "7"
    assert item_key(CoachProfile(pk=7)) == "directory.coachprofile.7"


def test_the_coach_is_reminded_once_before_the_date(profile, coach_user, hub_editor):
    published_days_ago(profile, 12 * DAYS_IN_MONTH - 10)
    for _run in range(3):
        reviews.refresh()
    [reminder] = emails(EmailPurpose.CONTENT_REVIEW_DUE)
    assert reminder.to == coach_user.email
    assert reminder.subject == "Please review Hannah Lowe"
    assert 'Your coach profile "Hannah Lowe" is due for review' in reminder.body
    assert "Content health section of the profile editor" in reminder.body
    assert "page" not in reminder.body
    assert emails(EmailPurpose.CONTENT_REVIEW_OVERDUE) == []
    assert ProfileUpkeep.objects.get(profile=profile).review_due == (
        timezone.localdate() + timedelta(days=10)
    )


def test_hub_editors_are_told_once_when_overdue_then_a_new_period_starts(
    profile, coach_user, hub_editor
):
    published_days_ago(profile, 12 * DAYS_IN_MONTH + 3)
    reviews.refresh()
    reviews.refresh()
    [overdue] = emails(EmailPurpose.CONTENT_REVIEW_OVERDUE)
    assert overdue.to == hub_editor.email
    # Confirmed: the next date is a year away, and nothing more is sent this period.
    upkeep = reviews.mark_reviewed(profile, coach_user)
    assert upkeep.last_reviewed_by == coach_user
    assert upkeep.review_due == timezone.localdate() + timedelta(days=12 * DAYS_IN_MONTH)
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_REVIEW_DUE)) == 0
    # Nearly a year later: a reminder for the new date, once.
    ProfileUpkeep.objects.filter(pk=upkeep.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=12 * DAYS_IN_MONTH - 5)
    )
    reviews.refresh()
    reviews.refresh()
    assert len(emails(EmailPurpose.CONTENT_REVIEW_DUE)) == 1
    assert len(emails(EmailPurpose.CONTENT_REVIEW_OVERDUE)) == 1


def test_a_profile_is_named_as_such_in_other_languages(profile, coach_user, hub_editor):
    """Polish names the item in the subject and agrees with it: a profile ("profil", masculine)
    is not a page ("strona", feminine)."""
    for user in (coach_user, hub_editor):
        settings_ = UserProfile.get_for_user(user)
        settings_.preferred_language = "pl"
        settings_.save()
    published_days_ago(profile, 12 * DAYS_IN_MONTH + 3)
    ProfileUpkeep.objects.update_or_create(
        profile=profile, defaults={"review_due": timezone.localdate() + timedelta(days=5)}
    )
    reviews.refresh()
    [overdue] = emails(EmailPurpose.CONTENT_REVIEW_OVERDUE)
    assert overdue.subject == "Przegląd profilu Hannah Lowe jest zaległy"
    assert "jest nadal aktualny" in overdue.body and "strony" not in overdue.body


def test_the_interval_is_its_own_setting(profile):
    settings_ = UpkeepSettings.load()
    settings_.coach_profile_months = 6
    settings_.save()
    published_days_ago(profile, 0)
    reviews.refresh()
    assert ProfileUpkeep.objects.get(profile=profile).review_due == (
        timezone.localdate() + timedelta(days=6 * DAYS_IN_MONTH)
    )


def test_a_draft_profile_is_not_reviewed(coach_user):
    CoachProfileFactory(display_name="Draft Coach", user=coach_user, publish=False)
    reviews.refresh()
    assert not ProfileUpkeep.objects.exists()


def test_the_report_counts_profiles_for_hub_editors_only(client, groups, hub_editor, editor_a):
    leaver = UserFactory(groups=[groups[access.COACHES]])
    overdue = published_days_ago(
        CoachProfileFactory(display_name="Overdue Coach"), 12 * DAYS_IN_MONTH + 1
    )
    gone = CoachProfileFactory(display_name="Gone Coach", user=leaver)
    CoachProfileFactory(display_name="Fine Coach")
    CoachProfileFactory(display_name="Draft Coach", publish=False)
    leaver.is_active = False
    leaver.save()
    reviews.refresh()

    client.login(username=hub_editor.username, password=PASSWORD)
    html = client.get(reverse("upkeep:report")).content.decode()
    section = html.split("data-coach-profiles")[1].split("</section>")[0]
    counts = {
        name: int(section.split(f'data-profile-count="{name}"><strong>')[1].split("<")[0])
        for name in ("items", "overdue", "owner_gone")
    }
    assert counts == {"items": 3, "overdue": 1, "owner_gone": 1}
    assert overdue.display_name in section and gone.display_name in section
    assert "Fine Coach" not in section and "Draft Coach" not in section

    client.login(username=editor_a.username, password=PASSWORD)
    html = client.get(reverse("upkeep:report")).content.decode()
    assert "data-coach-profiles" not in html


def export_rows(client, **filters):
    response = client.get(reverse("upkeep:report"), {"export": "csv", **filters})
    assert response.status_code == 200
    header, *rows = list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_export_lists_profiles_after_the_pages_for_hub_editors_only(
    client, groups, hub_editor, editor_a, partner_a
):
    leaver = UserFactory(groups=[groups[access.COACHES]])
    coach = UserFactory(first_name="Ola", last_name="Nowak", groups=[groups[access.COACHES]])
    overdue = published_days_ago(
        CoachProfileFactory(display_name="Overdue Coach", user=coach), 12 * DAYS_IN_MONTH + 1
    )
    CoachProfileFactory(display_name="Gone Coach", user=leaver)
    CoachProfileFactory(display_name="Fine Coach")
    CoachProfileFactory(display_name="Draft Coach", publish=False)
    leaver.is_active = False
    leaver.save()
    reviews.refresh()

    client.login(username=hub_editor.username, password=PASSWORD)
    rows = export_rows(client)
    kinds = [row["Page or coach profile"] for row in rows]
    # The partner's page first, then every live profile.
    assert kinds == ["Page", "Coach profile", "Coach profile", "Coach profile"]
    profiles = {row["Title"]: row for row in rows if row["Page or coach profile"] != "Page"}
    assert set(profiles) == {"Overdue Coach", "Gone Coach", "Fine Coach"}
    row = profiles["Overdue Coach"]
    assert row["Type"] == "Coach profile"
    assert row["Needs attention"] == "Review overdue"
    assert row["Owner"] == "Ola Nowak"
    assert row["Last reviewed"] == str(overdue.upkeep.reviewed_on)
    assert row["Edit address"].endswith(
        reverse("wagtailsnippets_directory_coachprofile:edit", args=[quote(overdue.pk)])
    )
    assert row["Partner"] == row["Broken links"] == row["Views (90 days)"] == ""
    assert profiles["Gone Coach"]["Needs attention"] == "Owner has gone"
    assert profiles["Fine Coach"]["Needs attention"] == "No owner"
    # The Excel file too.
    response = client.get(reverse("upkeep:report"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)][1:] == [
        row["Title"] for row in rows
    ]

    # The filters apply to profiles where they mean something.
    assert [row["Title"] for row in export_rows(client, problem="overdue")] == ["Overdue Coach"]
    assert [row["Title"] for row in export_rows(client, problem="owner_gone")] == ["Gone Coach"]
    assert export_rows(client, problem="broken_links") == []
    in_section = export_rows(client, partner=partner_a.pk)
    assert {row["Page or coach profile"] for row in in_section} == {"Page"}

    # Partner editors see no profiles on the report, nor in its export.
    client.login(username=editor_a.username, password=PASSWORD)
    assert {row["Page or coach profile"] for row in export_rows(client)} == {"Page"}


def test_the_editor_shows_the_dates_and_the_coach_confirms(client, profile, coach_user):
    published_days_ago(profile, 30)
    reviews.refresh()
    client.login(username=coach_user.username, password=PASSWORD)
    edit = reverse("wagtailsnippets_directory_coachprofile:edit", args=[quote(profile.pk)])
    html = client.get(edit).content.decode()
    assert "data-upkeep-profile-panel" in html
    assert "Owning team" in html and "Hub editors" in html
    url = reverse("upkeep:profile_reviewed", args=[profile.pk])
    assert url in html
    confirm = client.get(url)  # asks first: no write on GET
    assert confirm.status_code == 200
    assert "Back to the profile" in confirm.content.decode()
    assert (
        "page" not in confirm.content.decode().split('class="nice-padding"')[1].split("</form>")[0]
    )
    assert ProfileUpkeep.objects.get(profile=profile).last_reviewed_at is None
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == edit
    upkeep = ProfileUpkeep.objects.get(profile=profile)
    assert upkeep.last_reviewed_by == coach_user and upkeep.last_reviewed_at


def test_the_profile_editor_and_its_confirmation_speak_of_a_profile_in_polish(client, coach_user):
    """Before its first publication the dates wait for the profile (not "the page"); the
    confirmation agrees with "profil" in Polish."""
    settings_ = UserProfile.get_for_user(coach_user)
    settings_.preferred_language = "pl"
    settings_.save()
    draft = CoachProfileFactory(display_name="Draft Coach", user=coach_user, publish=False)
    client.login(username=coach_user.username, password=PASSWORD)
    edit = reverse("wagtailsnippets_directory_coachprofile:edit", args=[quote(draft.pk)])
    html = client.get(edit).content.decode()
    assert "Ustalany po opublikowaniu profilu" in html
    draft.save_revision(user=coach_user).publish()
    live = draft
    html = client.get(reverse("upkeep:profile_reviewed", args=[live.pk])).content.decode()
    assert "opublikowany profil" in html and "Tak, jest nadal aktualny" in html
    assert "Wróć do profilu" in html
    response = client.post(reverse("upkeep:profile_reviewed", args=[live.pk]), follow=True)
    assert "profil „Draft Coach” zapisano jako przejrzany" in response.content.decode()


def test_another_coach_and_visitors_cannot_confirm(client, profile, groups):
    url = reverse("upkeep:profile_reviewed", args=[profile.pk])
    assert client.post(url).status_code == 302  # to the sign-in
    UserFactory(username="coach.two", password=PASSWORD, groups=[groups[access.COACHES]])
    client.login(username="coach.two", password=PASSWORD)
    response = client.post(url)
    # Refused (Wagtail's admin turns the refusal into a redirect home, with a message).
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ProfileUpkeep.objects.filter(last_reviewed_at__isnull=False).exists()
    assert not OutboxEmail.objects.exists()


def test_readers_see_the_last_review_and_the_overdue_note_when_asked(client, profile, coach_user):
    published_days_ago(profile, 12 * DAYS_IN_MONTH + 3)
    reviews.refresh()
    html = client.get(profile.get_url()).content.decode()
    published = (timezone.now() - timedelta(days=12 * DAYS_IN_MONTH + 3)).date()
    assert f"Profile last reviewed: {published.day} {published:%B %Y}" in html
    assert "Page last reviewed" not in html
    assert "This profile is due for review." not in html
    settings_ = UpkeepSettings.load()
    settings_.flag_overdue_to_readers = True
    settings_.save()
    html = client.get(profile.get_url()).content.decode()
    assert "This profile is due for review." in html and "This page is" not in html
    reviews.mark_reviewed(profile, coach_user)
    html = client.get(profile.get_url()).content.decode()
    today = timezone.localdate()
    assert f"Profile last reviewed: {today.day} {today:%B %Y}" in html
    assert "This profile is due for review." not in html

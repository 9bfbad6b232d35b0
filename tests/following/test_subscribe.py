"""Following by email: the subscribe form (own page, CSRF, rate limit, honeypot, clear
errors), double opt-in (nothing sent but the confirmation until confirmed; no write on GET)
and one-click unsubscribe (RFC 8058)."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

import pytest

from demo.factories import PriorityFactory, SubscriptionFactory
from following import emails
from following.models import Subscription
from hub.enums import EmailPurpose
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db

VALID = {"stream": "type:case-studies", "frequency": "immediate", "email": "ann@example.org"}


@pytest.fixture
def post(client, deliver, home_page):
    def post(data, url="/follow/"):
        return deliver(client.post, url, data)

    return post


def confirm_link(subscription) -> str:
    return f"/follow/confirm/{emails.confirm_token(subscription)}/"


def test_form_page_offers_the_streams_grouped_by_kind(client, home_page):
    PriorityFactory(name="Stroke")
    response = client.get("/follow/?stream=priority:stroke")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<optgroup label="System priority">' in html
    assert '<option value="priority:stroke" selected>Stroke</option>' in html
    assert 'value="type:case-studies"' in html
    assert 'href="/follow/feeds/priority:stroke.atom"' in html
    assert "csrfmiddlewaretoken" in html


def test_subscribing_sends_only_a_confirmation_in_the_visitors_language(post):
    response = post(VALID, url="/pl/follow/")
    assert response.status_code == 302
    assert response["Location"].endswith("/follow/check-your-email/")
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.language) == ("ann@example.org", "pl")
    assert subscription.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    assert "/pl/follow/confirm/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers
    assert OutboxEmail.objects.get().purpose == EmailPurpose.FOLLOW_CONFIRM


def test_asking_twice_the_same_day_sends_one_confirmation(post):
    post(VALID)
    post({**VALID, "email": "ANN@example.org", "frequency": "weekly"})
    assert len(mail.outbox) == 1
    assert Subscription.objects.get().frequency == "weekly"


def test_an_address_already_following_gets_nothing_and_learns_nothing(post):
    SubscriptionFactory(email="ann@example.org", stream="type:case-studies")
    response = post(VALID)
    assert response.status_code == 302
    assert mail.outbox == []


def test_bad_input_is_answered_next_to_the_field_and_kept(post):
    response = post({"stream": "priority:nope", "frequency": "daily", "email": "not-an-email"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose something to follow from the list." in html
    assert "Enter an email address like name@example.com." in html
    assert 'value="not-an-email"' in html
    assert "There is a problem" in html
    assert not Subscription.objects.exists()


def test_hostile_input_is_refused(post):
    response = post({**VALID, "email": "ann@example.org\r\nBcc: all@example.org"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    response = post({**VALID, "stream": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in response.content.decode()


def test_honeypot_stores_and_sends_nothing(post):
    response = post({**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert mail.outbox == []


@override_settings(HUB_PUBLIC_FORM_RATE_LIMIT=2)
def test_subscribing_is_rate_limited(post):
    post(VALID)
    post({**VALID, "email": "b@example.org"})
    response = post({**VALID, "email": "c@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Subscription.objects.count() == 2


def test_the_form_needs_its_csrf_token(home_page):
    response = Client(enforce_csrf_checks=True).post("/follow/", VALID)
    assert response.status_code == 403


def test_confirmation_link_shows_a_button_and_writes_only_on_post(client, home_page):
    subscription = SubscriptionFactory(confirmed_at=None)
    response = client.get(confirm_link(subscription))
    assert response.status_code == 200
    assert "Yes, send me emails" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    response = client.post(confirm_link(subscription))
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_forged_or_expired_confirmation_links_are_refused(client, home_page):
    subscription = SubscriptionFactory(confirmed_at=None)
    assert client.get(f"/follow/confirm/{subscription.token}:forged/").status_code == 404
    assert client.post(f"/follow/confirm/{subscription.token}:forged/").status_code == 404
    link = confirm_link(subscription)
    with override_settings(HUB_FOLLOW_CONFIRM_DAYS=0):
        assert client.post(link).status_code == 404
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_unsubscribe_get_asks_and_one_click_post_unsubscribes(client, home_page):
    subscription = SubscriptionFactory()
    url = f"/follow/unsubscribe/{subscription.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    # RFC 8058: the mail program's POST, with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    # Twice is fine; an unknown token is a clear 404 on GET.
    assert client.post(url).status_code == 200
    assert client.get(url).status_code == 404


def test_unsubscribe_from_everything_removes_every_stream_of_the_address(client, home_page):
    first = SubscriptionFactory(email="ann@example.org", stream="type:case-studies")
    SubscriptionFactory(email="Ann@example.org", stream="type:events")
    other = SubscriptionFactory(email="bob@example.org")
    client.post(f"/follow/unsubscribe/{first.token}/?all=1")
    assert list(Subscription.objects.all()) == [other]


def test_unconfirmed_subscriptions_expire(home_page):
    old = SubscriptionFactory(confirmed_at=None)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    fresh = SubscriptionFactory(confirmed_at=None)
    confirmed = SubscriptionFactory()
    Subscription.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - timedelta(days=80)
    )
    # The one scheduled purge (there is no subscriptions-only job any more) deletes them.
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "following.subscriptions 1" in out.getvalue()
    assert set(Subscription.objects.all()) == {fresh, confirmed}


def test_a_project_collaborative_and_team_page_link_to_following_them(client, home_page):
    from demo.factories import (
        CollaborativeIndexPageFactory,
        CollaborativePageFactory,
        CollaborativeTeamPageFactory,
        ProjectPageFactory,
    )

    project = ProjectPageFactory(parent=home_page, title="Carers' passport", slug="carers")
    index = CollaborativeIndexPageFactory(parent=home_page)
    collaborative = CollaborativePageFactory(parent=index, title="Falls", slug="falls")
    team = CollaborativeTeamPageFactory(parent=collaborative, title="Ward 9 team")
    for page, stream in (
        (project, "project:carers"),
        (collaborative, "collaborative:falls"),
        (team, "collaborative:falls"),
    ):
        body = client.get(page.url).content.decode()
        assert f"/follow/?stream={stream.replace(':', '%3A')}" in body, page
        assert f"/follow/feeds/{stream}.atom" in body
        form = client.get("/follow/", {"stream": stream}).content.decode()
        assert f'value="{stream}" checked' in form or f'value="{stream}"' in form
        assert client.get(f"/follow/feeds/{stream}.atom").status_code == 200

"""Subscriptions in the personal-data registry: every personal field exported and erased
(with the emails sent to the address), unconfirmed ones purged when they expire."""

from datetime import timedelta

from django.utils import timezone

import pytest

from demo.factories import SubscriptionFactory
from following.emails import record_confirmation
from following.models import Subscription
from hub import personal_data
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db

MARKER = "marker@private.example"


def entry():
    [found] = [e for e in personal_data.registered() if e.key == "following.subscriptions"]
    return found


def test_every_personal_field_is_exported(home_page):
    subscription = SubscriptionFactory(email=MARKER, stream="type:events", language="ur")
    exported = personal_data.export(MARKER.upper())
    [record] = exported["records"]["following.subscriptions"]["records"]
    for field in entry().fields:
        assert field in record
    assert record["email"] == MARKER
    assert record["stream"] == "type:events"
    assert record["language"] == "ur"
    assert record["id"] == subscription.pk


def test_erase_leaves_no_subscription_and_no_email_to_the_address(home_page):
    subscription = SubscriptionFactory(email=MARKER, confirmed_at=None)
    record_confirmation(subscription, day="2026-12-04")
    other = SubscriptionFactory(email="someone@example.org")
    erased = personal_data.erase(MARKER)
    assert erased["following.subscriptions"] == 1
    assert not erased.get("hub.outbox_emails")  # gone with the subscription first
    assert list(Subscription.objects.all()) == [other]
    assert not OutboxEmail.objects.filter(to=MARKER).exists()
    assert personal_data.export(MARKER)["records"] == {}


def test_purge_removes_only_expired_unconfirmed_subscriptions(home_page):
    expired = SubscriptionFactory(email="old@example.org", confirmed_at=None)
    Subscription.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=8))
    waiting = SubscriptionFactory(email="new@example.org", confirmed_at=None)
    confirmed = SubscriptionFactory(email="kept@example.org")
    Subscription.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    assert personal_data.purge().get("following.subscriptions") == 1
    assert set(Subscription.objects.all()) == {waiting, confirmed}


def test_retention_and_lawful_basis_are_stated():
    assert "unsubscribe" in str(entry().retention)
    assert "Consent" in str(entry().lawful_basis)

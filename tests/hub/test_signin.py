"""Sign-in protection (hub/signin.py, django-axes): the admin's form and API tokens are locked
out per account and per address after HUB_SIGNIN_FAILURE_LIMIT failures, with a clear 429
and Retry-After; every lockout is logged; hub editors unlock."""

import logging

from django.urls import reverse

from wagtail.models import APIToken

import pytest

from demo.factories import UserFactory
from tests.conftest import PASSWORD

LOGIN = reverse("wagtailadmin_login")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def admin_user(groups):
    from hub import access

    return UserFactory(username="target", password=PASSWORD, groups=[groups[access.HUB_EDITORS]])


@pytest.fixture
def huddle_member(groups):
    from hub import access

    return UserFactory(username="huddle.one", groups=[groups[access.HUDDLE_MEMBERS]])


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, admin_user, caplog):
    for _ in range(4):
        assert sign_in(client, "target", "wrong").status_code == 200
    with caplog.at_level(logging.WARNING, logger="hub.security"):
        locked = sign_in(client, "target", "wrong")
    assert locked.status_code == 429
    assert any(
        "locked out" in r.getMessage() and "target" in r.getMessage() for r in caplog.records
    )
    refused = sign_in(client, "target", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert "Too many sign-in attempts" in page
    assert "ask a hub editor to unlock" in page
    assert 800 < int(refused["Retry-After"]) <= 900


def test_the_same_account_is_locked_from_another_address_too(client, admin_user):
    for n in range(5):
        sign_in(client, "target", "wrong", address=f"10.0.1.{n}")
    assert sign_in(client, "target", PASSWORD, address="10.9.9.9").status_code == 429


def test_an_address_trying_many_accounts_is_locked_out(client, admin_user):
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong", address="10.0.0.7")
    assert sign_in(client, "target", PASSWORD, address="10.0.0.7").status_code == 429
    assert sign_in(client, "target", PASSWORD, address="10.0.0.8").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, admin_user):
    for _ in range(4):
        sign_in(client, "target", "wrong")
    assert sign_in(client, "target", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "target", "wrong").status_code == 200


def test_a_hub_editor_sees_and_lifts_a_lockout(client, admin_user, hub_editor, caplog):
    for _ in range(5):
        sign_in(client, "target", "wrong")
    client.force_login(hub_editor)
    listing = client.get(reverse("hub_signin_lockouts"))
    assert listing.status_code == 200
    assert "target" in listing.content.decode()
    with caplog.at_level(logging.WARNING, logger="hub.security"):
        response = client.post(
            reverse("hub_signin_lockouts"), {"kind": "account", "value": "target"}
        )
    assert response.status_code == 302
    assert any("lifted by hub.editor" in r.getMessage() for r in caplog.records)
    client.logout()
    assert sign_in(client, "target", PASSWORD, address="10.0.0.2").status_code == 302


def test_others_cannot_see_or_lift_lockouts(client, admin_user, editor_a):
    for _ in range(5):
        sign_in(client, "target", "wrong")
    client.force_login(editor_a)
    # Wagtail's admin answers a refused permission by sending the user to the dashboard.
    listing = client.get(reverse("hub_signin_lockouts"))
    assert listing.status_code in (302, 403)
    assert "target" not in listing.content.decode()
    client.post(reverse("hub_signin_lockouts"), {"kind": "account", "value": "target"})
    client.logout()
    assert sign_in(client, "target", PASSWORD, address="10.0.0.3").status_code == 429


# API tokens ----------------------------------------------------------------------------------


def api_get(client, token, address="10.0.0.5"):
    return client.get(
        "/api/v3/submissions/", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=address
    )


def test_unknown_tokens_lock_the_address_out_of_the_api(client, caplog):
    for n in range(4):
        assert api_get(client, f"guess-{n}").status_code == 401
    with caplog.at_level(logging.WARNING, logger="hub.security"):
        locked = api_get(client, "guess-5")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/problem+json"
    assert int(locked["Retry-After"]) > 0
    assert "Try again in" in locked.json()["detail"]
    assert any("locked out" in r.getMessage() for r in caplog.records)
    # Refused before the token is even looked up, and the sign-in form too.
    assert api_get(client, "anything").status_code == 429
    assert sign_in(client, "someone", "x", address="10.0.0.5").status_code == 429
    assert api_get(client, "guess", address="10.0.0.6").status_code == 401


def test_a_revoked_token_does_not_count_as_a_guess(client, huddle_member):
    token, raw = APIToken.create_token(user=huddle_member, name="old client")
    token.revoke()
    for _ in range(8):
        assert api_get(client, raw).status_code == 401


def test_a_good_token_still_works_below_the_limit(client, huddle_member):
    _token, raw = APIToken.create_token(user=huddle_member, name="intranet")
    for n in range(3):
        api_get(client, f"guess-{n}")
    assert api_get(client, raw).status_code == 200

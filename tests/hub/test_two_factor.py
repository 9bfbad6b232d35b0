"""Two-step sign-in (hub/two_factor.py, django-otp): set up with an authenticator app, a
code after every sign-in, backup codes, wrong codes refused beside the field, and required
for hub editors, huddle members and superusers when HUB_REQUIRE_2FA is on."""

from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.factories import UserFactory
from hub import access
from tests.conftest import PASSWORD

SETUP = reverse("hub_two_factor_setup")
VERIFY = reverse("hub_two_factor_verify")
pytestmark = pytest.mark.django_db


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.fixture
def member(groups):
    return UserFactory(username="member", password=PASSWORD, groups=[groups[access.HUDDLE_MEMBERS]])


def turn_on(client):
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, inline (no image request)
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(SETUP, {"otp_token": code_for(device)})
    assert done.status_code == 200
    text = done.content.decode()
    assert "Your backup codes" in text
    return device, text


def test_set_up_then_a_code_after_every_sign_in(client, member):
    sign_in(client, "member")
    device, _page = turn_on(client)
    client.logout()

    response = sign_in(client, "member")
    huddle = client.get("/admin/huddle/")
    assert huddle.status_code == 302
    assert huddle["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"otp_token": "000000", "next": "/admin/huddle/"})
    assert wrong.status_code == 422
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    right = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/huddle/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/huddle/"
    assert client.get("/admin/huddle/").status_code == 200
    assert response.status_code == 302


def test_a_backup_code_works_once(client, member):
    sign_in(client, "member")
    _device, page = turn_on(client)
    import re

    codes = re.findall(r"<code>([a-z2-7]{8})</code>", page)
    assert len(codes) == 10
    client.logout()
    sign_in(client, "member")
    assert client.post(VERIFY, {"otp_token": codes[0]}).status_code == 302
    client.logout()
    sign_in(client, "member")
    assert client.post(VERIFY, {"otp_token": codes[0]}).status_code == 422


def test_optional_unless_the_setting_requires_it(client, member, settings):
    settings.HUB_REQUIRE_2FA = False
    sign_in(client, "member")
    assert client.get("/admin/").status_code == 200


def test_required_for_the_huddle_and_hub_editors_when_the_setting_says_so(
    client, member, hub_editor, editor_a, settings
):
    settings.HUB_REQUIRE_2FA = True
    for user in (member, hub_editor):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
        client.logout()
    client.force_login(editor_a)  # a partner editor: optional
    assert client.get("/admin/").status_code == 200


def test_the_setup_page_refuses_a_wrong_code_beside_the_field(client, member):
    sign_in(client, "member")
    client.get(SETUP)
    response = client.post(SETUP, {"otp_token": "123456"})
    assert response.status_code == 422
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_a_lost_phone_is_reset_by_command(client, member):
    from io import StringIO

    from django.core.management import call_command

    sign_in(client, "member")
    turn_on(client)
    out = StringIO()
    call_command("reset_two_factor", "member", stdout=out)
    assert "Removed 2 two-step sign-in device(s)" in out.getvalue()
    assert not TOTPDevice.objects.exists()

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from demo.users import DEMO_PASSWORD
from hub.models import Organisation, Priority, Topic

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "organisations": Organisation.objects.count(),
        "priorities": Priority.objects.count(),
        "topics": Topic.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
    }


def test_seed_is_idempotent_and_keeps_editors_changes(home_page, capsys):
    call_command("seed_demo")
    first = snapshot()
    assert first["organisations"] >= 6
    assert first["priorities"] >= 5
    about = Page.objects.get(slug="about", locale__language_code="en").specific
    about.title = "About us (edited)"
    about.save_revision().publish()
    first = snapshot()

    call_command("seed_demo")
    assert snapshot() == first
    assert Page.objects.get(slug="about", locale__language_code="en").title == "About us (edited)"
    assert "Demo content ready" in capsys.readouterr().out


def test_no_demo_passwords_outside_development(home_page, settings):
    settings.HUB_DEMO_PASSWORDS = False
    call_command("seed_demo")
    for user in get_user_model().objects.all():
        assert not user.has_usable_password()


def test_demo_logins_prints_the_admin_url(capsys, settings):
    settings.HUB_DEMO_PASSWORDS = True
    call_command("demo_logins", "--url", "http://127.0.0.1:9000")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:9000/admin/" in out
    assert DEMO_PASSWORD in out
    assert "trust.editor" in out

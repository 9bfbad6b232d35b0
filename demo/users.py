"""One demo account per role (``manage.py demo_logins`` lists them)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo.factories import UserFactory
from hub import access

DEMO_PASSWORD = "improve-together"  # noqa: S105 - development only, see demo_passwords()


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    group: str | tuple[str, ...] | None = None
    organisation: str | None = None
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "Alex", "Admin", "superuser: everything", superuser=True),
    DemoUser("hub.editor", "Priya", "Shah", "hub editor: publishes anywhere", access.HUB_EDITORS),
    DemoUser(
        "trust.editor",
        "Tom",
        "Okafor",
        "partner editor: Wealdshire University Hospitals",
        organisation="Wealdshire University Hospitals NHS Foundation Trust",
    ),
    DemoUser(
        "council.editor",
        "Gwen",
        "Morgan",
        "partner editor: Wealdshire County Council",
        organisation="Wealdshire County Council",
    ),
    DemoUser("huddle.member", "Femi", "Adeyemi", "huddle member", access.HUDDLE_MEMBERS),
    DemoUser(
        "huddle.chair",
        "Ruth",
        "Ellison",
        "chair of the huddle: also sets its targets",
        (access.HUDDLE_MEMBERS, access.HUDDLE_CHAIRS),
    ),
    DemoUser("coach", "Hannah", "Lowe", "QI coach", access.COACHES),
    DemoUser("mentor", "Kasia", "Nowak", "QI mentor", access.COACHES),
]


def demo_passwords() -> bool:
    """Demo accounts get a known password only in development settings."""
    return getattr(settings, "HUB_DEMO_PASSWORDS", False)


def ensure_user(username, first_name, last_name, *, group=None, **fields):
    """The demo account ``username``, created if missing (with the demo password in
    development settings only), and added to ``group`` if named."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = UserFactory(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@wealdshire.example",
            password=DEMO_PASSWORD if demo_passwords() else None,
            **fields,
        )
    for name in [group] if isinstance(group, str) else group or ():
        user.groups.add(Group.objects.get(name=name))
    return user


def ensure_users(organisations) -> dict[str, object]:
    users = {}
    for demo in DEMO_USERS:
        user = ensure_user(
            demo.username,
            demo.first_name,
            demo.last_name,
            group=demo.group,
            is_superuser=demo.superuser,
            is_staff=demo.superuser,
        )
        if demo.organisation:
            group = organisations[demo.organisation].editors_group
            if group:
                user.groups.add(group)
        users[demo.username] = user
    return users

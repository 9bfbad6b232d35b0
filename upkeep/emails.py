"""The emails that keep content looked after, each recorded in the hub's outbox
(:mod:`hub.outbox`) once per key, in the recipient's language (their admin language).
An *item* is a reviewed page or coach profile:

- to the owning team when an item passes to them because its owner left
  (once per item and former owner);
- to an item's owner before its review is due (once per item and due date);
- to the owning team once the review is overdue (once per item and due date).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page
from wagtail.users.models import UserProfile

from hub import outbox
from hub.enums import EmailPurpose
from hub.links import absolute_url


def language_of(user) -> str:
    offered = {code for code, _name in settings.LANGUAGES}
    preferred = UserProfile.get_for_user(user).get_preferred_language()
    return preferred if preferred in offered else settings.LANGUAGE_CODE


def team_members(team):
    """The active people of ``team`` with an address; the hub editors when there is none."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if team is None:
        return users.filter(groups__name="Hub editors").distinct()
    return users.filter(groups=team).distinct()


def edit_url(item) -> str:
    """Where the item is edited in the admin (a page's or a snippet's edit view)."""
    return AdminURLFinder().get_edit_url(item) or ""


def title_of(item) -> str:
    return item.title if is_page(item) else str(item)


def is_page(item) -> bool:
    """A page (else a coach profile). What the emails say of a profile has its own
    translation (``msgctxt "coach profile"``) where the English is the same: other
    languages name the item ("Strona …", "Profil …") and agree with it."""
    return isinstance(item, Page)


def item_key(item) -> str:
    """The item in an outbox key: a page by its id (as the keys always were), anything else
    by its model and id, so a page and a profile with the same id never share a key."""
    return str(item.pk) if isinstance(item, Page) else f"{item._meta.label_lower}.{item.pk}"


def _record(*, key, purpose, user, item, subject, template, context):
    with translation.override(language_of(user)):
        context = {
            **context,
            "title": title_of(item),
            "user": user,
            "edit_url": absolute_url(edit_url(item)),
            "is_profile": not is_page(item),
        }
        return outbox.record(
            key=key,
            purpose=purpose,
            to=user.email,
            subject=subject(),
            body=render_to_string(template, context),
            cause=item,
        )


def record_owner_left(item, *, former, team) -> None:
    """Tell the team that ``item`` is now theirs (once per item and former owner)."""
    for member in team_members(team):
        _record(
            key=f"upkeep-owner-left:{item_key(item)}:{former.pk}:{member.pk}",
            purpose=EmailPurpose.CONTENT_OWNER_LEFT,
            user=member,
            item=item,
            subject=lambda: (
                (
                    _("%(title)s needs a new owner")
                    if is_page(item)
                    else pgettext("coach profile", "%(title)s needs a new owner")
                )
                % {"title": title_of(item)}
            ),
            template="upkeep/emails/owner_left.txt",
            context={"former": former},
        )


def record_review_soon(item, *, owner, due) -> None:
    """Remind the owner that ``item`` is due for review on ``due`` (once per due date)."""
    _record(
        key=f"upkeep-review-soon:{item_key(item)}:{due.isoformat()}",
        purpose=EmailPurpose.CONTENT_REVIEW_DUE,
        user=owner,
        item=item,
        subject=lambda: (
            (
                _("Please review %(title)s")
                if is_page(item)
                else pgettext("coach profile", "Please review %(title)s")
            )
            % {"title": title_of(item)}
        ),
        template="upkeep/emails/review_soon.txt",
        context={"due": due},
    )


def record_review_overdue(item, *, team, due) -> None:
    """Tell the team that ``item``'s review is overdue (once per due date and person)."""
    for member in team_members(team):
        _record(
            key=f"upkeep-review-overdue:{item_key(item)}:{due.isoformat()}:{member.pk}",
            purpose=EmailPurpose.CONTENT_REVIEW_OVERDUE,
            user=member,
            item=item,
            subject=lambda: (
                (
                    _("%(title)s is overdue for review")
                    if is_page(item)
                    else pgettext("coach profile", "%(title)s is overdue for review")
                )
                % {"title": title_of(item)}
            ),
            template="upkeep/emails/review_overdue.txt",
            context={"due": due},
        )

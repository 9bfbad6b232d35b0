"""The emails that keep content looked after, each recorded in the hub's outbox
(:mod:`hub.outbox`) once per key, in the recipient's language (their admin language):

- to a partner's editors when a page passes to them because its owner left
  (once per page and former owner);
- to a page's owner before its review is due (once per page and due date);
- to the owning team once the review is overdue (once per page and due date).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

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


def _edit_url(page) -> str:
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def _record(*, key, purpose, user, page, subject, template, context):
    with translation.override(language_of(user)):
        context = {**context, "page": page, "user": user, "edit_url": _edit_url(page)}
        return outbox.record(
            key=key,
            purpose=purpose,
            to=user.email,
            subject=subject(),
            body=render_to_string(template, context),
            cause=page,
        )


def record_owner_left(page, *, former, team) -> None:
    """Tell the team that ``page`` is now theirs (once per page and former owner)."""
    for member in team_members(team):
        _record(
            key=f"upkeep-owner-left:{page.pk}:{former.pk}:{member.pk}",
            purpose=EmailPurpose.CONTENT_OWNER_LEFT,
            user=member,
            page=page,
            subject=lambda: _("%(title)s needs a new owner") % {"title": page.title},
            template="upkeep/emails/owner_left.txt",
            context={"former": former},
        )


def record_review_soon(page, *, owner, due) -> None:
    """Remind the owner that ``page`` is due for review on ``due`` (once per due date)."""
    _record(
        key=f"upkeep-review-soon:{page.pk}:{due.isoformat()}",
        purpose=EmailPurpose.CONTENT_REVIEW_DUE,
        user=owner,
        page=page,
        subject=lambda: _("Please review %(title)s") % {"title": page.title},
        template="upkeep/emails/review_soon.txt",
        context={"due": due},
    )


def record_review_overdue(page, *, team, due) -> None:
    """Tell the team that ``page``'s review is overdue (once per due date and person)."""
    for member in team_members(team):
        _record(
            key=f"upkeep-review-overdue:{page.pk}:{due.isoformat()}:{member.pk}",
            purpose=EmailPurpose.CONTENT_REVIEW_OVERDUE,
            user=member,
            page=page,
            subject=lambda: _("%(title)s is overdue for review") % {"title": page.title},
            template="upkeep/emails/review_overdue.txt",
            context={"due": due},
        )

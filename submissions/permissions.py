"""Who may work in the huddle inbox: the one place that decides it.

The "Huddle members" group (kept by ``hub.access``) holds ``submissions.work_in_inbox``;
superusers hold every permission. Nobody else (partner editors, hub editors who are not in
the huddle, coaches, the submitter with their status-page token) sees an idea's inbox pages,
attachments, notes or exports.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.response import TemplateResponse

INBOX_PERMISSION = "submissions.work_in_inbox"


def is_huddle_member(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(INBOX_PERMISSION)
    )


def huddle_member_required(view):
    """For views under the Wagtail admin (which already sends anonymous people to sign in):
    anyone signed in without the inbox permission gets a 403 page and nothing changes.

    The 403 is returned, not raised: Wagtail's admin would turn ``PermissionDenied`` into a
    redirect to its dashboard, which hides from tools and people that access was refused."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_huddle_member(request.user):
            return TemplateResponse(request, "submissions/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def huddle_members():
    """Active users who may work in the inbox (group members and superusers)."""
    User = get_user_model()  # noqa: N806
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="work_in_inbox",
                groups__permissions__content_type__app_label="submissions",
            )
            | Q(
                user_permissions__codename="work_in_inbox",
                user_permissions__content_type__app_label="submissions",
            )
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )

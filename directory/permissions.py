"""Who may do what with coach profiles and contact requests in the admin.

The one place these rules live:

- hub editors (``directory.change_any_coachprofile``) and superusers act on every profile
  and every contact request, as their model permissions allow;
- everyone else, i.e. a coach, acts only on the profile linked to their account, and on
  the contact requests sent to that profile; a coach may create a profile only while they
  have none;
- contact requests are a record of what someone sent: nobody adds or edits one in the admin.

Wagtail's generic views check model-level permissions; the viewsets in ``wagtail_hooks``
ask :meth:`OwnedObjectPolicy.can_access` before any view that names one object, so a coach
cannot open another coach's edit, history, preview or workflow views either.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import CoachProfile, ContactRequest

MANAGE_PROFILES = "directory.change_any_coachprofile"


def manages_every_profile(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MANAGE_PROFILES))


class OwnedObjectPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed for non-managers to the objects they own.

    ``owner_lookup`` is the path from the model to the owning user's id
    (``"user"`` for a profile, ``"coach__user"`` for a contact request).
    """

    def __init__(self, model, *, owner_lookup: str, never: tuple[str, ...] = ()):
        super().__init__(model)
        self.owner_lookup = owner_lookup
        self.never = set(never)

    def restrict(self, queryset, user):
        """``queryset`` narrowed to what ``user`` may see: all of it for a manager."""
        if manages_every_profile(user):
            return queryset
        return queryset.filter(**{self.owner_lookup: user.pk})

    def user_has_permission(self, user, action):
        if action in self.never:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if instance.pk is None:
            return True  # being created, by this user
        return self.can_access(user, instance.pk)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return self.restrict(queryset, user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        owner_id = (
            self.model._default_manager.filter(pk=instance.pk)
            .values_list(self.owner_lookup, flat=True)
            .first()
        )
        managers = get_user_model().objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="change_any_coachprofile")
            | Q(groups__permissions__codename="change_any_coachprofile")
        )
        return users.filter(Q(pk__in=managers.values("pk")) | Q(pk=owner_id)).distinct()

    def can_access(self, user, pk) -> bool:
        """May ``user`` open any view of object ``pk``? (Not whether the view's action is
        allowed: the view itself checks that.)"""
        if manages_every_profile(user):
            return True
        return self.restrict(self.model._default_manager.filter(pk=pk), user).exists()


class CoachProfilePolicy(OwnedObjectPolicy):
    def __init__(self, model):
        super().__init__(model, owner_lookup="user")

    def user_has_permission(self, user, action):
        allowed = super().user_has_permission(user, action)
        if allowed and action == "add" and not manages_every_profile(user):
            # One profile per coach: the "add" button goes once they have theirs.
            return not self.model._default_manager.filter(user=user.pk).exists()
        return allowed


class ContactRequestPolicy(OwnedObjectPolicy):
    def __init__(self, model):
        super().__init__(model, owner_lookup="coach__user", never=("add", "change"))


def register_policies():
    """Called from ``DirectoryConfig.ready()``, before any admin view asks for a policy."""
    register_permission_policy(CoachProfile, CoachProfilePolicy(CoachProfile))
    register_permission_policy(ContactRequest, ContactRequestPolicy(ContactRequest))

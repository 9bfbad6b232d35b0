"""An owner who leaves: their pages (and coach profile) pass to the team as soon as the
account is deactivated or taken out of the partner's editors group (the daily job catches
any change made without signals, such as a bulk update)."""

from .ownership import pass_items_of


def owner_saved(sender, instance, created=False, **kwargs):
    if not created and not instance.is_active:
        pass_items_of(instance)


def groups_changed(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in ("post_remove", "post_clear"):
        return
    if not reverse:  # user.groups.remove(group)
        pass_items_of(instance)
        return
    # group.user_set.remove(user, ...): the users removed are pk_set (all for a clear).
    users = model.objects.filter(pk__in=pk_set) if pk_set else model.objects.none()
    for user in users:
        pass_items_of(user)

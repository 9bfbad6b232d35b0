"""Organisers' attendee lists in the admin: each booking of their own events (partner
editors: events their organisation organises; hub editors: all), exported as CSV or XLSX
(Wagtail's ``list_export``, formula-safe through ``hub.spreadsheets``), and attendance
recorded by editing a booking (the only field anyone can change). Nobody adds or deletes a
booking here: people book, cancel and are erased through the public pages and the
retention rules."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Booking, EventFeedback

EVERY_EVENT = "bookings.view_every_booking"


def sees_every_event(user) -> bool:
    """Hub editors (and superusers) see every event's bookings."""
    return bool(user.is_active and user.has_perm(EVERY_EVENT))


def visible_bookings(user, queryset=None):
    """The bookings (or feedback: anything with an ``event``) ``user`` may see: of events
    their organisation organises, or all."""
    queryset = Booking.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    if sees_every_event(user):
        return queryset
    return queryset.filter(Q(event__organiser__editors_group__in=user.groups.all())).distinct()


class BookingPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and visible_bookings(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Booking.objects.none()
        return visible_bookings(user)


class BookingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_bookings(self.request.user, super().get_base_queryset()).select_related(
            "event"
        )


class BookingEditView(generic.EditView):
    def get_object(self, queryset=None):
        booking = super().get_object(queryset)
        if not visible_bookings(self.request.user).filter(pk=booking.pk).exists():
            raise Http404
        return booking


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "calendar-check"
    menu_label = _("Event bookings")
    add_to_admin_menu = True
    menu_order = 350
    form_fields = ["attended"]
    list_display = ["name", "event", "status", "attended", "created_at"]
    list_filter = ["status", "attended"]
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "status",
        "access_needs",
        "dietary_needs",
        "attended",
        "created_at",
    ]
    export_filename = "attendees"
    search_fields = ["name", "email", "organisation"]
    ordering = ["event", "created_at"]
    inspect_view_enabled = False
    copy_view_enabled = False

    index_view_class = BookingIndexView
    edit_view_class = BookingEditView


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Whoever may see an event's bookings sees its feedback; nobody edits it."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return user.is_active and user.has_perm("bookings.view_booking")

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and visible_bookings(user, EventFeedback.objects.all()).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return EventFeedback.objects.none()
        return visible_bookings(user, EventFeedback.objects.all())


class FeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_bookings(self.request.user, super().get_base_queryset()).select_related(
            "event", "booking"
        )


class FeedbackViewSet(ModelViewSet):
    model = EventFeedback
    icon = "comment"
    menu_label = _("Event feedback")
    add_to_admin_menu = True
    menu_order = 351
    form_fields = ["overall", "useful", "comments"]
    list_display = ["event", "overall", "useful", "comments", "created_at"]
    list_filter = ["overall", "useful"]
    list_export = ["event", "overall", "useful", "comments", "created_at"]
    export_filename = "event-feedback"
    ordering = ["-created_at"]
    index_view_class = FeedbackIndexView
    inspect_view_enabled = True
    copy_view_enabled = False

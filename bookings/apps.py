from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Event bookings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (retention.py imports the models).
        from wagtail.permissions import register_permission_policy

        from hub import page_cache

        from .admin import BookingPermissionPolicy, FeedbackPermissionPolicy
        from .models import Booking, EventFeedback
        from .retention import register_personal_data

        register_permission_policy(Booking, BookingPermissionPolicy(Booking))
        register_permission_policy(EventFeedback, FeedbackPermissionPolicy(EventFeedback))

        # Event pages show the places left (EventPlaces); bookings and feedback are private.
        page_cache.watch_app(self, ignore=("Booking", "EventFeedback"))
        register_personal_data()

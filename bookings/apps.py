from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Event bookings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Only once every model is loaded (retention.py imports the models).
        from wagtail.permissions import register_permission_policy

        from hub import page_cache

        from .admin import BookingPermissionPolicy
        from .models import Booking
        from .retention import register_personal_data

        register_permission_policy(Booking, BookingPermissionPolicy(Booking))

        # Event pages show the places left (EventPlaces); the bookings are private.
        page_cache.watch_app(self, ignore=("Booking",))
        register_personal_data()

from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("<int:event_id>/book/", views.book_view, name="book"),
    path("<int:event_id>/book/done/", views.booked_view, name="booked"),
    path("bookings/<str:token>/", views.manage_view, name="manage"),
    path("bookings/<str:token>/feedback/", views.feedback_view, name="feedback"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("calendar/<int:organisation_id>.ics", views.calendar_feed, name="organiser_calendar"),
]

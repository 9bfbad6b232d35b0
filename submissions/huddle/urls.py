"""URLs of the huddle inbox, included by ``submissions.wagtail_hooks`` under ``huddle:``."""

from .views import benefits, dashboard, idea, inbox, meetings

app_name = "huddle"

urlpatterns = [
    *inbox.urlpatterns,
    *idea.urlpatterns,
    *meetings.urlpatterns,
    *dashboard.urlpatterns,
    *benefits.urlpatterns,
]

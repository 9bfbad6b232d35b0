from django.urls import path

from . import views
from .steps import STEPS

app_name = "submissions"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("save/", views.save_for_later, name="save"),
    path("continue/<str:token>/", views.continue_draft, name="continue"),
    path("files/remove/", views.remove_attachment, name="remove_attachment"),
    path("status/<str:token>/", views.status_page, name="status"),
    path("status/<str:token>/reply/", views.reply, name="reply"),
    path("status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("status/<str:token>/project/", views.project_consent, name="project_consent"),
    # One URL per step, named after it: /submit-an-idea/about-you/ is "submissions:about-you".
    *[
        path(f"{step.slug}/", views.step_view, {"slug": step.slug}, name=step.slug)
        for step in STEPS
    ],
]

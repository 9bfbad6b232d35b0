from django.urls import path

from . import views
from .steps import STEPS

app_name = "sharing"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("save/", views.save_for_later, name="save"),
    path("continue/<str:token>/", views.continue_draft, name="continue"),
    path("files/remove/", views.remove_attachment, name="remove_attachment"),
    # One URL per step, named after it: /share-your-work/about-you/ is "sharing:about-you".
    *[
        path(f"{step.slug}/", views.step_view, {"slug": step.slug}, name=step.slug)
        for step in STEPS
    ],
]

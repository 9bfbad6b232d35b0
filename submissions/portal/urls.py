from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    *views.idea_form.urls(),
    path("status/<str:token>/", views.status_page, name="status"),
    path("status/<str:token>/reply/", views.reply, name="reply"),
    path("status/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("status/<str:token>/project/", views.project_consent, name="project_consent"),
]

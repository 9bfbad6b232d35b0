from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:slug>/", views.profile, name="profile"),
    path("<str:slug>/contact/", views.contact, name="contact"),
    path("<str:slug>/contact/sent/", views.contact_sent, name="contact_sent"),
]

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.csv", views.download_csv, name="csv"),
    path("<slug:slug>.json", views.download_json, name="json"),
]

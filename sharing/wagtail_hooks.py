from django.urls import include, path

from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_sharing_admin_urls():
    return [path("shared-work/", include((admin_views.urlpatterns, "sharing_admin")))]

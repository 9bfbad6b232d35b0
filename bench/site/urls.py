"""The hub's addresses plus ``/__bench__/bare/``: the floor a page is measured against (the
same middleware, no template, no database)."""

from django.http import HttpResponse
from django.urls import path

from hub.urls import urlpatterns as hub_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare/", bare), *hub_urlpatterns]

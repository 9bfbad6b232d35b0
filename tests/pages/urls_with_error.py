"""The real URLs plus one view that fails, to see the 500 page a visitor would."""

from django.urls import path

from hub.urls import handler404, handler500
from hub.urls import urlpatterns as hub_urlpatterns


def boom(request):
    return 1 / 0


urlpatterns = [path("boom/", boom), *hub_urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]

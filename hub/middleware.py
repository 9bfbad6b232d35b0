from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class HubLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except on machine and admin paths.

    On a 404 the stock middleware redirects an unprefixed URL to its language-prefixed
    twin; an API client or a health probe must get the real status instead.
    """

    exempt_prefixes = ("/api/", "/health/", "/admin/", "/django-admin/", "/static/", "/media/")

    def _exempt(self, request):
        return request.path_info.startswith(self.exempt_prefixes)

    def process_request(self, request):
        if self._exempt(request):
            from django.utils import translation

            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if self._exempt(request):
            return response
        return super().process_response(request, response)


class APIBodyLimitMiddleware:
    """Refuse an API request whose body is larger than ``API_MAX_BODY_BYTES`` with a 413
    problem document, before anything reads or parses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.API_MAX_BODY_BYTES
            if length > limit:
                from hub.api import problem_response

                return problem_response(
                    status=413, detail=f"The request body must be {limit} bytes or fewer."
                )
        return self.get_response(request)

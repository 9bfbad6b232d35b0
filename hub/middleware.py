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

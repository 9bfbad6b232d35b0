import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail_localize.views import submit_translations, update_translations

from hub import access

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request):
    """Liveness and database check for load balancers and uptime monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if request.path_info.startswith("/api/"):
        # API clients get the API's error shape, never an HTML page.
        from hub.api import problem_response

        return problem_response(status=500, detail="Something went wrong on our side.")
    # Rendered without the request or context processors: the database may be why we are here.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


# wagtail-localize's "Translate" and "Sync translated pages" views, limited to what the editor
# may edit (hub/access.py): served in place of wagtail-localize's own at the same addresses.
class _TranslateOwnSectionOnly:
    def source_of(self, obj):
        return obj

    def get_object(self):
        obj = super().get_object()
        self.source = self.source_of(obj)
        if not access.can_translate(self.request.user, self.source):
            raise PermissionDenied
        return obj


class SubmitPageTranslationView(
    _TranslateOwnSectionOnly, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    _TranslateOwnSectionOnly, submit_translations.SubmitSnippetTranslationView
):
    pass


class UpdateTranslationsView(_TranslateOwnSectionOnly, update_translations.UpdateTranslationsView):
    """Sync from the source; "publish immediately" only for those who may publish, so a
    partner editor's sync waits for a hub editor like everything else they change."""

    def source_of(self, obj):
        return obj.get_source_instance()

    def get_form(self):
        form = super().get_form()
        if not access.can_publish_translation(self.request.user, self.source):
            field = form.fields["publish_translations"]
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form

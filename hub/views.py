import logging

from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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

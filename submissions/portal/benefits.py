"""/benefits/: the open summary of benefits across the system, for anyone.

Counts and amounts by kind of benefit (``submissions.benefits.summary``): no idea, person or
organisation is named. A cached public page (no form, no cookie): the page cache watches
``Benefit``, so a recorded benefit shows at the next request.
"""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from submissions.benefits import summary

app_name = "benefits"


@require_safe
def benefits_summary(request):
    kinds = summary()
    return render(
        request,
        "submissions/benefits_summary.html",
        {
            "kinds": kinds,
            "ideas": sum(kind.ideas for kind in kinds),
            "total": sum(kind.benefits for kind in kinds),
        },
    )


urlpatterns = [path("", benefits_summary, name="summary")]

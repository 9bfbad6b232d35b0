from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub import api as hub_api
from hub import two_factor, views

urlpatterns = [
    path("api/v3/", hub_api.urls()),
    re_path(r"^api/", hub_api.not_found),
    # wagtail-localize's translate and sync views, limited to the editor's own section: these
    # take the addresses of wagtail-localize's own views, so its links and buttons lead here.
    path(
        "admin/localize/submit/page/<int:page_id>/",
        require_admin_access(views.SubmitPageTranslationView.as_view()),
        name="translate_page",
    ),
    path(
        "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        require_admin_access(views.SubmitSnippetTranslationView.as_view()),
        name="translate_snippet",
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(views.UpdateTranslationsView.as_view()),
        name="sync_translations",
    ),
    *two_factor.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", views.health, name="health"),
    path("csp-report/", views.csp_report, name="csp_report"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += [
        path("__errors__/404/", views.page_not_found),
        path("__errors__/500/", views.server_error),
    ]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("submit-an-idea/", include("submissions.portal.urls")),
    path("coaches/", include("directory.urls")),
    path("feedback/", include("feedback.urls")),
    path("benefits/", include("submissions.portal.benefits")),
    path("events/", include("bookings.urls")),
    path("share-your-work/", include("sharing.urls")),
    path("open-data/", include("opendata.urls")),
    path("follow/", include("following.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"

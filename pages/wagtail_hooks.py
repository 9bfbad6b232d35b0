from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from . import measure_import_views
from .models import Adoption


class AdoptionViewSet(ModelViewSet):
    """The spread register: hub editors approve teams' adoptions before they are shown."""

    model = Adoption
    icon = "group"
    menu_label = _("Spread register")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "case_study",
        "display_organisation",
        "place",
        "team",
        "stage",
        "status",
        "created_at",
    ]
    list_filter = ["status", "stage", "place__kind"]
    list_export = [
        "case_study",
        "display_organisation",
        "place",
        "team",
        "stage",
        "status",
        "created_at",
        "reviewed_at",
    ]
    search_fields = ["team", "organisation_name", "organisation__name", "case_study__title"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("case_study", read_only=True),
                FieldRowPanel(["organisation", "organisation_name"]),
                FieldPanel("place"),
                FieldRowPanel(["team", "stage"]),
                FieldPanel("notes"),
            ],
            heading=_("What they told us"),
        ),
        MultiFieldPanel(
            [FieldRowPanel(["contact_name", "contact_email"])],
            heading=_("Contact (private: never published)"),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_adoption_viewset():
    return AdoptionViewSet("spread_register")


@hooks.register("register_admin_urls")
def register_measure_import_urls():
    return measure_import_views.urlpatterns

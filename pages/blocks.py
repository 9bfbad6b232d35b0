"""StreamField blocks: the one home for blocks shared by every page type.

NHS.UK blocks come from wagtail-nhsuk-frontend; here they get editor previews, and each page
type's body is a named StreamBlock built from the shared set.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtailnhsukfrontend import blocks as nhsuk

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading.html"
        preview_value = {"heading": "What we learned", "level": "h2"}
        description = _("A section heading, used to build the page's outline.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/streamfield/blocks/paragraph.html"
        preview_value = (
            "<p>Teams across three partner organisations tested a shared falls huddle "
            "over six PDSA cycles.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/figure.html"
        description = _("An image with alt text and an optional caption.")


class InsetTextBlock(nhsuk.InsetTextBlock):
    class Meta:
        preview_value = {"body": "<p>Ideas can come from anyone: staff, carers or patients.</p>"}


class WarningCalloutBlock(nhsuk.WarningCalloutBlock):
    class Meta:
        preview_value = {
            "title": "Important",
            "heading_level": 3,
            "body": "<p>Do not include patient identifiable information.</p>",
        }


class DetailsBlock(nhsuk.DetailsBlock):
    class Meta:
        preview_value = {
            "title": "What is a PDSA cycle?",
            "body": [
                {
                    "type": "richtext",
                    "value": "<p>Plan, Do, Study, Act: a small, fast test of a change.</p>",
                }
            ],
        }


class DoListBlock(nhsuk.DoBlock):
    class Meta:
        preview_value = {
            "label": "Do",
            "heading_level": 3,
            "do": ["start with one ward or team", "measure over time, not before and after"],
        }


class DontListBlock(nhsuk.DontBlock):
    class Meta:
        preview_value = {
            "label": "Don't",
            "heading_level": 3,
            "dont": ["change everything at once"],
        }


class ActionLinkBlock(nhsuk.ActionLinkBlock):
    class Meta:
        preview_value = {"text": "Submit an improvement idea", "external_url": "/submit-an-idea/"}


class CardBlock(blocks.StructBlock):
    """A clickable card pointing at another page or address."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=300)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/blocks/card.html"
        preview_value = {
            "heading": "Falls prevention toolkit",
            "text": "Templates and guides from three wards that halved their falls.",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value


class TableBlock(nhsuk.TableBlock):
    class Meta:
        preview_value = {
            "caption": "Falls per 1,000 bed days",
            "head": [{"text": "Month"}, {"text": "Falls", "format": "numeric"}],
            "rows": [
                {"cells": [{"text": "April"}, {"text": "6.1", "format": "numeric"}]},
                {"cells": [{"text": "May"}, {"text": "4.8", "format": "numeric"}]},
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The shared set of body blocks, for rich editorial pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    inset_text = InsetTextBlock()
    warning_callout = WarningCalloutBlock()
    details = DetailsBlock()
    do_list = DoListBlock()
    dont_list = DontListBlock()
    action_link = ActionLinkBlock()
    card = CardBlock()
    table = TableBlock()


class StandardPageBodyBlock(BaseStreamBlock):
    pass


class PartnerPageBodyBlock(BaseStreamBlock):
    pass


class CaseStudyBodyBlock(BaseStreamBlock):
    pass


class ResourceBodyBlock(BaseStreamBlock):
    pass


class EventBodyBlock(BaseStreamBlock):
    pass


class PDSACycleBlock(blocks.StructBlock):
    """One Plan-Do-Study-Act cycle: a small test of a change."""

    title = blocks.CharBlock(
        label=_("Change tested"), max_length=150, help_text=_("e.g. “Safety huddle at 8am”.")
    )
    start_date = blocks.DateBlock(label=_("Started"), required=False)
    end_date = blocks.DateBlock(label=_("Finished"), required=False)
    plan = blocks.TextBlock(label=_("Plan"), help_text=_("What we planned and predicted."))
    do = blocks.TextBlock(label=_("Do"), required=False, help_text=_("What happened."))
    study = blocks.TextBlock(
        label=_("Study"),
        required=False,
        help_text=_("What the data showed against the prediction."),
    )
    act = blocks.TextBlock(
        label=_("Act"), required=False, help_text=_("Adopt, adapt or abandon, and what next.")
    )

    class Meta:
        icon = "repeat"
        template = "components/streamfield/blocks/pdsa_cycle.html"
        label = _("PDSA cycle")
        preview_value = {
            "title": "Safety huddle at 8am on Ward 7",
            "start_date": "2025-03-03",
            "end_date": "2025-03-28",
            "plan": "Predict that a five-minute huddle flags every patient at high risk of falls.",
            "do": "Ran on 18 of 20 weekdays; night staff joined by phone.",
            "study": "High-risk patients were flagged 94% of the time, up from 60%.",
            "act": "Adopt on Ward 7; adapt for the stroke unit.",
        }

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_date"), value.get("end_date")
        if start and end and end < start:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end_date": ValidationError(_("A cycle cannot finish before it starts."))
                }
            )
        return value


class PDSACyclesBlock(blocks.StreamBlock):
    cycle = PDSACycleBlock()


class CallsToActionBlock(blocks.StreamBlock):
    action_link = ActionLinkBlock()

    class Meta:
        max_num = 4


class ChangeIdeaBlock(blocks.StructBlock):
    """One change in a collaborative's change package, under the driver it acts on."""

    driver = blocks.CharBlock(
        label=_("Driver"),
        max_length=150,
        required=False,
        help_text=_("The primary driver this change acts on, e.g. “Reliable risk assessment”."),
    )
    title = blocks.CharBlock(label=_("Change idea"), max_length=150)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=1000)

    class Meta:
        icon = "list-ul"
        template = "components/streamfield/blocks/change_idea.html"
        label = _("Change idea")
        preview_value = {
            "driver": "Reliable risk assessment",
            "title": "Falls risk assessment within 6 hours of admission",
            "description": "A checklist in the admission bundle, checked at the safety huddle.",
        }


class ChangePackageBlock(blocks.StreamBlock):
    change = ChangeIdeaBlock()


class FacultyMemberBlock(blocks.StructBlock):
    """A member of a collaborative's faculty: people who agreed to be named in public."""

    name = blocks.CharBlock(label=_("Name"), max_length=150)
    role = blocks.CharBlock(label=_("Role"), max_length=150, required=False)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=150, required=False)

    class Meta:
        icon = "user"
        template = "components/streamfield/blocks/faculty_member.html"
        label = _("Faculty member")
        preview_value = {
            "name": "Dr Amina Shah",
            "role": "Consultant geriatrician, clinical lead",
            "organisation": "Wealdshire Hospitals NHS Trust",
        }


class FacultyBlock(blocks.StreamBlock):
    member = FacultyMemberBlock()

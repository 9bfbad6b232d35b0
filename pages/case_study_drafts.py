"""A new, unpublished case study in a section: the one way code (not an editor) starts one.

The huddle drafts a case study from a completed idea (``submissions.huddle.case_study``);
"Share your work" (``sharing``) drafts one from what a member of staff sent. Both build the
page in memory, then call :func:`add_draft`, which puts it under a partner section or the
case study listing with a slug no sibling has, and saves its first revision. Editors finish
it and submit it through the usual review workflow.
"""

from django.utils.text import slugify

from wagtail.models import Page

from .models import CaseStudyIndexPage, CaseStudyPage, PartnerPage


class NotACaseStudySection(Exception):  # noqa: N818
    """The parent is neither a partner section nor the case study listing."""


def unique_slug(parent: Page, title: str) -> str:
    base = slugify(title)[:70] or "case-study"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def section_for(organisation) -> Page | None:
    """Where a case study by ``organisation`` goes: its partner section in the default
    language, else the hub-wide case study listing (None when the site has neither)."""
    partner = (
        PartnerPage.objects.filter(organisation=organisation, locale__language_code="en")
        .order_by("path")
        .first()
        if organisation is not None
        else None
    )
    return partner or (
        CaseStudyIndexPage.objects.filter(locale__language_code="en").order_by("path").first()
    )


def add_draft(page: CaseStudyPage, *, parent: Page, user=None) -> CaseStudyPage:
    """Add the unsaved ``page`` under ``parent`` as a draft (not live) and save its first
    revision (logged, by ``user``: None for a member of the public). Parental relations set
    on the page in memory are written with it. Call inside a transaction."""
    parent = parent.specific
    if not isinstance(parent, PartnerPage | CaseStudyIndexPage):
        raise NotACaseStudySection(parent)
    page.slug = unique_slug(parent, page.title)
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page

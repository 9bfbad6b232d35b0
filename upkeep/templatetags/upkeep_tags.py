from django import template
from django.utils import timezone

from wagtail.models import Page

from hub import page_cache
from hub.models import default_locale

from ..models import PageUpkeep, ProfileUpkeep, UpkeepSettings

register = template.Library()


@register.inclusion_tag("upkeep/review_note.html")
def review_note(item):
    """The "Page last reviewed" line under a public page ("Profile last reviewed" under a
    coach profile): the last confirmed review or publication, whichever is later, and, when
    hub editors have asked for it, a note that it is overdue for review. The source page's
    record serves its translations."""
    is_page = isinstance(item, Page)
    upkeep = _page_record(item) if is_page else _profile_record(item)
    reviewed = upkeep.reviewed_on if upkeep else None
    if reviewed is None and item.last_published_at:
        reviewed = timezone.localdate(item.last_published_at)
    overdue = bool(
        upkeep
        and upkeep.is_overdue()
        and page_cache.remember(("upkeep-settings",), UpkeepSettings.load).flag_overdue_to_readers
    )
    return {"reviewed": reviewed, "overdue": overdue, "is_profile": not is_page}


def _page_record(page):
    upkeep = PageUpkeep.objects.select_related("page")
    if page.locale_id == default_locale().pk:
        return upkeep.filter(page_id=page.pk).first()
    # One query: the source page's record through its translation key.
    return upkeep.filter(
        page__translation_key=page.translation_key, page__locale_id=default_locale().pk
    ).first()


def _profile_record(profile):
    if not profile.pk:  # an unsaved profile in the admin's preview
        return None
    return ProfileUpkeep.objects.select_related("profile").filter(profile_id=profile.pk).first()

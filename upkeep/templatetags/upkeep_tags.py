from django import template
from django.utils import timezone

from hub import page_cache
from hub.models import default_locale

from ..models import PageUpkeep, UpkeepSettings

register = template.Library()


@register.inclusion_tag("upkeep/review_note.html")
def review_note(page):
    """The "Page last reviewed" line under a public page: the last confirmed review or
    publication, whichever is later, and, when hub editors have asked for it, a note that
    the page is overdue for review. The source page's record serves its translations."""
    upkeep = PageUpkeep.objects.select_related("page")
    if page.locale_id == default_locale().pk:
        upkeep = upkeep.filter(page_id=page.pk).first()
    else:  # one query: the source page's record through its translation key
        upkeep = upkeep.filter(
            page__translation_key=page.translation_key, page__locale_id=default_locale().pk
        ).first()
    reviewed = upkeep.reviewed_on if upkeep else None
    if reviewed is None and page.last_published_at:
        reviewed = timezone.localdate(page.last_published_at)
    overdue = bool(
        upkeep
        and upkeep.is_overdue()
        and page_cache.remember(("upkeep-settings",), UpkeepSettings.load).flag_overdue_to_readers
    )
    return {"reviewed": reviewed, "overdue": overdue}

from django import template
from django.utils import timezone

from ..models import PageUpkeep, UpkeepSettings

register = template.Library()


@register.inclusion_tag("upkeep/review_note.html")
def review_note(page):
    """The "Page last reviewed" line under a public page: the last confirmed review or
    publication, whichever is later, and, when hub editors have asked for it, a note that
    the page is overdue for review. The source page's record serves its translations."""
    source = page.get_translation_or_none(page.locale.get_default()) or page
    upkeep = PageUpkeep.objects.filter(page_id=source.pk).select_related("page").first()
    reviewed = upkeep.reviewed_on if upkeep else None
    if reviewed is None and page.last_published_at:
        reviewed = timezone.localdate(page.last_published_at)
    overdue = bool(upkeep and upkeep.is_overdue() and UpkeepSettings.load().flag_overdue_to_readers)
    return {"reviewed": reviewed, "overdue": overdue}

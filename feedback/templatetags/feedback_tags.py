from django import template

from hub.models import is_private

register = template.Library()


@register.inclusion_tag("feedback/page_feedback.html")
def page_feedback(page=None):
    """ "Was this page useful?" for a live page anyone may read (outside private sections),
    or for the search page when no page is given."""
    if page is None:
        return {"shown": True, "feedback_page_id": None}
    shown = bool(page.pk and page.live and not is_private(page))
    return {"shown": shown, "feedback_page_id": page.pk}

from django import template

register = template.Library()


@register.inclusion_tag("feedback/page_feedback.html")
def page_feedback(page=None):
    """ "Was this page useful?" for a live page anyone may read (one query: its view
    restrictions), or for the search page when no page is given."""
    if page is None:
        return {"shown": True, "feedback_page_id": None}
    shown = bool(page.pk and page.live and not page.get_view_restrictions())
    return {"shown": shown, "feedback_page_id": page.pk}

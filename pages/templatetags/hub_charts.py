from django import template

from ..chart_cache import measure_chart

register = template.Library()


@register.simple_tag
def spc_chart(measure):
    """The measure's SPC (or run) chart, its findings and its data, as accessible HTML,
    drawn once per version of the measure (``pages.chart_cache``)."""
    return measure_chart(measure)

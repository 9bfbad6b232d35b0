from django import template

from ..chart_cache import measure_chart

register = template.Library()


@register.simple_tag
def spc_chart(measure, scale=None, id_prefix=""):
    """The measure's SPC (or run) chart, its findings and its data, as accessible HTML,
    drawn once per version of the measure (``pages.chart_cache``); ``scale`` puts it on the
    same axes as the charts beside it (``pages.charts.shared_scale``)."""
    return measure_chart(measure, scale=scale, id_prefix=id_prefix)

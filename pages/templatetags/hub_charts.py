from django import template

from ..charts import render_spc_chart

register = template.Library()


@register.simple_tag
def spc_chart(measure):
    """The measure's SPC (or run) chart, its findings and its data, as accessible HTML."""
    return render_spc_chart(
        measure.spc, title=measure.name, unit=measure.unit, id_prefix=f"measure-{measure.pk}"
    )

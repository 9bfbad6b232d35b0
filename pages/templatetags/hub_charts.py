from django import template

register = template.Library()


@register.simple_tag
def spc_chart(measure):
    """The measure's SPC (or run) chart, its findings and its data, as accessible HTML."""
    from ..charts import render_spc_chart

    return render_spc_chart(
        measure.spc, title=measure.name, unit=measure.unit, id_prefix=f"measure-{measure.pk}"
    )

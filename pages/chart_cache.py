"""SPC charts, rendered once and kept: a chart is a pure function of its measure's data and
the language, so it is stored under a digest of exactly those (and of the code that draws
it). A measure edited and published, or new weeks on the huddle's dashboard, make a new
digest, so a stored chart is never out of date and needs no invalidation; old ones expire.
"""

import hashlib
import logging
from pathlib import Path

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .charts import ChartScale, render_spc_chart
from .spc import compute_spc

logger = logging.getLogger(__name__)

KEPT_SECONDS = 24 * 60 * 60

_HERE = Path(__file__).resolve().parent
# A new release that draws charts differently must not serve the old drawings.
CODE_VERSION = hashlib.sha256(
    b"".join(
        path.read_bytes()
        for path in sorted(
            [
                _HERE / "charts.py",
                _HERE / "spc.py",
                *(_HERE / "templates" / "pages" / "includes").glob("*chart*"),
            ]
        )
        if path.exists()
    )
).hexdigest()[:16]


def cached(key_parts: tuple, render) -> SafeString:
    """``render()``'s HTML, kept under a digest of ``key_parts`` (plain values only: their
    ``repr`` must be the same in every process) and the active language."""
    digest = hashlib.sha256(repr((CODE_VERSION, get_language(), key_parts)).encode()).hexdigest()
    key = f"hub:chart:{digest}"
    try:
        html = cache.get(key)
    except Exception:
        logger.exception("Chart cache unavailable")
        html = None
    if html is None:
        html = str(render())
        try:
            cache.set(key, html, KEPT_SECONDS)
        except Exception:  # a cache that is down costs the drawing, never the chart
            logger.exception("Chart cache unavailable")
    return mark_safe(html)  # noqa: S308 - render_spc_chart's own safe output


def measure_chart(measure, *, scale: ChartScale | None = None, id_prefix="") -> SafeString:
    """A measure's chart (``CaseStudyMeasure``, ``CollaborativeTeamMeasure``: anything with
    these fields and an ``spc`` result), on its own axes or on a shared ``scale``."""
    id_prefix = id_prefix or f"measure-{measure.pk}"
    fields = (
        measure.pk,
        measure.name,
        measure.unit,
        measure.improvement_direction,
        measure.target,
        measure.data,
        measure.change_points,
        measure.annotations,
    )
    return cached(
        ("measure", type(measure).__name__, fields, id_prefix, scale),
        lambda: render_spc_chart(
            measure.spc, title=measure.name, unit=measure.unit, id_prefix=id_prefix, scale=scale
        ),
    )


def series_chart(values, *, direction, unit, title, id_prefix, floor=None) -> SafeString:
    """A chart of plain ``(date, value)`` pairs (the huddle's dashboard, by period)."""
    values = list(values)
    key_values = tuple((str(when), float(value)) for when, value in values)
    return cached(
        ("series", key_values, str(direction), str(unit), str(title), id_prefix, floor),
        lambda: render_spc_chart(
            compute_spc(values, direction=direction, unit=unit, floor=floor),
            title=title,
            unit=unit,
            id_prefix=id_prefix,
        ),
    )

"""Charts are drawn once per version of their data (pages/chart_cache.py): the same measure
is not drawn again, a measure edited is, and so is each language."""

import datetime

from django.core.cache import cache
from django.utils import translation

import pytest

from demo.factories.pages import (
    CaseStudyIndexPageFactory,
    CaseStudyMeasureFactory,
    CaseStudyPageFactory,
)
from pages import chart_cache
from pages.spc import Direction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def drawings(monkeypatch):
    drawn = []
    real = chart_cache.render_spc_chart

    def counting(result, **kwargs):
        drawn.append(kwargs["id_prefix"])
        return real(result, **kwargs)

    monkeypatch.setattr(chart_cache, "render_spc_chart", counting)
    return drawn


@pytest.fixture
def measure(home_page):
    page = CaseStudyPageFactory(parent=CaseStudyIndexPageFactory(parent=home_page))
    data = "\n".join(f"2025-{month:02d}-01, {5 + month % 3}" for month in range(1, 13))
    return CaseStudyMeasureFactory(page=page, data=data)


def test_the_same_measure_is_drawn_once(measure, drawings):
    first = chart_cache.measure_chart(measure)
    again = chart_cache.measure_chart(measure)
    assert again == first
    assert drawings == [f"measure-{measure.pk}"]


def test_an_edited_measure_is_drawn_again(measure, drawings):
    before = chart_cache.measure_chart(measure)
    measure.data += "\n2026-01-01, 2"
    measure.save()
    # A new request reads the measure afresh.
    after = chart_cache.measure_chart(type(measure).objects.get(pk=measure.pk))
    assert len(drawings) == 2
    assert after != before


def test_each_language_has_its_own_drawing(measure, drawings):
    english = chart_cache.measure_chart(measure)
    with translation.override("pl"):
        polish = chart_cache.measure_chart(measure)
    assert len(drawings) == 2
    assert polish != english


def test_the_dashboards_charts_are_kept_per_period(drawings):
    weeks = [(datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n), n % 4) for n in range(20)]
    kwargs = {"direction": Direction.NEITHER, "unit": "ideas", "title": "Ideas", "floor": 0}
    chart_cache.series_chart(weeks, id_prefix="chart-received", **kwargs)
    chart_cache.series_chart(list(weeks), id_prefix="chart-received", **kwargs)
    assert drawings == ["chart-received"]
    chart_cache.series_chart(
        [*weeks, (datetime.date(2026, 6, 1), 3)], id_prefix="chart-received", **kwargs
    )
    assert len(drawings) == 2


def test_a_cache_that_is_down_still_gives_the_chart(measure, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(chart_cache.cache, "get", down)
    monkeypatch.setattr(chart_cache.cache, "set", down)
    assert "<svg" in chart_cache.measure_chart(measure)

"""Dates in each language: a month after a day number in the genitive (Polish), everywhere a
template or the code writes "j F Y"."""

import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from hub.dates import date_format, localize_format

DAY = datetime.date(2026, 12, 4)


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "4 December 2026"), ("pl", "4 grudnia 2026"), ("ur", "4 دسمبر 2026")],
)
def test_every_template_date_filter_gives_the_right_case(language, expected):
    with translation.override(language):
        assert render('{{ day|date:"j F Y" }}', day=DAY) == expected


def test_a_month_on_its_own_stays_in_the_nominative():
    with translation.override("pl"):
        assert render('{{ day|date:"F Y" }}', day=DAY) == "grudzień 2026"
        assert localize_format("F Y") == "F Y"


def test_weekday_days_and_times_keep_their_formats():
    moment = datetime.datetime(2026, 5, 1, 9, 30)  # noqa: DTZ001
    with translation.override("pl"):
        text = render('{{ moment|date:"l j F Y, H:i" }}', moment=moment)
        assert text.endswith("1 maja 2026, 09:30"), text
        assert localize_format(r"\d F") == r"\d F"  # an escaped d is a letter, not a day
        assert localize_format("d F") == "d E"
    with translation.override("en"):
        assert localize_format("j F Y") == "j F Y"


def test_dates_made_in_code_follow_the_same_rule():
    with translation.override("pl"):
        assert date_format(DAY, "j F Y") == "4 grudnia 2026"
    with translation.override("en"):
        assert date_format(DAY, "j F Y") == "4 December 2026"

import datetime

from django.core.exceptions import ValidationError

import pytest

from pages.measures import parse_annotations, parse_dates, parse_series

D = datetime.date


def test_pasted_spreadsheet_columns_with_a_header():
    text = "Month\tFalls\n2025-01-01\t6.1\n01/02/2025\t5.9\n2025-03\t6.4\n\n"
    assert parse_series(text) == [(D(2025, 1, 1), 6.1), (D(2025, 2, 1), 5.9), (D(2025, 3, 1), 6.4)]


def test_values_are_sorted_and_negatives_and_percent_signs_accepted():
    text = "2025-03-01, 4\n2025-01-01, −2.5\nMar 2024; 12%"
    assert parse_series(text) == [
        (D(2024, 3, 1), 12.0),
        (D(2025, 1, 1), -2.5),
        (D(2025, 3, 1), 4.0),
    ]


def test_every_bad_line_is_reported_with_its_number():
    text = (
        "2025-01-01, 6\n31/02/2025, 5\n2025-03-01, lots\n2025-04-01\n2025-01-01, 7\n2025-05-01, inf"
    )
    with pytest.raises(ValidationError) as raised:
        parse_series(text)
    messages = raised.value.messages
    assert any(m.startswith("Line 2: “31/02/2025” is not a date") for m in messages)
    assert "Line 3: “lots” is not a number." in messages
    assert any(m.startswith("Line 4: expected a date and a value") for m in messages)
    assert "Line 5: 2025-01-01 appears twice; give one value per date." in messages
    assert "Line 6: “inf” is not a number." in messages


def test_a_bad_first_line_is_a_header_only_if_its_date_is_bad():
    assert parse_series("Date, Value\n2025-01-01, 1") == [(D(2025, 1, 1), 1.0)]
    with pytest.raises(ValidationError, match="Line 2"):
        parse_series("2025-01-01, 1\nDate, Value")


def test_change_points_and_annotations():
    assert parse_dates("2025-05-01\n\n01/03/2025\n2025-05-01") == [D(2025, 3, 1), D(2025, 5, 1)]
    assert parse_annotations("2025-04-01, PDSA 2\n2025-02-01\tHuddle starts") == [
        (D(2025, 2, 1), "Huddle starts"),
        (D(2025, 4, 1), "PDSA 2"),
    ]
    with pytest.raises(ValidationError, match="short label"):
        parse_annotations("2025-04-01")
    with pytest.raises(ValidationError, match="is not a date"):
        parse_dates("next spring")

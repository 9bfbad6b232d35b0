"""iCalendar text: escaping and folding as RFC 5545 says."""

from bookings.calendar import escape, fold


def test_text_is_escaped():
    assert escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "ż" * 100
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode()) <= 75 for part in parts)


def test_short_lines_are_left_alone():
    assert fold("VERSION:2.0") == "VERSION:2.0"

"""Taking personal data out of what a visitor types before it is stored."""

import re

from django.utils.translation import gettext as _

# An email address, or a run of seven or more digits with the spaces, dots, dashes, brackets
# and leading + that telephone and NHS numbers are written with.
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
_NUMBER = re.compile(r"\+?\(?\d(?:[\s().-]{0,2}\d){6,}")


def scrub(text: str) -> str:
    """``text`` with every email address and long number replaced by a marker saying so."""
    text = _EMAIL.sub(_("[email removed]"), text)
    return _NUMBER.sub(_("[number removed]"), text)

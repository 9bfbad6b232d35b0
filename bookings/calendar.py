"""iCalendar (RFC 5545) text for events: the ``invite.ics`` attached to a booking's
confirmation, and the public calendar feed. Written by hand: a few properties, escaped and
folded as the RFC says, need no library."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from hub.links import absolute_url

PRODID = "-//Improvement Hub//Events//EN"


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return settings.HUB_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "hub"


def vevent(event, *, now: datetime | None = None) -> list[str]:
    """One event's VEVENT lines (unfolded)."""
    end = event.end or event.start + timedelta(hours=1)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{_host()}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(event.summary)}",
        f"URL:{event.full_url or absolute_url('/')}",
    ]
    if event.place:
        lines.append(f"LOCATION:{escape(event.place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str = "", now: datetime | None = None) -> str:
    """A VCALENDAR holding ``events``, CRLF line ends as the RFC requires."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines.extend(vevent(event, now=now))
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"

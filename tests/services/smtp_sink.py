"""An aiosmtpd handler that keeps every message it accepts, one JSON file per message.

Run as a separate server process (never imported by the tests' own process):

    python -m aiosmtpd -n -l 127.0.0.1:<port> -c tests.services.smtp_sink.Handler <folder>

Each accepted message becomes ``<folder>/<time>-<n>.json`` with the envelope sender, the
envelope recipients and the raw message. A recipient listed (one address a line) in
``<folder>/refuse.txt`` is refused with a temporary failure (451), as a busy mail server
does, so tests can make one email fail while another goes through.
"""

import json
import os
import time
from itertools import count
from pathlib import Path


class Handler:
    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.sequence = count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Handler needs one argument: the folder to keep mail in")
        return cls(args[0])

    def refused(self) -> set[str]:
        try:
            lines = (self.folder / "refuse.txt").read_text().splitlines()
        except FileNotFoundError:
            return set()
        return {line.strip().lower() for line in lines if line.strip()}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            # The raw bytes, losslessly as text (latin-1 maps each byte to one character).
            "data": (envelope.original_content or b"").decode("latin-1"),
        }
        name = f"{time.time_ns()}-{next(self.sequence):06d}"
        partial = self.folder / f".{name}.part"
        partial.write_text(json.dumps(record))
        # Complete before the 250 reply: the sender's send() returns only after it.
        os.replace(partial, self.folder / f"{name}.json")
        return "250 Message accepted for delivery"

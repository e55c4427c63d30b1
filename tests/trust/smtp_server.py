"""A real SMTP server on a loopback port that takes mail and refuses chosen addresses with a 550.

Django's own SMTP backend talks to it, so a refused address reaches the outbox exactly as
it does from a municipality's mail relay (smtplib.SMTPRecipientsRefused).
"""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

REFUSAL = b"550 5.1.1 Recipient address rejected: User unknown"


@dataclass
class Mailbox:
    refused: set[str] = field(default_factory=set)
    received: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self) -> list[str]:
        with self.lock:
            return [str(message["To"]) for message in self.received]


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def _say(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")

    def handle(self) -> None:
        mailbox = self.server.mailbox
        self._say(b"220 localhost test SMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.strip().decode(errors="replace")
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._say(b"250 localhost")
            elif verb == "MAIL":
                recipients = []
                self._say(b"250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>").lower()
                if address in mailbox.refused:
                    self._say(REFUSAL)
                else:
                    recipients.append(address)
                    self._say(b"250 OK")
            elif verb == "DATA":
                self._say(b"354 End data with <CR><LF>.<CR><LF>")
                body = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                with mailbox.lock:
                    mailbox.received.append(message_from_bytes(body))
                self._say(b"250 OK queued")
            elif verb == "RSET":
                recipients = []
                self._say(b"250 OK")
            elif verb == "QUIT":
                self._say(b"221 Bye")
                return
            else:
                self._say(b"250 OK")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


@contextmanager
def smtp_server(*, refused: set[str] | None = None) -> Iterator[tuple[int, Mailbox]]:
    """Serves on a free loopback port while the block runs; yields (port, mailbox)."""
    server = _Server(("127.0.0.1", 0), _Session)
    server.mailbox = Mailbox(refused={a.lower() for a in refused or set()})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.mailbox
    finally:
        server.shutdown()
        server.server_close()

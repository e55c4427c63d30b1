"""Inviting people (coordinators and administrators) and the invitation's landing page."""

from __future__ import annotations

from .table import FORBIDDEN, OK, Row, expect

ROWS = [
    Row(
        "programmes:person_invite",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
        why="A coordinator of any programme or an administrator invites people.",
    ),
    Row(
        "accounts:invitation",
        expect(OK, anonymous=OK),
        kwargs=lambda w: {},
        why="The invitation link is public: it only offers to send a sign-in code.",
    ),
]

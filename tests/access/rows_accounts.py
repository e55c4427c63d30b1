"""Inviting people (coordinators and administrators) and the invitation's landing page."""

from __future__ import annotations

from .table import FORBIDDEN, NOT_FOUND, OK, Row, expect

ROWS = [
    Row(
        "programmes:person_invite",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
        why="A coordinator of any programme or an administrator invites people.",
    ),
    Row(
        "programmes:people_search",
        expect(NOT_FOUND, coordinator=OK, other_coordinator=OK, administrator=OK),
        why="Suggestions for naming coordinators and contacts: for those who may name them.",
    ),
    Row(
        "accounts:invitation",
        expect(OK, anonymous=OK),
        kwargs=lambda w: {},
        why="The invitation link is public: it only offers to send a sign-in code.",
    ),
]

"""Access rows for the trust pages: register extract, retention, anonymisation, audit log."""

from __future__ import annotations

from .table import FORBIDDEN, OK, Row, expect, only

ALL_SIGNED_IN = expect(OK)

ROWS: list[Row] = [
    Row("privacy:my_data", ALL_SIGNED_IN, why="Every person reads what is held about them."),
    Row("privacy:my_data_json", ALL_SIGNED_IN),
    Row(
        "privacy:retention",
        expect(FORBIDDEN, contact_a=OK, contact_b=OK, administrator=OK),
        why="Municipality contacts record their municipality's decision; administrators see all.",
    ),
    Row(
        "privacy:retention_decision_create",
        only("contact_a", "administrator"),
        kwargs=lambda w: {"municipality_pk": w.municipality_a.pk},
    ),
    Row(
        "privacy:person_anonymise",
        only("administrator"),
        kwargs=lambda w: {"pk": w.outsider.pk},
        why="Only an administrator anonymises a person, on request and with a reason.",
    ),
    Row(
        "privacy:person_deactivate",
        only("administrator"),
        kwargs=lambda w: {"pk": w.outsider.pk},
        why="Only an administrator deactivates a person, with a reason kept in the audit log.",
    ),
    Row("privacy:audit_log", expect(FORBIDDEN, administrator=OK)),
]

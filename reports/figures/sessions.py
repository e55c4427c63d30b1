"""A programme of sessions in its own terms: the series, who came, and who came regularly."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.figures import REGULAR_ATTENDANCE_PERCENT, cohort_session_figures

from ..charts import Bar, bar_chart
from ..tables import Cell, Section, Table, percent
from .scope import Scope, _fmt


def sessions_section(scope: Scope) -> Section:
    figures = cohort_session_figures(scope.cohort, municipality=scope.municipality)
    rate = figures.mean_attendance_rate
    facts = [
        (_("Sessions held"), _fmt(figures.held)),
        (_("Sessions planned"), _fmt(figures.planned)),
        (_("Participants expected"), _fmt(figures.participants)),
        (
            _("Mean attendance at a held session"),
            "–" if rate is None else f"{_fmt(round(100 * rate, 1))} %",
        ),
        (
            _("Came to at least %(percent)s %% of the held sessions")
            % {"percent": REGULAR_ATTENDANCE_PERCENT},
            _fmt(figures.regular_attenders),
        ),
    ]
    rows: list[list[Cell]] = [
        [
            str(session.number),
            session.date,
            session.theme or "–",
            session.expected,
            session.attended if session.held else None,
            percent(session.attended, session.expected) if session.held else None,
        ]
        for session in figures.sessions
    ]
    held = [session for session in figures.sessions if session.held]
    return Section(
        "sessions",
        _("The programme's sessions"),
        [
            Table(
                key="sessions",
                title=_("Attendance per session"),
                columns=[
                    _("Session"),
                    _("Date"),
                    _("Theme"),
                    _("Expected"),
                    pgettext("report count", "Attended"),
                    _("Attendance (%)"),
                ],
                rows=rows,
                numeric_from=3,
                note=_(
                    "A session counts as held once it has started; later ones show no attendance."
                ),
                chart=bar_chart(
                    _("Participants who attended each held session"),
                    [Bar(str(session.number), session.attended) for session in held],
                )
                if held
                else None,
            )
        ],
        facts=facts,
    )

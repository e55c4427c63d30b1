"""Plain-language explanations: what each criterion gave a pair, and why an adept is unmatched.

Facts are stored with each proposal (JSON) and turned into text when shown, so
that the text follows the reader's language.
"""

from __future__ import annotations

from typing import Any, TypedDict

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import scoring
from .scoring import ScoringInput


class CriterionLine(TypedDict):
    criterion: str
    label: str
    points: float
    max_points: float
    text: str


def criterion_labels() -> dict[str, str]:
    return {
        "needs": _("Development needs and the mentor's strengths"),
        "dimensions": _("Leader profile"),
        "wishes": _("The adept's wishes"),
        "experience": _("Experience as manager"),
        "travel": _("Travel time"),
        "ranking": _("The adept's own ranking"),
    }


def pairs_facts(inp: ScoringInput, pairs: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """:func:`pair_facts` of each (adept, mentor) pair, the points scored for all at once."""
    adepts = np.array([a for a, _m in pairs], dtype=np.int64)
    mentors = np.array([m for _a, m in pairs], dtype=np.int64)
    contributions = scoring.pair_points(inp, adepts, mentors)
    return [
        pair_facts(inp, a, m, {c: v[i : i + 1] for c, v in contributions.items()})
        for i, (a, m) in enumerate(pairs)
    ]


def pair_facts(
    inp: ScoringInput,
    adept: int,
    mentor: int,
    contributions: dict[str, np.ndarray] | None = None,
) -> dict[str, Any]:
    """The facts behind one pair's score, small enough to keep with the proposal;
    ``contributions``, the pair's points per criterion if the caller has them."""
    if contributions is None:
        contributions = scoring.points(inp, adept, np.array([mentor]))
    weight_sum = inp.weight_sum
    shared = np.flatnonzero(inp.adept_needs[adept] & inp.mentor_strengths[mentor])
    dims = []
    for d, label in enumerate(inp.dim_labels):
        a, m = inp.adept_dims[adept, d], inp.mentor_dims[mentor, d]
        if np.isnan(a) or np.isnan(m):
            continue
        dims.append(
            {
                "name": label,
                "complement": bool(inp.dim_complement[d]),
                "close": bool(abs(a - m) <= 0.25),
            }
        )
    a_mun, m_mun = int(inp.adept_municipality[adept]), int(inp.mentor_municipality[mentor])
    minutes = float(inp.travel_minutes[a_mun, m_mun])
    wished = int(inp.adept_wished_area[adept])
    a_lang = int(inp.adept_languages[adept])
    in_person = bool(
        scoring.meets_in_person(inp.adept_meeting[adept : adept + 1], inp.mentor_meeting[mentor])[0]
    )
    return {
        "points": {c: round(float(v[0]), 2) for c, v in contributions.items()},
        "max_points": {
            c: round(scoring.MAX_SCORE * max(0.0, inp.weights.get(c, 0.0)) / weight_sum, 2)
            for c in scoring.CRITERIA
        },
        "shared_needs": [inp.need_labels[i] for i in shared if i < len(inp.need_labels)],
        "need_count": int(inp.adept_needs[adept].sum()),
        "dimensions": dims,
        "wished_area": inp.area_labels[wished] if wished >= 0 else "",
        "area_met": wished < 0 or wished == int(inp.mentor_area[mentor]),
        "meeting_ok": bool(
            scoring.MEETING_EITHER in (inp.adept_meeting[adept], inp.mentor_meeting[mentor])
            or inp.adept_meeting[adept] == inp.mentor_meeting[mentor]
        ),
        "language_ok": a_lang == 0 or bool(a_lang & int(inp.mentor_languages[mentor])),
        "years_ahead": int(inp.mentor_years[mentor] - inp.adept_years[adept]),
        "in_person": in_person,
        "travel_minutes": None if np.isnan(minutes) else int(minutes),
        "ranked": bool(inp.ranking is not None and inp.ranking[adept, mentor] > 0),
    }


def _needs_text(facts: dict[str, Any]) -> str:
    shared = facts["shared_needs"]
    if not facts["need_count"]:
        return _("The adept has not chosen what to develop.")
    if not shared:
        return _("The mentor offers none of what the adept wants to develop.")
    return ngettext(
        "The mentor can offer %(count)d of the %(total)d things the adept wants to develop: "
        "%(list)s.",
        "The mentor can offer %(count)d of the %(total)d things the adept wants to develop: "
        "%(list)s.",
        len(shared),
    ) % {"count": len(shared), "total": facts["need_count"], "list": ", ".join(shared)}


def _dimensions_text(facts: dict[str, Any]) -> str:
    good = [d["name"] for d in facts["dimensions"] if d["close"] != d["complement"]]
    if not facts["dimensions"]:
        return _("The leader profiles are not complete enough to compare.")
    if not good:
        return _("The leader profiles fit less well than the programme wishes.")
    return _("The leader profiles fit as the programme wishes in: %(list)s.") % {
        "list": ", ".join(good)
    }


def _wishes_text(facts: dict[str, Any]) -> str:
    parts = []
    if facts["wished_area"]:
        if facts["area_met"]:
            parts.append(
                _("the mentor works in %(area)s as wished") % {"area": facts["wished_area"]}
            )
        else:
            parts.append(
                _("the adept wished a mentor in %(area)s") % {"area": facts["wished_area"]}
            )
    parts.append(
        _("they agree on how to meet")
        if facts["meeting_ok"]
        else _("they prefer to meet differently")
    )
    parts.append(
        _("they share a language") if facts["language_ok"] else _("they have no language in common")
    )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _experience_text(facts: dict[str, Any]) -> str:
    years = facts["years_ahead"]
    if years <= 0:
        return _("The mentor has no more years as manager than the adept.")
    return ngettext(
        "The mentor has %(years)d more year as manager.",
        "The mentor has %(years)d more years as manager.",
        years,
    ) % {"years": years}


def _travel_text(facts: dict[str, Any]) -> str:
    if not facts["in_person"]:
        return _("They will meet digitally, so distance does not matter.")
    if facts["travel_minutes"] is None:
        return _("The travel time between the municipalities is not known.")
    return _("About %(minutes)d minutes' travel to the mentor's workplace.") % {
        "minutes": facts["travel_minutes"]
    }


def _ranking_text(facts: dict[str, Any]) -> str:
    if facts["ranked"]:
        return _("The adept put this mentor on their shortlist.")
    return _("The mentor is not on the adept's shortlist.")


TEXTS = {
    "needs": _needs_text,
    "dimensions": _dimensions_text,
    "wishes": _wishes_text,
    "experience": _experience_text,
    "travel": _travel_text,
    "ranking": _ranking_text,
}


def explanation_lines(facts: dict[str, Any]) -> list[CriterionLine]:
    """One line per criterion that carries weight, in the order of the criteria."""
    labels = criterion_labels()
    lines: list[CriterionLine] = []
    for criterion in scoring.CRITERIA:
        max_points = facts["max_points"].get(criterion, 0)
        if not max_points:
            continue
        lines.append(
            CriterionLine(
                criterion=criterion,
                label=labels[criterion],
                points=facts["points"][criterion],
                max_points=max_points,
                text=TEXTS[criterion](facts),
            )
        )
    return lines


def why_you_two_text(facts: dict[str, Any]) -> str:
    """A short, respectful text for the pair, without either person's private answers."""
    parts = [_("You were matched because your leader profiles and wishes fit well together.")]
    if facts["shared_needs"]:
        parts.append(
            _("The mentor has experience of what the adept wants to develop: %(list)s.")
            % {"list": ", ".join(facts["shared_needs"])}
        )
    if facts["years_ahead"] > 0:
        parts.append(_("The mentor's longer experience as manager is something to build on."))
    if facts["in_person"] and facts["travel_minutes"] is not None:
        parts.append(
            _("Meeting at the mentor's workplace is about %(minutes)d minutes away.")
            % {"minutes": facts["travel_minutes"]}
        )
    return " ".join(parts)


def unmatched_reason(
    inp: ScoringInput, allowed_row: np.ndarray, adept: int, municipality: str
) -> dict[str, Any]:
    """Why no mentor was found for this adept, as facts for unmatched_text."""
    if allowed_row.any():
        return {
            "code": "places_taken",
            "municipality": municipality,
            "other_municipality": inp.require_other_municipality,
            "candidates": int(allowed_row.sum()),
        }
    same = int((inp.mentor_municipality == inp.adept_municipality[adept]).sum())
    ahead = inp.mentor_years - inp.adept_years[adept]
    short = int((ahead < inp.min_years_ahead).sum()) if inp.min_years_ahead else 0
    # Mentors, not entries: the same pair may be excluded for more than one reason.
    excluded = len(np.unique(inp.excluded_mentors[inp.excluded_adepts == adept]))
    return {
        "code": "no_allowed",
        "municipality": municipality,
        "same_municipality": same if inp.require_other_municipality else 0,
        "too_little_experience": short,
        "min_years": inp.min_years_ahead,
        "excluded": excluded,
        "mentors": inp.n_mentors,
    }


def unmatched_text(reason: dict[str, Any]) -> str:
    if reason["code"] == "no_mentors":
        return _("There is no mentor with a free place in the cohort.")
    if reason["code"] == "places_taken":
        if reason["other_municipality"]:
            head = _("No mentor outside %(municipality)s with a free place") % {
                "municipality": reason["municipality"]
            }
        else:
            head = _("No mentor with a free place")
        return (
            head
            + ": "
            + ngettext(
                "the %(count)d mentor who fits has all places taken by adepts who would "
                "otherwise have no mentor.",
                "all %(count)d mentors who fit have their places taken by adepts who would "
                "otherwise have no mentor.",
                reason["candidates"],
            )
            % {"count": reason["candidates"]}
        )
    parts = []
    if reason["same_municipality"]:
        parts.append(
            ngettext(
                "%(count)d mentor is in %(municipality)s too",
                "%(count)d mentors are in %(municipality)s too",
                reason["same_municipality"],
            )
            % {"count": reason["same_municipality"], "municipality": reason["municipality"]}
        )
    if reason["too_little_experience"]:
        parts.append(
            ngettext(
                "%(count)d mentor is less than %(years)d years ahead as manager",
                "%(count)d mentors are less than %(years)d years ahead as manager",
                reason["too_little_experience"],
            )
            % {"count": reason["too_little_experience"], "years": reason["min_years"]}
        )
    if reason["excluded"]:
        parts.append(
            ngettext(
                "%(count)d pair is excluded",
                "%(count)d pairs are excluded",
                reason["excluded"],
            )
            % {"count": reason["excluded"]}
        )
    detail = "; ".join(parts) if parts else ""
    text = _("No mentor meets the rules for this adept")
    return f"{text}: {detail}." if detail else f"{text}."

"""The coordinator's matching pages: settings, runs, proposals, candidates, locks and bans."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.http import HtmxHttpRequest
from common.lists import PAGE_PARAM, paginate
from pairs.models import FitAnswer, Pair
from pairs.services.pairs import pair_dissolve
from programmes import access as programme_access
from programmes.models import Enrolment, Role

from .. import access, explain, scoring, selectors
from ..forms import ExclusionForm, MatchingSettingsForm, RunForm
from ..models import ExclusionReason, MatchRun, PairLock, Proposal
from ..services import long_runs, rules
from ..services import runs as services
from ..services.runs import Unfinished

PROPOSALS_PER_PAGE = 50
CANDIDATES_PER_PAGE = 50
COMPARED_PER_PAGE = 100


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def cohort_matching(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    config = selectors.cohort_matching(cohort)
    progress = selectors.profile_progress(cohort)
    pairs = Pair.objects.active().filter(cohort=cohort)
    not_working = (
        pairs.filter(fit_answers__works=False)
        .select_related("adept__person", "mentor__person")
        .distinct()
    )
    return render(
        request,
        "matching/cohort.html",
        {
            "cohort": cohort,
            "config": config,
            "weights": [
                (label, config.weight(c)) for c, label in explain.criterion_labels().items()
            ],
            "unfinished": [p for p in progress if not p.finished],
            "participant_count": len(progress),
            "runs": selectors.runs_for_cohort(cohort),
            "run_form": RunForm(),
            "locks": cohort.pair_locks.select_related("adept__person", "mentor__person"),
            "exclusions": cohort.exclusions.select_related("adept__person", "mentor__person"),
            "not_working": not_working,
            # Until a pair exists, or has answered, nothing can be said about whether it works.
            "pairs_exist": pairs.exists(),
            "pairs_answered": pairs.filter(fit_answers__isnull=False).exists(),
        },
    )


@login_required
def settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    config = selectors.cohort_matching(cohort)
    form = MatchingSettingsForm(request.POST or None, config=config)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            rules.matching_settings_update,
            cohort=cohort,
            weights=form.weights(),
            min_years_ahead=form.cleaned_data["min_years_ahead"],
            shortlist_open=form.cleaned_data["shortlist_open"],
            objective=form.cleaned_data["objective"],
            actor=request.user,
        ):
            messages.success(request, _("The matching settings were saved."))
            return redirect("matching:cohort", pk=cohort.pk)
    return render(request, "matching/settings_form.html", {"cohort": cohort, "form": form})


@login_required
@require_POST
def run_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    form = RunForm(request.POST)
    unfinished: Unfinished = form.cleaned_data["unfinished"] if form.is_valid() else "refuse"
    try:
        run = long_runs.match_run_request(cohort=cohort, actor=request.user, unfinished=unfinished)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("matching:cohort", pk=cohort.pk)
    run.refresh_from_db()
    if run.is_done:
        messages.success(request, _("Run %(number)d is ready for review.") % {"number": run.number})
    elif run.is_under_way:
        messages.info(
            request,
            _("Run %(number)d has started. This page shows how far it has come.")
            % {"number": run.number},
        )
    return redirect("matching:run", pk=run.pk)


@login_required
def run_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    run = access.run_for_coordinator(request.user, pk)
    # A run under way polls for its stage alone; a plain visit gets the whole page.
    if request.htmx:
        return render(request, "matching/includes/_run_stage.html", {"run": run})
    if not run.is_done:
        return render(request, "matching/run_detail.html", {"run": run, "cohort": run.cohort})
    # A page of the proposals: 400 pairs with their reasons would be a page of 700 KiB.
    proposals = paginate(request.GET, selectors.run_proposals(run), PROPOSALS_PER_PAGE)
    rows = [(p, explain.explanation_lines(p.explanation)) for p in proposals.page]
    unmatched_ids = [u["adept_id"] for u in run.unmatched]
    names = dict(
        Enrolment.objects.filter(pk__in=unmatched_ids).values_list("pk", "person__full_name")
    )
    unmatched = [
        {
            "adept_id": u["adept_id"],
            "name": names.get(u["adept_id"], "?"),
            "reason": explain.unmatched_text(u),
        }
        for u in run.unmatched
    ]
    runs = selectors.runs_for_cohort(run.cohort)
    latest = runs.first()
    return render(
        request,
        "matching/run_detail.html",
        {
            "run": run,
            "cohort": run.cohort,
            "rows": rows,
            "page": proposals.page,
            "query": proposals.query,
            "unmatched": unmatched,
            "other_runs": [r for r in runs if r.pk != run.pk and r.is_done],
            "figures": selectors.run_figures(run),
            "is_latest": latest is not None and latest.pk == run.pk,
            "locked_adepts": set(
                PairLock.objects.filter(cohort=run.cohort).values_list("adept_id", flat=True)
            ),
        },
    )


@login_required
def run_compare(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.run_for_coordinator(request.user, pk)
    try:
        other = access.run_for_coordinator(request.user, int(request.GET.get("other", "")))
    except ValueError:
        raise Http404 from None
    if other.cohort_id != run.cohort_id:
        raise Http404
    left = {p.adept_id: p for p in selectors.run_proposals(run)}
    right = {p.adept_id: p for p in selectors.run_proposals(other)}
    adept_ids = set(left) | set(right) | {u["adept_id"] for u in run.unmatched + other.unmatched}
    names = dict(Enrolment.objects.filter(pk__in=adept_ids).values_list("pk", "person__full_name"))
    rows = sorted(
        (
            {
                "adept": names.get(a, "?"),
                "left": left.get(a),
                "right": right.get(a),
                "changed": getattr(left.get(a), "mentor_id", None)
                != getattr(right.get(a), "mentor_id", None),
            }
            for a in adept_ids
        ),
        key=lambda row: str(row["adept"]),
    )
    # A page of the adepts; the count of changes is over all of them.
    shown = paginate(request.GET, rows, COMPARED_PER_PAGE)
    return render(
        request,
        "matching/run_compare.html",
        {
            "run": run,
            "other": other,
            "cohort": run.cohort,
            "rows": shown.page,
            "page": shown.page,
            "query": shown.query,
            "changed": sum(1 for r in rows if r["changed"]),
            "compared_figures": [(r, selectors.run_figures(r)) for r in (run, other)],
        },
    )


@login_required
@require_POST
def run_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = access.run_for_coordinator(request.user, pk)
    try:
        pairs = services.match_run_publish(run=run, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("matching:run", pk=run.pk)
    messages.success(
        request, _("%(count)d pairs were created and told by email.") % {"count": len(pairs)}
    )
    return redirect("matching:run", pk=run.pk)


def _proposal(request: HttpRequest, pk: int, proposal_pk: int) -> tuple[MatchRun, Proposal]:
    run = access.run_for_coordinator(request.user, pk)
    proposal = (
        run.proposals.select_related("adept__person", "mentor__person")
        .filter(pk=proposal_pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return run, proposal


@login_required
@require_POST
def proposal_lock(request: AuthenticatedHttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    run, proposal = _proposal(request, pk, proposal_pk)
    try:
        services.pair_lock_set(
            cohort=run.cohort,
            adept=proposal.adept,
            mentor=proposal.mentor,
            actor=request.user,
            manual=False,
        )
        messages.success(request, _("The pair is locked and stays in the next run."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return _back_to_run(request, run)


@login_required
@require_POST
def proposal_forbid(request: AuthenticatedHttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    run, proposal = _proposal(request, pk, proposal_pk)
    try:
        rules.exclusion_create(
            cohort=run.cohort,
            mentor=proposal.mentor,
            adept=proposal.adept,
            reason=ExclusionReason.COORDINATOR,
            actor=request.user,
        )
        messages.success(request, _("The pair is excluded and will not be proposed again."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return _back_to_run(request, run)


def _back_to_run(request: HttpRequest, run: MatchRun) -> HttpResponse:
    """To the page of the run's proposals the coordinator acted on."""
    page = request.GET.get(PAGE_PARAM, "")
    url = reverse("matching:run", args=[run.pk])
    return redirect(f"{url}?{PAGE_PARAM}={page}" if page.isdigit() else url)


@login_required
def candidates(request: HttpRequest, pk: int, adept_pk: int) -> HttpResponse:
    """Every mentor for one adept, with the score and why, best first."""
    run = access.run_for_coordinator(request.user, pk)
    adept = access.run_enrolment(run, adept_pk, Role.ADEPT)
    found = selectors.cohort_candidates(run.cohort)
    found.adepts = [adept]
    # Only the run's mentors: setting a pair by hand is offered within the run.
    in_run = access.run_enrolment_ids(run, Role.MENTOR)
    found.mentors = [m for m in found.mentors if m.pk in in_run]
    inp = selectors.scoring_input(run.cohort, found)
    the_adept = np.array([0], dtype=np.int64)
    allowed = scoring.allowed_rows(inp, the_adept)[0]
    totals = scoring.total_rows(inp, the_adept)[0]
    proposed = run.proposals.filter(adept=adept).values_list("mentor_id", flat=True).first()
    rows: list[dict[str, Any]] = [
        {
            "mentor": mentor,
            "column": j,
            "score": round(float(totals[j]), 2),
            "allowed": bool(allowed[j]),
            "proposed": mentor.pk == proposed,
        }
        for j, mentor in enumerate(found.mentors)
    ]
    rows.sort(key=lambda r: (not r["allowed"], -r["score"], r["mentor"].person.full_name))
    # A page of the mentors, best first; the reasons are written for that page only.
    shown = paginate(request.GET, rows, CANDIDATES_PER_PAGE)
    for row in shown.page:
        j = row["column"]
        row["rule"] = "" if row["allowed"] else services._pair_rule_broken(inp, 0, j)
        row["lines"] = explain.explanation_lines(explain.pair_facts(inp, 0, j))
    return render(
        request,
        "matching/candidates.html",
        {
            "run": run,
            "cohort": run.cohort,
            "adept": adept,
            "rows": shown.page,
            "page": shown.page,
            "query": shown.query,
        },
    )


@login_required
def pair_set(
    request: AuthenticatedHttpRequest, pk: int, adept_pk: int, mentor_pk: int
) -> HttpResponse:
    """Shows what setting this pair by hand costs in total score; POST locks it."""
    run = access.run_for_coordinator(request.user, pk)
    adept = access.run_enrolment(run, adept_pk, Role.ADEPT)
    mentor = access.run_enrolment(run, mentor_pk, Role.MENTOR)
    if request.method == "POST":
        try:
            services.pair_lock_set(
                cohort=run.cohort, adept=adept, mentor=mentor, actor=request.user, manual=True
            )
        except ValidationError as refusal:
            messages.error(request, _error_text(refusal))
            return redirect("matching:candidates", pk=run.pk, adept_pk=adept.pk)
        messages.success(
            request, _("The pair is set by hand. Run the matching again to see the whole cohort.")
        )
        return redirect("matching:cohort", pk=run.cohort_id)
    cost, error = None, ""
    try:
        cost = services.match_pair_cost(cohort=run.cohort, adept=adept, mentor=mentor)
    except ValidationError as refusal:
        error = _error_text(refusal)
    return render(
        request,
        "matching/pair_set.html",
        {
            "run": run,
            "cohort": run.cohort,
            "adept": adept,
            "mentor": mentor,
            "cost": cost,
            "error": error,
        },
    )


@login_required
@require_POST
def lock_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    lock = access.lock_for_coordinator(request.user, pk)
    cohort_id = lock.cohort_id
    services.pair_lock_remove(lock=lock, actor=request.user)
    messages.success(request, _("The lock was removed."))
    return redirect("matching:cohort", pk=cohort_id)


@login_required
def exclusion_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    form = ExclusionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        if submit(
            form, rules.exclusion_create, cohort=cohort, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("The pair will never be proposed."))
            return redirect("matching:cohort", pk=cohort.pk)
    return render(request, "matching/exclusion_form.html", {"cohort": cohort, "form": form})


@login_required
@require_POST
def exclusion_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    exclusion = access.exclusion_for_coordinator(request.user, pk)
    cohort_id = exclusion.cohort_id
    rules.exclusion_remove(exclusion=exclusion, actor=request.user)
    messages.success(request, _("The pair may be proposed again."))
    return redirect("matching:cohort", pk=cohort_id)


@login_required
@require_POST
def pair_dissolve_for_rematch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Dissolves a pair that does not work so that the next run re-matches the adept."""
    pair = access.pair_for_coordinator(request.user, pk)
    if not FitAnswer.objects.filter(pair=pair, works=False).exists():
        messages.error(request, _("Neither member has said that the pair does not work."))
        return redirect("matching:cohort", pk=pair.cohort_id)
    try:
        pair_dissolve(pair=pair, actor=request.user, reason="did not work")
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("matching:cohort", pk=pair.cohort_id)
    messages.success(
        request,
        _("The pair was dissolved. Run the matching to find %(name)s a mentor with a free place.")
        % {"name": pair.adept.person.full_name},
    )
    return redirect("matching:cohort", pk=pair.cohort_id)

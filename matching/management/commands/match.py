"""python manage.py match COHORT_ID [--dry-run] [--json] [--scores-out FILE]"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching import explain, export
from matching.services import runs as services
from matching.services.runs import Unfinished
from programmes.models import Cohort


class Command(BaseCommand):
    help = "Runs the matching for a cohort, the same service as the coordinator's page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cohort_id", type=int)
        parser.add_argument("--dry-run", action="store_true", help="Compute but save no run.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument("--scores-out", metavar="FILE", help="Write the score matrix as CSV.")
        parser.add_argument(
            "--exclude-unfinished",
            action="store_true",
            help="Leave out participants with unfinished leader profiles instead of refusing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cohort = Cohort.objects.select_related("programme").filter(pk=options["cohort_id"]).first()
        if cohort is None:
            raise CommandError(f"No cohort with id {options['cohort_id']}.")
        unfinished: Unfinished = "exclude" if options["exclude_unfinished"] else "refuse"
        try:
            comp = services.match_compute(cohort=cohort, unfinished=unfinished)
            if not options["dry_run"]:
                run = services.match_run_create(
                    cohort=cohort, actor=None, unfinished=unfinished, computation=comp
                )
                # A large cohort's other objective, added after the run as its task adds it.
                services.match_run_compare(run=run, computation=comp)
                comp_total = run.total_score
            else:
                comp_total = comp.total
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["scores_out"]:
            self._write_scores(comp, options["scores_out"])
        inp = comp.inp
        result: dict[str, Any] = {
            "cohort_id": cohort.pk,
            "dry_run": bool(options["dry_run"]),
            "total_score": round(comp_total, 2),
            "proposals": [
                {
                    "adept_id": int(inp.adept_ids[a]),
                    "mentor_id": int(inp.mentor_ids[m]),
                    "score": comp.score(a, m),
                    "locked": a in comp.fixed,
                }
                for a, m in comp.solution.pairs
            ],
            "unmatched": [
                {"adept_id": u["adept_id"], "reason": explain.unmatched_text(u)}
                for u in comp.unmatched
            ],
            "mentor_capacity": {
                str(int(pk)): int(c)
                for pk, c in zip(inp.mentor_ids, inp.mentor_capacity, strict=True)
            },
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{len(result['proposals'])} pairs, total score {result['total_score']}, "
            f"{len(result['unmatched'])} unmatched"
            + (" (dry run, nothing saved)" if options["dry_run"] else "")
        )
        for item in result["unmatched"]:
            self.stdout.write(f"  adept {item['adept_id']}: {item['reason']}")

    def _write_scores(self, comp: services.Computation, path: str) -> None:
        with open(path, "wb") as handle:
            export.scores_csv_write(inp=comp.inp, units=comp.units, out=handle)

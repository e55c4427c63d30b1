"""A participant file's row is checked by a form, and CSV's one safety rule holds both ways."""

from __future__ import annotations


def test_a_row_is_checked_by_a_form_whose_messages_follow_the_language() -> None:
    from django.utils import translation

    from programmes.imports import ParsedRow, check_row

    def problems(language: str) -> list[str]:
        row = ParsedRow(
            line=2,
            values={
                "full_name": "Eva Ek",
                "email": "inte-en-adress",
                "municipality": "Håbo",
                "department": "",
                "title": "",
                "work_area": "",
                "years_as_manager": "61",
                "language": "fi",
            },
        )
        with translation.override(language):
            check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[])
        return [problem.message for problem in row.problems]

    assert problems("en") == [
        "Not a valid email address.",
        "Not a valid number of years: give 0 to 60.",
        "Write sv or en.",
    ]
    swedish = problems("sv")
    assert len(swedish) == 3 and swedish[0] != "Not a valid email address."


def test_the_import_and_the_exports_share_one_rule_for_formulas() -> None:
    from common.csvexport import could_run_as_formula, csv_cell
    from programmes.imports import ParsedRow, check_row

    for start in ("=", "+", "-", "@", "\t"):
        text = f"{start}SUM(A1)"
        assert could_run_as_formula(text)
        assert csv_cell(text) == "'" + text
        row = ParsedRow(
            line=2,
            values={
                "full_name": text,
                "email": "eva@habo.se",
                "municipality": "Håbo",
                "department": "",
                "title": "",
                "work_area": "",
                "years_as_manager": "",
                "language": "",
            },
        )
        check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[])
        assert [problem.column for problem in row.problems] == ["full_name"]

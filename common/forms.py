"""Form fields and widgets shared by the project's forms."""

from __future__ import annotations

from typing import Any

from django import forms

# The largest id a database integer column holds; larger values cannot name a row.
MAX_ID = 2**63 - 1


class ChoicesOfModelField(forms.ModelMultipleChoiceField):
    """A choice of several objects that refuses ids no database can hold before asking the
    database about them (SQLite cannot even take them as parameters of ``IN``)."""

    def _check_values(self, value: Any) -> Any:
        for item in value:
            text = str(item)
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text},
                )
        # A private method of Django's that the stubs leave out.
        return super()._check_values(value)  # type: ignore[misc]


class DateInput(forms.DateInput):
    """A native date picker, which also avoids the ambiguity of typed dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)

"""Every model that refers to a person is in the register extract or deliberately left out."""

from __future__ import annotations

from privacy import registry as privacy


def test_every_model_referring_to_a_person_is_in_an_extract_or_left_out_with_a_reason() -> None:
    covered = {holding.model for holding in privacy.all_holdings()}
    referring = {model._meta.label_lower for model in privacy.models_referring_to_people()}
    missing = sorted(referring - covered - set(privacy.LEFT_OUT))
    assert missing == [], (
        "Add these models to a HOLDINGS list in their app's privacy.py, "
        "or to programmes.privacy.LEFT_OUT with the reason: " + ", ".join(missing)
    )


def test_no_model_is_both_in_an_extract_and_left_out() -> None:
    covered = {holding.model for holding in privacy.all_holdings()}
    assert sorted(covered & set(privacy.LEFT_OUT)) == []


def test_every_left_out_model_still_exists_and_has_a_reason() -> None:
    referring = {model._meta.label_lower for model in privacy.models_referring_to_people()}
    for label, reason in privacy.LEFT_OUT.items():
        assert label in referring, f"{label} no longer refers to a person"
        assert len(str(reason)) > 20

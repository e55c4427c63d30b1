"""Dependencies: production apart from development, both locked with hashes, versions agreeing."""

from __future__ import annotations

import re
from pathlib import Path

from .subprocesses import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)")
# Development and test tools that must never reach the image.
TEST_TOOLS = {"pytest", "pytest-django", "factory-boy", "faker", "hypothesis", "ruff", "playwright"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _locked(path: Path) -> dict[str, str]:
    """Package name -> version; every requirement of the file must be pinned and hashed."""
    versions = {}
    for requirement in path.read_text().replace("\\\n", " ").splitlines():
        if not requirement.strip() or requirement.lstrip().startswith("#"):
            continue
        match = PIN.match(requirement)
        assert match, f"{path.name}: not pinned: {requirement}"
        assert "--hash=sha256:" in requirement, f"{path.name}: no hash for {match[1]}"
        versions[_name(match[1])] = match[2]
    return versions


def _named_in(path: Path) -> set[str]:
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    return {_name(re.split(r"[\[=<>~!; ]", line)[0]) for line in lines if line and line[0] != "-"}


def test_both_locks_pin_every_package_with_hashes() -> None:
    assert len(_locked(ROOT / "requirements.lock")) > 0
    assert len(_locked(ROOT / "requirements-dev.lock")) > 0


def test_the_production_lock_holds_no_development_or_test_tool() -> None:
    production = set(_locked(ROOT / "requirements.lock"))
    assert production & TEST_TOOLS == set()
    assert production & _named_in(ROOT / "requirements-dev.in") == set()
    assert set(_locked(ROOT / "requirements-dev.lock")) >= TEST_TOOLS


def test_the_development_lock_agrees_with_the_production_lock() -> None:
    assert "-c requirements.lock" in (ROOT / "requirements-dev.in").read_text().splitlines()
    production = _locked(ROOT / "requirements.lock")
    development = _locked(ROOT / "requirements-dev.lock")
    shared = production.keys() & development.keys()
    assert {name: (production[name], development[name]) for name in shared} == {
        name: (production[name], production[name]) for name in shared
    }


def test_make_installs_both_locks_and_reinstalls_when_either_changes() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "$(STAMP): requirements.lock requirements-dev.lock" in makefile
    assert (
        "pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock"
        in makefile
    )

"""The pre-commit hooks run the project's own tools, offline, and match what CI checks."""

from __future__ import annotations

import shlex

import yaml

from .subprocesses import ROOT


def _hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_every_hook_is_local_and_runs_a_tool_of_the_virtual_environment() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing fetched
    for hook in _hooks():
        program = shlex.split(hook["entry"])[0]
        assert program.startswith(".venv/bin/"), hook["id"]
        assert (ROOT / program).exists(), f"{hook['id']}: {program} is not installed"


def test_the_hooks_cover_the_checks_of_make_lint() -> None:
    makefile = (ROOT / "Makefile").read_text()
    entries = " ".join(hook["entry"] for hook in _hooks())
    for tool in ("ruff check", "ruff format", "lint-imports", "mypy"):
        assert tool in entries, tool
        assert tool in makefile, tool

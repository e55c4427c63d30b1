"""The schema history is append-only, and a database made at its first set upgrades."""

from __future__ import annotations

import json
from pathlib import Path

from common.migration_history import (
    file_hash,
    freeze,
    lock_path,
    migration_files,
    read_lock,
    repository_root,
    set_leaves,
    unlisted,
)

from .subprocesses import DEVELOPMENT, PYTHON, ROOT, clean_env, run


def test_every_listed_migration_is_unchanged() -> None:
    changed = [
        entry.path
        for entry in read_lock()
        if not (ROOT / entry.path).exists() or file_hash(ROOT / entry.path) != entry.sha256
    ]
    assert changed == [], (
        f"A released migration was edited or removed; make a new migration instead: {changed}"
    )


def test_every_migration_file_is_listed() -> None:
    assert unlisted(read_lock()) == [], "run: .venv/bin/python manage.py migrations_freeze"


def test_set_one_is_one_fresh_initial_migration_per_app_with_models() -> None:
    first = [entry for entry in read_lock() if entry.set_number == 1]
    assert [entry.name for entry in first] == ["0001_initial"] * len(first)
    assert {entry.app_label for entry in first} >= {"accounts", "programmes", "pairs"}


def test_freezing_appends_a_new_set_and_never_rewrites_a_line(tmp_path: Path, settings) -> None:
    for app in ("accounts", "pairs"):
        folder = tmp_path / app / "migrations"
        folder.mkdir(parents=True)
        (folder / "0001_initial.py").write_text("# one\n")
    settings.BASE_DIR = tmp_path
    settings.PROJECT_APPS = ["accounts", "pairs"]
    lock_path().write_text("# set 1 (2026-12-05)\naccounts/migrations/0001_initial.py abc\n")
    before = lock_path().read_text()

    assert freeze() == ["pairs/migrations/0001_initial.py"]
    after = lock_path().read_text()
    assert after.startswith(before)
    assert read_lock(after)[-1].set_number == 2
    assert freeze() == []  # nothing new: nothing written
    assert lock_path().read_text() == after
    assert repository_root() == tmp_path
    assert migration_files() == [
        "accounts/migrations/0001_initial.py",
        "pairs/migrations/0001_initial.py",
    ]
    # The edited file is now reported by the hash check, not re-frozen.
    (tmp_path / "accounts/migrations/0001_initial.py").write_text("# edited\n")
    assert freeze() == []


def test_set_leaves_take_the_newest_migration_of_each_app_up_to_the_set() -> None:
    text = (
        "# set 1 (2026-12-05)\n"
        "a/migrations/0001_initial.py 1\n"
        "b/migrations/0001_initial.py 2\n"
        "# set 2 (2027-03-01)\n"
        "a/migrations/0002_more.py 3\n"
    )
    entries = read_lock(text)
    assert set_leaves(entries, 1) == [("a", "0001_initial"), ("b", "0001_initial")]
    assert set_leaves(entries, 2) == [("a", "0002_more"), ("b", "0001_initial")]


def test_a_database_made_at_set_one_with_data_migrates_to_the_newest(tmp_path: Path) -> None:
    env = clean_env(**DEVELOPMENT, SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    result = run(
        [PYTHON, str(ROOT / "tests/foundation/upgrade_from_set_one.py")], env=env, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("upgraded:"))
    counts = json.loads(line.removeprefix("upgraded:"))
    assert counts == {
        "audit": 1,
        "deliveries": 1,
        "enrolments": 2,
        "meetings": 1,
        "pairs": 1,
        "users": 2,
    }

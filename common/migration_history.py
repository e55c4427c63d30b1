"""The released schema history: every migration file of the project's apps, with its hash.

Migrations are append-only. ``migrations.lock`` at the root of the repository lists each
released migration file with its SHA-256, in sets: set 1 is the fresh history made once,
when the apps were split, before any installation existed; every later set is what one
release added. A test (tests/foundation/test_migration_history.py) fails when a listed
file changes or disappears, or when a migration file is not listed; another migrates a
database made at set 1, with data, to the newest migrations.

After ``makemigrations``, ``manage.py migrations_freeze`` appends the new files as the
next set; it never rewrites a line that is already there.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

LOCK_NAME = "migrations.lock"
SET_PREFIX = "# set "


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the repository, with forward slashes
    sha256: str
    set_number: int

    @property
    def app_label(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def name(self) -> str:
        return Path(self.path).stem


def repository_root() -> Path:
    return Path(settings.BASE_DIR)


def lock_path() -> Path:
    return repository_root() / LOCK_NAME


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migration_files() -> list[str]:
    """Every migration file of the project's apps, as paths relative to the repository."""
    root = repository_root()
    found = []
    for app in settings.PROJECT_APPS:
        folder = root / app / "migrations"
        found += [
            path.relative_to(root).as_posix() for path in folder.glob("[0-9][0-9][0-9][0-9]_*.py")
        ]
    return sorted(found)


def read_lock(text: str | None = None) -> list[Entry]:
    """The entries of ``migrations.lock`` in file order."""
    if text is None:
        text = lock_path().read_text(encoding="utf-8")
    entries: list[Entry] = []
    set_number = 0
    for line in text.splitlines():
        if line.startswith(SET_PREFIX):
            set_number = int(line[len(SET_PREFIX) :].split()[0].rstrip(":"))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        path, sha256 = line.split()
        entries.append(Entry(path=path, sha256=sha256, set_number=set_number))
    return entries


def set_leaves(entries: list[Entry], set_number: int) -> list[tuple[str, str]]:
    """The newest migration of each app as of ``set_number``: what `migrate` targets."""
    newest: dict[str, str] = {}
    for entry in entries:
        if entry.set_number <= set_number:
            newest[entry.app_label] = max(newest.get(entry.app_label, ""), entry.name)
    return sorted(newest.items())


def unlisted(entries: list[Entry]) -> list[str]:
    listed = {entry.path for entry in entries}
    return [path for path in migration_files() if path not in listed]


def freeze(today: datetime.date | None = None) -> list[str]:
    """Appends the migration files not yet listed as the next set; returns their paths."""
    path = lock_path()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    entries = read_lock(text)
    new = unlisted(entries)
    if not new:
        return []
    number = max((entry.set_number for entry in entries), default=0) + 1
    day = (today or datetime.date.today()).isoformat()
    root = repository_root()
    lines = [f"{SET_PREFIX}{number} ({day})"]
    lines += [f"{name} {file_hash(root / name)}" for name in new]
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return new

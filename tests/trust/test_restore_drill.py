"""The restore drill: a backup made by ops/backup.sh and restored by ops/restore.sh into a fresh
database and media folder answers every URL of the access table, as every persona, as the
original did. Needs PostgreSQL (DATABASE_URL names the server); its own stage of .ci/run.
With STORAGE_S3_* set (.ci/run's S3 stage) the files live in a new bucket for each side.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.foundation.subprocesses import PYTHON, ROOT, clean_env, manage, run
from tests.storage import bucket_create, bucket_keys, bucket_remove, s3_configured, s3_environment

pytestmark = pytest.mark.drill

SECRET_KEY = "restore-drill-" + "k" * 50
DRILL = [PYTHON, "-m", "tests.trust.restore_drill"]


@pytest.fixture
def server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the restore drill needs DATABASE_URL=postgres://... (.ci/run sets it)")
    return url.rsplit("/", 1)[0]


@pytest.fixture
def databases(server: str) -> Iterator[tuple[str, str]]:
    """Two new, empty databases, the original and the restored one, dropped afterwards."""
    names = [f"drill_{uuid.uuid4().hex[:12]}_{part}" for part in ("original", "restored")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{names[0]}", f"{server}/{names[1]}"
        finally:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def buckets() -> Iterator[tuple[str, str]]:
    """With STORAGE_S3_*, two new buckets, the original's and the restored one's; else none."""
    if not s3_configured():
        yield "", ""
        return
    names = tuple(f"drill-{uuid.uuid4().hex[:12]}-{part}" for part in ("original", "restored"))
    for name in names:
        bucket_create(name)
    try:
        yield names
    finally:
        for name in names:
            bucket_remove(name)


def _env(database: str, media: Path, bucket: str, **extra: str) -> dict[str, str]:
    settings = {"DATABASE_URL": database, "MEDIA_ROOT": str(media), "SECRET_KEY": SECRET_KEY}
    storage = s3_environment(STORAGE_S3_BUCKET=bucket) if bucket else {}
    return clean_env(**{**settings, **storage, "DEBUG": "true", "PYTHON": PYTHON, **extra})


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{result.args}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    return result


def _answers(env: dict[str, str], manifest: Path, out: Path) -> subprocess.Popen:
    # The log goes to a file: a full pipe would stall the process until it is read.
    with out.with_suffix(".log").open("w") as log:
        return subprocess.Popen(
            [*DRILL, "answers", str(manifest), str(out)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _finished(process: subprocess.Popen, out: Path) -> dict[str, list]:
    process.wait(timeout=600)
    assert process.returncode == 0, out.with_suffix(".log").read_text()[-3000:]
    return json.loads(out.read_text())


def test_a_restored_backup_answers_every_url_as_every_persona_as_the_original(
    databases: tuple[str, str], buckets: tuple[str, str], tmp_path: Path
) -> None:
    original_db, restored_db = databases
    original = _env(original_db, tmp_path / "media", buckets[0])
    restored = _env(restored_db, tmp_path / "restored-media", buckets[1])
    manifest = tmp_path / "manifest.json"
    _ok(manage("migrate", "--noinput", env=original, timeout=300))
    _ok(run([*DRILL, "build", str(manifest)], env=original))

    _ok(run(["ops/backup.sh", str(tmp_path / "backups")], env=original))
    (backup,) = (tmp_path / "backups").iterdir()
    restore = _ok(run(["ops/restore.sh", str(backup)], env=restored, timeout=300))
    assert "NOT the key" not in restore.stderr
    if s3_configured():
        assert bucket_keys(buckets[1]) == bucket_keys(buckets[0]) != []

    # Both start from the backup's state, so the original and the copy are asked at once.
    first = _answers(original, manifest, tmp_path / "original.json")
    second = _answers(restored, manifest, tmp_path / "restored.json")
    before = _finished(first, tmp_path / "original.json")
    after = _finished(second, tmp_path / "restored.json")

    assert len(before) > 1000
    assert [key for key, answer in before.items() if answer[0] >= 500] == []
    differences = {
        key: (before[key], after.get(key)) for key in before if after.get(key) != before[key]
    }
    assert differences == {}, "the restored copy answers differently"
    stored = [answer for answer in before.values() if answer[1] == "file"]
    assert len({answer[2] for answer in stored}) == 2, "a report and a document, downloaded"
    if s3_configured():
        # The files went to the buckets only: neither side made its media folder.
        assert not (tmp_path / "media").exists() and not (tmp_path / "restored-media").exists()


def test_restore_upgrades_an_older_backup_and_then_refuses_to_restore_over_it(
    databases: tuple[str, str], buckets: tuple[str, str], tmp_path: Path
) -> None:
    original_db, restored_db = databases
    original = _env(original_db, tmp_path / "media", buckets[0])
    _ok(manage("migrate", "--noinput", env=original, timeout=300))
    # An older release: one without the reports app's tables.
    _ok(manage("migrate", "reports", "zero", "--noinput", env=original, timeout=300))
    _ok(run(["ops/backup.sh", str(tmp_path / "backups")], env=original))
    (backup,) = (tmp_path / "backups").iterdir()
    restored = _env(restored_db, tmp_path / "restored-media", buckets[1])

    _ok(run(["ops/restore.sh", str(backup)], env=restored, timeout=300))
    with psycopg.connect(restored_db) as connection:
        assert connection.execute("SELECT to_regclass('reports_generatedreport')").fetchone()[0]

    other_key = {**restored, "SECRET_KEY": "another-" + "k" * 50}
    refused = run(["ops/restore.sh", str(backup)], env=other_key)
    assert refused.returncode != 0
    assert "SECRET_KEY is NOT the key this backup was made with" in refused.stderr
    assert "is not empty" in refused.stderr

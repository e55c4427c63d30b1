"""ops/backup.sh --compose and ops/restore.sh --compose name the services, database, user and
media folder of docker-compose.yml; this keeps the two in step."""

from __future__ import annotations

import re

import yaml

from .subprocesses import ROOT


def test_the_compose_mode_of_the_backup_scripts_names_what_docker_compose_runs() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    common = (ROOT / "ops" / "common.sh").read_text()
    postgres = services["postgres"]["environment"]
    database = re.search(r"^COMPOSE_DB=\(-U (\S+) -d (\S+)\)$", common, re.MULTILINE)
    assert database is not None
    assert database.groups() == (postgres["POSTGRES_USER"], postgres["POSTGRES_DB"])
    media = re.search(r"^COMPOSE_MEDIA=(\S+)$", common, re.MULTILINE)
    assert media is not None
    assert f"media:{media.group(1)}" in services["web"]["volumes"]
    assert services["web"]["environment"]["MEDIA_ROOT"] == media.group(1)

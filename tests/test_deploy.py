"""deploy/: no Docker engine runs here, so the files are read and checked as data."""

from __future__ import annotations

import configparser
import json
import re
import tomllib
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
PROJECT = tomllib.loads((DEPLOY.parent / "pyproject.toml").read_text())


def _dockerfile() -> list[str]:
    return [line.strip() for line in (DEPLOY / "Dockerfile").read_text().splitlines()]


def test_compose_runs_the_bot_beside_postgresql_with_named_volumes_and_health_checks():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"bot", "db"}
    assert set(compose["volumes"]) == {"pgdata", "evidence"}
    bot, db = services["bot"], services["db"]
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "evidence:/data/evidence" in bot["volumes"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    env = bot["environment"]
    assert env["DATABASE_URL"].startswith("postgresql+asyncpg://zi:")
    assert env["DATABASE_URL"].endswith("@db:5432/zi")
    assert "TELEGRAM_BOT_TOKEN" in env and env["EVIDENCE_DIR"] == "/data/evidence"
    assert bot["healthcheck"]["test"] == ["CMD", "zi-bot", "doctor"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["build"]["dockerfile"] == "deploy/Dockerfile"


def test_the_image_runs_the_installed_zi_bot_as_a_user_with_a_health_check():
    lines = _dockerfile()
    entry = next(line for line in lines if line.startswith("ENTRYPOINT"))
    assert json.loads(entry.removeprefix("ENTRYPOINT").strip()) == ["zi-bot"]
    assert PROJECT["project"]["scripts"]["zi-bot"] == "bot.cli.main:main"
    user = next(line for line in lines if line.startswith("USER "))
    assert user != "USER root"
    assert any(line.startswith("HEALTHCHECK") for line in lines)
    assert any(re.match(r"COPY locales", line) for line in lines)


def test_the_image_copies_every_package_the_wheel_is_built_from():
    copied = {line.split()[1] for line in _dockerfile() if line.startswith("COPY ")}
    packages = PROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert set(packages) <= copied


def test_the_systemd_unit_upgrades_then_runs_the_bot():
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read_string((DEPLOY / "zi-bot.service").read_text())
    service = parser["Service"]
    assert service["ExecStart"].endswith("zi-bot run")
    assert service["ExecStartPre"].endswith("zi-bot db upgrade")
    assert service["KillSignal"] == "SIGTERM" and service["User"] == "zi"


def test_the_proxy_sample_forwards_the_webhook_path_to_the_bot():
    text = (DEPLOY / "nginx-webhook.conf").read_text()
    assert "proxy_pass http://127.0.0.1:8080;" in text and "location /telegram/" in text

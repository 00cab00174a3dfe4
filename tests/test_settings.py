"""Production refuses unsafe settings; `check --deploy` is clean with production settings."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {"SAFECITIES_PRODUCTION": "1", "ALLOWED_HOSTS": "exchange.example.org",
              "SECRET_KEY": "k" * 20 + "-production-secret-for-the-test-only-0123456789"}


def django(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SAFECITIES_PRODUCTION"}}
    return subprocess.run([sys.executable, "-m", "safecities.cli", *args],
                          env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_debug():
    result = django("check", **{**PRODUCTION, "DEBUG": "1"})
    assert result.returncode == 1
    assert "SAFECITIES_PRODUCTION is set: DEBUG must be off." in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = django("check", **env)
    assert result.returncode == 1
    assert "SECRET_KEY must be set too." in result.stderr


def test_production_refuses_a_short_secret_key():
    result = django("check", **{**PRODUCTION, "SECRET_KEY": "demo"})
    assert result.returncode == 1
    assert "SECRET_KEY is too short" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = django("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."

"""Production refuses unsafe settings; `check --deploy` is clean with production settings."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {"SAFECITIES_PRODUCTION": "1", "ALLOWED_HOSTS": "exchange.example.org",
              "SITE_URL": "https://exchange.example.org",
              "SECRET_KEY": "k" * 20 + "-production-secret-for-the-test-only-0123456789"}


def django(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SAFECITIES_PRODUCTION",
                          "SITE_URL", "HOST", "PORT"}}
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


def test_an_unsupported_cache_url_is_refused_at_start_without_showing_the_address():
    result = django("check", CACHE_URL="memcached://user:hunter2@cache.example.org:11211")
    assert result.returncode == 1
    assert ("CACHE_URL must be a Redis address (redis://host:6379/0 or rediss://…), not "
            "'memcached'; leave it empty to keep the rate limits in the database.") in result.stderr
    assert "hunter2" not in result.stderr


def test_a_redis_cache_url_counts_rate_limits_in_redis():
    result = django("shell", "-c", "from django.conf import settings; "
                    "print(settings.CACHES['ratelimit']['BACKEND'])",
                    CACHE_URL="redis://127.0.0.1:6379/0")
    assert result.stdout.strip().splitlines()[-1] == (
        "django.core.cache.backends.redis.RedisCache")


def site_url(**env: str) -> str:
    result = django("shell", "-c", "from django.conf import settings; print(settings.SITE_URL)",
                    **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_demo_derives_site_url_from_host_and_port():
    assert site_url() == "http://localhost:8000"
    assert site_url(PORT="8101") == "http://localhost:8101"
    assert site_url(HOST="0.0.0.0", PORT="8101") == "http://localhost:8101"  # noqa: S104
    assert site_url(HOST="exchange.lan", PORT="9000") == "http://exchange.lan:9000"
    assert site_url(HOST="fd00::5", PORT="9000") == "http://[fd00::5]:9000"
    assert site_url(PORT="8101", SITE_URL="https://exchange.example.org/") == (
        "https://exchange.example.org")


def test_production_refuses_to_start_without_site_url():
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    result = django("check", **env)
    assert result.returncode == 1
    assert "SAFECITIES_PRODUCTION is set: SITE_URL must be set too" in result.stderr


def test_a_site_url_without_a_scheme_is_refused():
    result = django("check", SITE_URL="exchange.example.org")
    assert result.returncode == 1
    assert "SITE_URL must start with http:// or https://" in result.stderr


def test_s3_bucket_moves_uploads_to_the_object_store():
    result = django("shell", "-c", "from django.conf import settings; "
                    "d = settings.STORAGES['default']; o = d['OPTIONS']; "
                    "print(d['BACKEND'], o['bucket_name'], o['endpoint_url'])",
                    S3_BUCKET="exchange-media", S3_ENDPOINT_URL="http://10.0.0.5:9000")
    assert result.stdout.strip().splitlines()[-1] == (
        "storages.backends.s3.S3Storage exchange-media http://10.0.0.5:9000")

"""GET /healthz: 200 when the database and the caches answer, 503 when one does not."""

from __future__ import annotations

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 1}}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_healthz_needs_no_sign_in_and_refuses_writes(client):
    assert client.post("/healthz").status_code == 405

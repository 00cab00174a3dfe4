"""The system check that refuses a PostgreSQL isolation level other than READ COMMITTED."""

from __future__ import annotations

import pytest
from django.core.checks import registry
from django.db import connection

from safecities.events.checks import (
    check_isolation_level,
    isolation_errors,
    transaction_isolation,
)


@pytest.mark.parametrize("level", ["repeatable read", "serializable", "read uncommitted"])
def test_another_isolation_level_is_an_error(level):
    errors = isolation_errors("default", level)
    assert [error.id for error in errors] == ["events.E001"]
    assert level in errors[0].msg


def test_read_committed_is_accepted():
    assert isolation_errors("default", "read committed") == []
    assert isolation_errors("default", "READ COMMITTED") == []


def test_the_check_is_registered_for_the_database_checks():
    assert check_isolation_level in registry.registry.get_checks()
    assert "database" in check_isolation_level.tags


@pytest.mark.django_db
def test_the_test_database_passes_the_check():
    assert check_isolation_level(databases=["default"]) == []
    if connection.vendor == "postgresql":
        assert transaction_isolation("default") == "read committed"

"""Whose data, and how each app exports and erases its part of it: the privacy seam.

Every app that keeps personal data registers a **provider** from its ``AppConfig.ready``:
one function that exports a person's rows as plain records, one that erases them. The
services that answer a person's request (``registration.personal_data`` for a
registration, the accounts' for an account, the retention command for everything that
expired) call every provider. So an app added later joins the export, the erasure and the
retention rule by registering — no change here or in the apps below it — and no lower
app imports a higher one (the same shape as ``mailing.outbox`` and ``registration.agenda``).

Rules for a provider (docs/architecture.md, "Personal data"):

* ``export(person)`` returns only the person's own data: another person appears at most
  by what they agreed to make public (a city, a public role), never by name or address.
* ``erase(person)`` runs inside the caller's transaction — one transaction per person, so
  a failure anywhere leaves the person untouched — and must leave no value that
  identifies them: delete the rows that only make sense with the person, blank the
  personal columns of rows others still need (a meeting, a status history). It must be
  idempotent: erasing an erased person changes nothing.
* Erasers run from the top of the stack down (the reverse of registration order, which
  follows ``INSTALLED_APPS``): an app's eraser runs before those of the apps it builds
  on, so it can still read their rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction


@dataclass(frozen=True)
class Person:
    """The identifiers one person has across the site: what each provider looks them up by.

    ``addresses`` are normalised email addresses, used only to recognise messages sent *to*
    the person; rows are found by their ids, never by an address someone typed.
    """

    registrations: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()
    enquiries: frozenset[int] = frozenset()
    addresses: frozenset[str] = frozenset()

    @property
    def mail_keys(self) -> list[str]:
        """The keys stored with every queued message that concerns this person."""
        return ([mail_key("registration", pk) for pk in sorted(self.registrations)]
                + [mail_key("user", pk) for pk in sorted(self.users)]
                + [mail_key("enquiry", pk) for pk in sorted(self.enquiries)])

    def __bool__(self) -> bool:
        return bool(self.registrations or self.users or self.enquiries)

    def __or__(self, other: Person) -> Person:
        return Person(registrations=self.registrations | other.registrations,
                      users=self.users | other.users,
                      enquiries=self.enquiries | other.enquiries,
                      addresses=self.addresses | other.addresses)


def mail_key(kind: str, pk: int | str) -> str:
    """How a queued message names a person it concerns: ``registration:12``, ``user:3``…"""
    return f"{kind}:{pk}"


Value = str | int | float | bool | None | list | dict


@dataclass(frozen=True)
class Section:
    """One part of an export: records of one kind, with a label for each field.

    ``key`` and the field names are stable (the JSON export uses them); ``title`` and the
    labels are for people (the readable export), translated where shown.
    """

    key: str
    title: str
    labels: dict[str, str]
    records: list[dict[str, Value]] = field(default_factory=list)


@dataclass(frozen=True)
class Provider:
    name: str
    export: Callable[[Person], list[Section]]
    erase: Callable[[Person], int]
    # The app's rows held under a (normalised) email address, for a person who proved they
    # read that address (a link sent to it): ``person_at``. None: the app finds nobody by
    # address (its rows hang off a registration or an account found by another app).
    find: Callable[[str], Person] | None = None


_providers: list[Provider] = []
_erasure_contexts: list[Callable[[], AbstractContextManager]] = []


def register(provider: Provider) -> None:
    if all(existing.name != provider.name for existing in _providers):
        _providers.append(provider)


def register_erasure_context(factory: Callable[[], AbstractContextManager]) -> None:
    """A context entered around every erasure — e.g. to keep an audit trail from recording
    the values being erased (the back-office registers auditlog's switch)."""
    if factory not in _erasure_contexts:
        _erasure_contexts.append(factory)


def providers() -> list[Provider]:
    return list(_providers)


def normalise_address(address: str) -> str:
    """An email address as every app compares it: trimmed, lower case."""
    return address.strip().lower()


def person_at(address: str) -> Person:
    """Everything the site holds under this email address, from every provider that can
    find rows by address. Only for someone who proved they read the address: knowing an
    address must never be enough to see or erase its data (docs/privacy.md)."""
    address = normalise_address(address)
    found = Person(addresses=frozenset({address}))
    for provider in _providers:
        if provider.find is not None:
            found = found | provider.find(address)
    return found


def export(person: Person) -> list[Section]:
    """Every provider's sections for this person, lower apps first; empty ones left out."""
    sections = [section for provider in _providers for section in provider.export(person)]
    return [section for section in sections if section.records]


@contextmanager
def erasing() -> Iterator[None]:
    """The registered erasure contexts, entered together."""
    with ExitStack() as stack:
        for factory in _erasure_contexts:
            stack.enter_context(factory())
        yield


def erase(person: Person) -> dict[str, int]:
    """Run every provider's eraser for this person, upper apps first, inside the caller's
    transaction (it must hold one: a half-erased person is never committed). Returns how
    many rows each provider changed."""
    if not connection.in_atomic_block:
        raise RuntimeError("erase() runs inside the erasure's transaction")
    changed: dict[str, int] = {}
    with erasing():
        for provider in reversed(_providers):
            changed[provider.name] = provider.erase(person)
    clear_write_ahead_log()  # after the commit
    return changed


def clear_write_ahead_log() -> bool:
    """SQLite keeps the old images of changed pages in its write-ahead log until a
    checkpoint: after an erasure, copy the log into the database and truncate it, so the
    erased values are gone from the files too (``secure_delete`` zeroes them in the
    database file itself). Inside a transaction it waits for the commit. Returns False if a
    reader kept the log from being truncated (the next ``purge_expired`` tries again).
    Nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        return True
    if connection.in_atomic_block:
        transaction.on_commit(_checkpoint)
        return True
    return _checkpoint()


def _checkpoint() -> bool:
    if connection.in_atomic_block:  # still inside a transaction (tests): nothing to do yet
        return True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _log_pages, _copied = cursor.fetchone()
    return busy == 0


def json_value(value: object) -> Value:
    """A value as it appears in an export: dates and times in ISO 8601."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value  # type: ignore[return-value]


def records(rows: Iterable[object], fields: Iterable[str]) -> list[dict[str, Value]]:
    """Plain records of ``fields`` read from model rows."""
    names = list(fields)
    return [{name: json_value(getattr(row, name)) for name in names} for row in rows]

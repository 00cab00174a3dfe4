"""Producers of queued mail that the mail worker runs before each delivery round.

An app registers a function (from its AppConfig.ready) that turns pending changes into
queued messages and returns how many it handled. Keeping the list here lets the mail
worker serve every app without importing any of them.
"""

from __future__ import annotations

from collections.abc import Callable

Producer = Callable[[], int]
_producers: list[Producer] = []


def register(producer: Producer) -> None:
    if producer not in _producers:
        _producers.append(producer)


def run_producers() -> int:
    """Run every producer until none has work left; return the number of messages queued."""
    total = 0
    for producer in _producers:
        while True:
            handled = producer()
            total += handled
            if handled == 0:
                break
    return total

"""A process killed in the middle of an erasure leaves the person untouched (one transaction
per person): a real process erases, is stopped at the last step with SIGKILL, and the
database shows everything as it was; erasing again then completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from safecities.cities.models import MeetingRequest
from safecities.cities.services import meetings
from safecities.mailing.delivery import deliver
from safecities.privacy.models import DataRequest
from safecities.registration import services
from safecities.registration.models import Answer, Registration
from safecities.registration.personal_data import erase_registration
from tests.conftest import PROJECT_DIR, database_url_for_tests
from tests.factories import (
    AnswerFactory,
    EventFactory,
    MeetingSlotFactory,
    MeetingTableFactory,
    person,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Erase in another process, but stop (for the kill) at the very last step, inside the
# transaction: after every provider erased its part and the log was written.
STALLED_ERASURE = textwrap.dedent("""
    import sys, time, pathlib, django
    django.setup()
    from safecities.registration import signals
    from safecities.registration.models import Registration
    from safecities.registration.personal_data import erase_registration

    def stall(**kwargs):
        pathlib.Path(sys.argv[2]).write_text("erased, not committed")
        time.sleep(120)

    signals.erased.connect(stall, weak=False)
    erase_registration(registration=Registration.objects.get(pk=int(sys.argv[1])),
                       origin="person")
""")


def test_killing_the_process_at_the_last_step_of_an_erasure_leaves_the_person_untouched(
        tmp_path):
    event = EventFactory(capacity=2)
    registration = services.register(event=event, **person(1)).registration
    other = services.register(event=event, **person(2)).registration
    waiting = services.register(event=event, **person(3)).registration
    AnswerFactory(registration=registration, question__event=event, value="Halal")
    meetings.opt_in(registration=registration)
    meetings.opt_in(registration=other)
    MeetingSlotFactory(event=event)
    MeetingTableFactory(event=event)
    meetings.accept(meeting=meetings.request_meeting(requester=registration, invitee=other,
                                                    message="Hello"), by=other)
    deliver()

    reached = tmp_path / "reached"
    process = subprocess.Popen(
        [sys.executable, "-c", STALLED_ERASURE, str(registration.pk), str(reached)],
        env={**os.environ, "DATABASE_URL": database_url_for_tests(),
             "DJANGO_SETTINGS_MODULE": "safecities.settings",
             "PYTHONPATH": str(PROJECT_DIR / "src")},
        cwd=PROJECT_DIR, start_new_session=True, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not reached.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the erasure never reached its last step"
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stderr.close()

    registration.refresh_from_db()
    assert (registration.name, registration.status, registration.erased_at) == (
        "Participant 1", "confirmed", None)
    assert Answer.objects.filter(registration=registration).count() == 1
    assert MeetingRequest.objects.get().status == "accepted"
    assert Registration.objects.get(pk=waiting.pk).status == "waitlisted"
    assert DataRequest.objects.count() == 0

    erased = erase_registration(registration=registration, origin="person")
    assert (erased.name, erased.status) == ("", "cancelled")
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"

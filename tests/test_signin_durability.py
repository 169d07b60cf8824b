"""Never lose a signature: a process signing people in is killed at random moments, many times;
the database stays sound and holds every sign-in that was confirmed."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest

SIGNING = r"""
import sys, datetime as dt
from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import encode
from trainer_desktop.core.workspace import open_workspace
drawn = [encode(demo_signature(seed), 600, 220) for seed in range(5)]
workspace = open_workspace(sys.argv[1])
session_id = sys.argv[2]
people = [e.enrolment.id for e in workspace.participants.enrolled(session_id)]
periods = [p.id for p in workspace.attendance.periods(session_id)]
print("ready", flush=True)
n = 0
while True:
    n += 1
    signature = workspace.attendance.sign_in(people[n % len(people)], periods[n % len(periods)],
                                             drawn[n % 5])
    # What the screen would say once sign_in returned: "signed".
    print("confirmed", signature.id, flush=True)
"""


CONFIRMED = re.compile(r"^confirmed ([0-9a-f-]{36})$", re.MULTILINE)


@pytest.mark.slow
def test_killed_while_signing_keeps_every_confirmed_signature(tmp_path):
    from trainer_desktop.core.attendance import Signature
    from trainer_desktop.core.workspace import open_workspace

    path = tmp_path / "db.sqlite"
    workspace = open_workspace(path)
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for n in range(10):
        person = workspace.participants.create(family_name=f"Traoré {n}", given_names="Awa")
        workspace.participants.enrol(session.id, person.id)
    workspace.attendance.ensure_default_periods(session.id)
    workspace.close()
    rng = random.Random(20221108)
    confirmed: list[str] = []
    for _attempt in range(15):
        process = subprocess.Popen([sys.executable, "-c", SIGNING, str(path), session.id],
                                   stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # A line the kill cut in half was never shown whole: only complete ones count.
        confirmed += [m.group(1) for m in CONFIRMED.finditer(process.stdout.read())]
        process.stdout.close()
    assert len(confirmed) > 15  # the kills landed while signing
    survivor = open_workspace(path)
    try:
        assert survivor.db.integrity_check() == "ok"
        with survivor.db.read() as tx:
            for signature_id in confirmed:
                assert tx.get(Signature, signature_id) is not None, signature_id
    finally:
        survivor.close()

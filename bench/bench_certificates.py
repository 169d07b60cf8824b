#!/usr/bin/env python3
"""Certificates: time to print 500 of them in one PDF, and in one file each.

Target (issue 7): 500 certificates in one file in under 15 s.

The session comes from :mod:`report_data` (one session of 500 participants with attendance,
tests and evaluations, inserted in bulk in a few seconds). Its attendance threshold is lowered
so that every participant who attended at least once is eligible, and the certificates of all
500 are asked for by name, so the figure is for exactly 500 pages whatever the random marks.

    python bench/bench_certificates.py [people]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGET_SECONDS = 15


def main(people: int = 500) -> int:
    from report_data import build

    from trainer_desktop.core.device import Signatory
    from trainer_desktop.core.reporting import PARTICIPANT
    from trainer_desktop.core.workspace import open_workspace
    from trainer_desktop.reports.certificate_pdf import write_certificates

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        build(folder / "certificates.sqlite", sessions=1, per_session=people)
        workspace = open_workspace(folder / "certificates.sqlite")
        session = workspace.sessions.list()[0]
        workspace.sessions.update(session.id, attendance_threshold=10)
        workspace.settings.set("organisation_name", "Commission nationale des droits de l'homme")
        workspace.settings.set_signatories([Signatory("Aminata Diallo", "Directrice"),
                                            Signatory("Moussa Keïta", "Commissaire")])  # fmt: skip
        grid = workspace.attendance.grid(session.id)
        chosen = [p.enrolment.id for p in grid.people if p.enrolment.role == PARTICIPANT]
        eligible = sum(grid.attended_enough(e, 10) for e in chosen)
        print(f"{len(chosen)} participants ({eligible} eligible) made in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        started = time.perf_counter()
        out = write_certificates(workspace, session.id, folder / "all.pdf", enrolment_ids=chosen)
        one_file = time.perf_counter() - started
        size = out[0].stat().st_size / 1024 / 1024
        verdict = "OK" if one_file < TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS} s"
        print(f"{len(chosen)} certificates in one file: {one_file:.1f} s, {size:.1f} MB ({verdict})")

        started = time.perf_counter()
        files = write_certificates(workspace, session.id, folder / "each", enrolment_ids=chosen,
                                   one_file=False)  # fmt: skip
        print(f"{len(files)} certificates, one file each: {time.perf_counter() - started:.1f} s")
        workspace.close()
        return 0 if one_file < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:2])))

#!/usr/bin/env python3
"""Attendance: latency of a sign-in and of a grid change, opening a big grid, and sizes.

The measured part runs after ``gc.freeze()``, as the application does once started: without
it, a full collection of the libraries' objects stalls an operation for 60-90 ms now and then.

Targets (issue 4):
- a sign-in or a grid change is committed and shown in under 50 ms (here: the core's commit plus
  re-reading the session's grid, which is what the screen shows);
- the grid for 200 participants × 10 periods opens in under 300 ms (the core's grid and, when
  the GUI is installed, the table model filled from it, offscreen);
- a 40-participant, 3-day session with every signature for 6 periods: under 500 KB in the
  database, its bundle under 1 MB, and the bundle of one day's changes under 150 KB.

Signatures are drawn synthetically (a cursive hand, about 300 points over 2.5 s) and encoded
with the app's own codec, so their sizes are those of real ones.

    python bench/bench_attendance.py
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path


def synthetic_signature(rng: random.Random) -> bytes:
    from trainer_desktop.core.signature_demo import demo_signature
    from trainer_desktop.core.signatures import encode

    return encode(demo_signature(rng.randrange(1_000_000)), 600, 220)


def fill(workspace, people: int, days: int, rng: random.Random):  # noqa: ANN001, ANN201
    start = dt.date(2022, 11, 8)
    session = workspace.sessions.create(title="Atelier OPJ", start_date=start,
                                        end_date=start + dt.timedelta(days=days - 1))  # fmt: skip
    enrolments = []
    for n in range(people):
        person = workspace.participants.create(
            family_name=rng.choice(["Traoré", "Diarra", "Coulibaly", "Keïta", "Sidibé"]),
            given_names=f"Prénom {n}", sex=rng.choice(["woman", "man"]),
            institution="Police nationale", phone=f"+223 76 {n:02d} 00 00")  # fmt: skip
        enrolments.append(workspace.participants.enrol(session.id, person.id))
    periods = workspace.attendance.ensure_default_periods(session.id)
    return session, enrolments, periods


def timed(action, repeat: int) -> list[float]:  # noqa: ANN001
    figures = []
    for n in range(repeat):
        started = time.perf_counter()
        action(n)
        figures.append((time.perf_counter() - started) * 1000)
    return figures


def main() -> int:
    from trainer_desktop.bundles.exchange import export_bundle
    from trainer_desktop.core.workspace import open_workspace

    rng = random.Random(20221108)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # --- sizes and latency on a 40-participant, 3-day session
        workspace = open_workspace(folder / "session.sqlite")
        session, enrolments, periods = fill(workspace, 40, 3, rng)
        before = _db_bytes(workspace)
        signatures = [synthetic_signature(rng) for _ in range(len(enrolments) * len(periods))]
        print(f"a synthetic signature: {statistics.mean(map(len, signatures)):.0f} bytes encoded on "
              f"average (max {max(map(len, signatures))})")  # fmt: skip
        export_bundle(workspace, folder / "first-day", recipient="Head office")  # the watermark
        cells = [(e, p) for p in periods for e in enrolments]
        gc.freeze()  # as the app does once started (ui/app.py)

        def sign(n: int) -> None:
            enrolment, period = cells[n]
            workspace.attendance.sign_in(enrolment.id, period.id, signatures[n],
                                         at=dt.datetime.combine(period.day, period.start_time))  # fmt: skip
            workspace.attendance.grid(session.id)

        sign_ms = timed(sign, len(cells))
        day_two = export_bundle(workspace, folder / "day", recipient="Head office")
        whole = export_bundle(workspace, folder / "whole", sessions=[session.id])
        added = _db_bytes(workspace) - before

        def change(n: int) -> None:
            enrolment, period = cells[n % len(cells)]
            workspace.attendance.set_mark(enrolment.id, period.id, ("absent", "present")[n % 2])
            workspace.attendance.grid(session.id)

        change_ms = timed(change, 100)
        workspace.close()
        # the bundle of one day's changes: a session whose first day was already sent
        workspace = open_workspace(folder / "day.sqlite")
        session, enrolments, periods = fill(workspace, 40, 3, rng)
        first_day = [(e, p) for p in periods[:2] for e in enrolments]
        for n, (enrolment, period) in enumerate(first_day):
            workspace.attendance.sign_in(enrolment.id, period.id, signatures[n])
        export_bundle(workspace, folder / "until-yesterday", recipient="Head office")
        for n, (enrolment, period) in enumerate((e, p) for p in periods[2:4] for e in enrolments):
            workspace.attendance.sign_in(enrolment.id, period.id, signatures[n])
        one_day = export_bundle(workspace, folder / "one-day", recipient="Head office")
        workspace.close()
        # --- a big grid
        workspace = open_workspace(folder / "big.sqlite")
        big, big_enrolments, _ = fill(workspace, 200, 5, rng)
        big_periods = workspace.attendance.periods(big.id)
        for enrolment in big_enrolments:
            for period in big_periods[::2]:
                workspace.attendance.set_mark(enrolment.id, period.id, "present")
        grid_ms = timed(lambda _n: workspace.attendance.grid(big.id), 5)
        model_ms = _model_ms(workspace, big.id)
        workspace.close()

    def line(label: str, figures: list[float], target: float) -> None:
        worst = max(figures)
        print(f"{label}: median {statistics.median(figures):.1f} ms, worst {worst:.1f} ms "
              f"(target < {target:.0f} ms): {'OK' if worst < target else 'MISSED'}")  # fmt: skip

    line("sign-in committed + grid re-read (40 × 6)", sign_ms, 50)
    line("grid change committed + grid re-read", change_ms, 50)
    line(f"grid of {len(big_enrolments)} × {len(big_periods)}, core", grid_ms, 300)
    if model_ms is not None:
        line(f"grid of {len(big_enrolments)} × {len(big_periods)}, core + table model", model_ms, 300)
    for label, size, target in (
        ("40 × 6 signatures and marks in the database", added, 500_000),
        ("bundle of the whole session", whole.size, 1_000_000),
        ("bundle of one day's changes", one_day.size, 150_000),
    ):
        print(f"{label}: {size / 1000:.0f} KB (target < {target / 1000:.0f} KB): "
              f"{'OK' if size < target else 'MISSED'}")  # fmt: skip
    del day_two
    return 0


def _db_bytes(workspace) -> int:  # noqa: ANN001
    with workspace.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return os.path.getsize(workspace.path)


def _model_ms(workspace, session_id: str) -> list[float] | None:  # noqa: ANN001
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from trainer_desktop.ui.attendance_model import AttendanceGridModel
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model needs one
    figures = []
    for _ in range(5):
        started = time.perf_counter()
        grid = workspace.attendance.grid(session_id)
        model = AttendanceGridModel()
        model.set_grid(grid)
        figures.append((time.perf_counter() - started) * 1000)
    return figures


if __name__ == "__main__":
    sys.exit(main())

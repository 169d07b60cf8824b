#!/usr/bin/env python3
"""Reports on a coordinator's database: time and peak memory of each export.

Targets (issue 7), on the database of :mod:`report_data` (500 sessions, 20,000 participant
enrolments, attendance, tests and evaluations):

- the workbook across every session (``write_overview_workbook``) in under 30 s and 300 MB;
- the workbook of one 40-participant session (``write_session_workbook``).

Each export runs in a fresh process, so the peak resident memory it prints
(``ru_maxrss``) is the export's, not the building's; the same process's peak after only
importing and opening the database is printed beside it.

    python bench/bench_reports.py [sessions] [per_session]
    python bench/bench_reports.py --database /tmp/reports.sqlite   # built before by report_data.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGET_SECONDS = 30
TARGET_MB = 300


def peak_mb() -> float:
    """This process's peak resident memory (Linux gives kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def export(kind: str, database: str, out: str) -> None:
    """Run one export (in the child process) and print "seconds cpu_seconds peak_mb opened_mb"
    (the processor time too: on a busy machine the wall-clock time says little)."""
    from trainer_desktop.core.workspace import open_workspace

    workspace = open_workspace(Path(database))
    opened = peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "overview":
        from trainer_desktop.core.overview import OverviewFilter
        from trainer_desktop.reports.overview_workbook import write_overview_workbook

        write_overview_workbook(workspace, OverviewFilter(), Path(out))
    else:
        from trainer_desktop.core.sessions import TrainingSession
        from trainer_desktop.reports.session_workbook import write_session_workbook

        with workspace.db.read() as tx:
            session_id = tx.query(TrainingSession.id).order_by(TrainingSession.start_date).first()[0]
        write_session_workbook(workspace, session_id, Path(out))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    workspace.close()
    from openpyxl.xml import LXML

    print(f"{seconds:.3f} {cpu:.3f} {peak_mb():.1f} {opened:.1f} {int(LXML)}")


def measure(kind: str, database: Path, out: Path) -> tuple[float, float, float, float, bool]:
    """Seconds, processor seconds, peak MB, MB after opening, and whether openpyxl wrote with
    lxml (much of the workbook's time is XML writing, which lxml makes faster)."""
    result = subprocess.run([sys.executable, __file__, "--export", kind, str(database), str(out)],
                            capture_output=True, text=True, check=True)  # fmt: skip
    seconds, cpu, peak, opened, lxml = map(float, result.stdout.split())
    return seconds, cpu, peak, opened, bool(lxml)


def main(sessions: int = 500, per_session: int = 40, database: Path | None = None) -> int:
    """Build the database (or reuse ``database``, built by ``report_data.py``), then export."""
    from report_data import build

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if database is None:
            database = folder / "reports.sqlite"
            started = time.perf_counter()
            held = build(database, sessions, per_session)
            print(f"database: {held} in {time.perf_counter() - started:.1f} s")

        out = folder / "overview.xlsx"
        seconds, cpu, peak, opened, lxml = measure("overview", database, out)
        ok = seconds < TARGET_SECONDS and peak < TARGET_MB
        print(f"overview workbook: {seconds:.1f} s ({cpu:.1f} s of processor), peak {peak:.0f} MB (process after opening the "
              f"database: {opened:.0f} MB), {out.stat().st_size / 1e6:.1f} MB file, "
              f"{'with' if lxml else 'without'} lxml "
              f"— target < {TARGET_SECONDS} s and < {TARGET_MB} MB: {'ok' if ok else 'MISSED'}")  # fmt: skip

        out = folder / "session.xlsx"
        seconds, cpu, peak, opened, _lxml = measure("session", database, out)
        print(f"session workbook ({per_session} participants): {seconds:.2f} s ({cpu:.2f} s of "
              f"processor), peak {peak:.0f} MB "
              f"(after opening: {opened:.0f} MB), {out.stat().st_size / 1e3:.0f} kB file")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--export"]:
        export(*sys.argv[2:5])
    elif sys.argv[1:2] == ["--database"]:
        sys.exit(main(database=Path(sys.argv[2])))
    else:
        sys.exit(main(*(int(a) for a in sys.argv[1:3])))

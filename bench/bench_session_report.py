#!/usr/bin/env python3
"""The session report of the biggest demo session: time to write its PDF (issue 7).

Target: under 2 s for the 40-participant session: the OPJ workshop of the demo, 38 people over
3 days (6 sign-in periods), whose appendix prints the signed attendance sheets with 219 drawn
signatures. The signed sheet of one of its periods is timed too.

Each run is a new Python process that imports, opens the database and then times only the
export, so every figure includes what a trainer's first report after starting the application
costs (loading the fonts, the first drawing of each signature). The median of the runs is
compared with the target; the processor time beside it tells a slow machine from a busy one.

The demo database is built once with :func:`trainer_desktop.core.demo.load_demo` and cached
under the system's temporary folder, named after a digest of the demo's sources and of the
migrations (a change to either builds a new one); each run works on a copy, so the cache never
changes.

    python bench/bench_session_report.py [--runs N] [--rebuild]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 2.0
#: What the demo's content depends on: a change to one of these makes a new cached database.
DEMO_SOURCES = ("demo.py", "demo_people.py", "demo_quizzes.py", "signature_demo.py",
                "signatures.py")  # fmt: skip


def cached_demo(rebuild: bool = False) -> Path:
    """The demo database, built on first use (a few seconds) and kept for the next runs."""
    core = ROOT / "trainer_desktop" / "core"
    digest = hashlib.sha256()
    for name in DEMO_SOURCES:
        digest.update((core / name).read_bytes())
    for migration in sorted((core / "migrations" / "versions").glob("*.py")):
        digest.update(migration.name.encode())
    name = f"trainer-desktop-bench-demo-{digest.hexdigest()[:12]}.sqlite"
    path = Path(tempfile.gettempdir()) / name
    if path.exists() and not rebuild:
        return path
    from trainer_desktop.core.demo import load_demo
    from trainer_desktop.core.workspace import open_workspace

    started = time.perf_counter()
    building = path.with_suffix(".building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    workspace = open_workspace(building)
    load_demo(workspace)
    workspace.close()
    for extra in ("-wal", "-shm"):  # closed cleanly: the WAL is checkpointed
        Path(str(building) + extra).unlink(missing_ok=True)
    building.replace(path)
    print(f"demo database built in {time.perf_counter() - started:.1f} s: {path}")
    return path


def export(kind: str, database: str, out: str) -> None:
    """In the child: open the database, then time one export and print the seconds."""
    import gc

    from trainer_desktop.core.workspace import open_workspace
    from trainer_desktop.reports.attendance_pdf import write_attendance_sheet
    from trainer_desktop.reports.session_report_pdf import write_session_report

    workspace = open_workspace(Path(database))
    session = max(workspace.sessions.list(),
                  key=lambda s: len(workspace.participants.enrolled(s.id)))  # fmt: skip
    period = workspace.attendance.periods(session.id)[0]
    gc.freeze()  # as the application does once started (ui/app.py)
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "report":
        write_session_report(workspace, session.id, Path(out))
    else:
        write_attendance_sheet(workspace, session.id, period.id, Path(out), signed=True)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    people = len(workspace.participants.enrolled(session.id))
    signatures = len(workspace.attendance.grid(session.id).signed)
    workspace.close()
    print(f"{seconds:.3f} {cpu:.3f} {people} {signatures}")


def measure(kind: str, database: Path, folder: Path) -> tuple[float, float, int, int]:
    copy = folder / "demo.sqlite"
    shutil.copyfile(database, copy)
    result = subprocess.run(
        [sys.executable, __file__, "--export", kind, str(copy), str(folder / f"{kind}.pdf")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    seconds, cpu, people, signatures = result.stdout.split()[-4:]
    return float(seconds), float(cpu), int(people), int(signatures)


def main(runs: int = 3, rebuild: bool = False) -> int:
    database = cached_demo(rebuild)
    medians = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for kind, label in (("report", "session report"), ("sheet", "one signed sheet")):
            figures, cpus = [], []
            for _run in range(runs):
                seconds, cpu, people, signatures = measure(kind, database, folder)
                figures.append(seconds)
                cpus.append(cpu)
            medians[kind] = statistics.median(figures)
            runs_text = ", ".join(f"{s:.2f}" for s in figures)
            print(f"{label} ({people} participants, {signatures} signatures in the session): "
                  f"median {medians[kind]:.2f} s of {runs} runs ({runs_text}); "
                  f"CPU {statistics.median(cpus):.2f} s")  # fmt: skip
    verdict = "meets" if medians["report"] < TARGET_SECONDS else "MISSES"
    print(f"target: the session report under {TARGET_SECONDS:g} s: {verdict}")
    return 0 if verdict == "meets" else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--export":
        export(*sys.argv[2:])
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    arguments = parser.parse_args()
    sys.exit(main(arguments.runs, arguments.rebuild))

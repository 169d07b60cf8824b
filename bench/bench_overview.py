#!/usr/bin/env python3
"""The coordinator's overview on a head-office database (issue 7's target).

500 sessions, 20,000 participant enrolments (see :mod:`report_data`): each session with 4 to 6
sign-in periods and every mark, a pre-test and a post-test of 20 questions with nearly everyone's
answers (about 780,000 answers), and an evaluation form. Printed:

- the time of ``overview()`` over every session (target: a few seconds), and with a filter;
- the time of iterating ``person_rows()`` over the 20,000 rows, and of ``overview()`` handing
  them to ``on_person`` in its own pass (what the workbook does);
- the peak memory Python allocated for each (tracemalloc, measured in a second run since
  tracing slows the code down) and the process's max RSS.

The database takes minutes to make, so it is kept under the system's temp folder, named after its
parameters; later runs reuse it (delete it to make it again).

    python bench/bench_overview.py [--sessions 500] [--per-session 40]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def database(sessions: int, per_session: int) -> Path:
    """The cached database for these parameters, made if missing (under another name until it
    is complete, so an interrupted run never leaves half a database to reuse)."""
    from report_data import build

    folder = Path(tempfile.gettempdir()) / "trainer-desktop-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"report-data-{sessions}x{per_session}-v1.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in folder.glob(partial.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        print(f"making {path} (once) ...", flush=True)
        print(" ", build(partial, sessions, per_session), f"{time.perf_counter() - started:.0f} s", flush=True)
        partial.rename(path)
    return path


def measure(label: str, action: Callable[[], Any]) -> Any:
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    gc.collect()
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # CPU time beside wall time: on a busy machine the wall time says more about the others.
    print(f"{label}: {seconds:.2f} s ({cpu:.2f} s CPU), peak Python memory {peak / 2**20:.1f} MB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--per-session", type=int, default=40)
    args = parser.parse_args()

    from trainer_desktop.core.overview import OverviewFilter, filter_choices, overview, person_rows
    from trainer_desktop.core.workspace import open_workspace

    workspace = open_workspace(database(args.sessions, args.per_session))
    try:
        overview(workspace, OverviewFilter(region="-"))  # imports and first reads out of the way
        result = measure(f"overview of {args.sessions} sessions", lambda: overview(workspace))
        print(f"  {len(result.sessions)} sessions, {result.enrolments} enrolments, {result.people} people "
              f"{result.by_sex}, attendance {result.attendance_rate:.1%}, mean gain "
              f"{result.mean_gain:.1f} points, satisfaction {result.satisfaction:.1%}, "
              f"{result.responses} responses")  # fmt: skip
        region = filter_choices(workspace)["region"][0]
        narrowed = measure(f"overview of region {region}",
                           lambda: overview(workspace, OverviewFilter(region=region)))  # fmt: skip
        print(f"  {len(narrowed.sessions)} sessions, {narrowed.enrolments} enrolments")
        count = measure("person_rows, every row iterated",
                        lambda: sum(1 for _row in person_rows(workspace, OverviewFilter())))  # fmt: skip
        print(f"  {count} rows")
        heard: list[int] = []
        measure("overview hearing every row (on_person: the workbook's single pass)",
                lambda: overview(workspace, on_person=lambda _s, _r: heard.append(1)))  # fmt: skip
        print(f"  {len(heard) // 2} rows")  # measured twice
        print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        workspace.close()


if __name__ == "__main__":
    main()

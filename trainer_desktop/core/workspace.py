"""An opened database with the services that work on it: what the GUI, the command line and the
tests receive (no globals).

    workspace = open_workspace(path)
    session = workspace.sessions.create(title=..., start_date=..., end_date=...)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .attendance import AttendanceService
from .clock import HybridClock
from .database import Database, open_database
from .device import Device, Settings, ensure_device
from .duplicates import DuplicateService
from .merge import MergeReview
from .participants import ParticipantService
from .programme import ProgrammeService
from .sessions import SessionService

if TYPE_CHECKING:
    from .evaluations import EvaluationService
    from .quizzes import QuizService


@dataclass
class Workspace:
    db: Database
    device: Device
    clock: HybridClock
    settings: Settings
    sessions: SessionService
    programme: ProgrammeService
    participants: ParticipantService
    attendance: AttendanceService
    duplicates: DuplicateService
    merge_review: MergeReview

    # Pre/post tests and evaluation forms are imported when first used: their models cost
    # start-up time the sessions list does not need.
    @cached_property
    def quizzes(self) -> QuizService:
        from .quizzes import QuizService

        return QuizService(self.db, self.clock)

    @cached_property
    def evaluations(self) -> EvaluationService:
        from .evaluations import EvaluationService

        return EvaluationService(self.db, self.clock)

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()


def open_workspace(path: Path | str | None = None) -> Workspace:
    """Open (create and migrate if needed) the database at ``path`` and build its services."""
    db = open_database(path)
    device = ensure_device(db)
    clock = HybridClock(device.device_id)
    return Workspace(
        db=db,
        device=device,
        clock=clock,
        settings=Settings(db),
        sessions=SessionService(db, clock),
        programme=ProgrammeService(db, clock),
        participants=ParticipantService(db, clock),
        attendance=AttendanceService(db, clock),
        duplicates=DuplicateService(db, clock),
        merge_review=MergeReview(db, clock),
    )

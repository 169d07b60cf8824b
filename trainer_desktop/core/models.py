"""Every mapped model, imported in one place so the metadata is complete (migrations, export)."""

from .attendance import AttendanceMark, Signature, SignInPeriod
from .device import LocalClock, LocalDevice, LocalSetting
from .duplicates import ParticipantMatch
from .evaluations import EvaluationForm, FormAnswer, FormResponse, FormVersion, SessionForm
from .participants import Enrolment, Participant
from .programme import ProgrammeItem
from .quizzes import Quiz, QuizAnswer, QuizAttempt, QuizVersion, SessionQuiz
from .records import Base
from .sessions import TrainingSession
from .sync_state import LocalBundleImport, LocalKnownDevice, LocalMergeEvent, LocalWatermark

__all__ = [
    "AttendanceMark", "Base", "Enrolment", "EvaluationForm", "FormAnswer", "FormResponse",
    "FormVersion", "SessionForm", "LocalBundleImport", "LocalClock", "LocalDevice", "LocalKnownDevice", "LocalMergeEvent",
    "LocalSetting", "LocalWatermark", "Participant", "ParticipantMatch", "ProgrammeItem", "Quiz", "QuizAnswer", "QuizAttempt",
    "QuizVersion", "SessionQuiz", "Signature", "SignInPeriod",
    "TrainingSession",
]  # fmt: skip

"""Every mapped model, imported in one place so the metadata is complete (migrations, export)."""

from .device import LocalClock, LocalDevice, LocalSetting
from .programme import ProgrammeItem
from .records import Base
from .sessions import TrainingSession

__all__ = ["Base", "LocalClock", "LocalDevice", "LocalSetting", "ProgrammeItem", "TrainingSession"]

"""Every mapped model, imported in one place so the metadata is complete (migrations, export)."""

from .device import LocalClock, LocalDevice, LocalSetting
from .programme import ProgrammeItem
from .records import Base
from .sessions import TrainingSession
from .sync_state import LocalBundleImport, LocalKnownDevice, LocalMergeEvent, LocalWatermark

__all__ = [
    "Base", "LocalBundleImport", "LocalClock", "LocalDevice", "LocalKnownDevice", "LocalMergeEvent",
    "LocalSetting", "LocalWatermark", "ProgrammeItem", "TrainingSession",
]  # fmt: skip

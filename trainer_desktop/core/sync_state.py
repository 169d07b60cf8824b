"""What this laptop remembers about exchanges: never synchronised, never exported.

- ``local_bundle_import``: each bundle id imported here, once, with its summary;
- ``local_known_device``: the devices whose bundles were imported, with their public keys
  (the first bundle from a device records its key; a later one with another key is refused);
- ``local_merge_event``: what a merge wants a person to look at: a conflict (a value that lost to
  a concurrent edit, which the coordinator can put back), a quarantined submitted record (same id,
  different content: never overwritten), a stamp far in the future (a laptop with a wrong date);
- ``local_watermark``: per recipient, the last change already sent (to make bundles smaller).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .records import Base


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class LocalBundleImport(Base):
    __tablename__ = "local_bundle_import"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_device_id: Mapped[str] = mapped_column(String(64))
    source_device_name: Mapped[str] = mapped_column(String(200))
    created_hlc: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 of the file as received: the same bytes again are recognised without opening them.
    file_sha256: Mapped[str] = mapped_column(String(64), index=True, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class LocalKnownDevice(Base):
    __tablename__ = "local_known_device"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(100))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class LocalMergeEvent(Base):
    __tablename__ = "local_merge_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # conflict | quarantine | future
    table_name: Mapped[str] = mapped_column(String(100))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSON)  # the losing value, or the quarantined record
    stamp: Mapped[str] = mapped_column(String(64))  # the stamp that came with ``value``
    winning_stamp: Mapped[str | None] = mapped_column(String(64))
    bundle_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class LocalWatermark(Base):
    __tablename__ = "local_watermark"

    recipient_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    recipient: Mapped[str] = mapped_column(String(200))
    local_seq: Mapped[int] = mapped_column(Integer)
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

"""Synchronised records: the shape every merged table shares, and the only code that stamps them.

Every synchronised record has
- ``id``: a random UUID (text), the same on every laptop that holds the record;
- ``hlc``: the hybrid-logical-clock stamp of its last change (see :mod:`.clock`);
- ``device_id``: the device that made that change;
- ``deleted``: a tombstone; records are never removed, so a deletion travels and wins;
- ``stamps``: the stamp of the last change of each field whose stamp differs from ``hlc`` (the
  others' is ``hlc``: see :func:`compact`), so that two laptops editing different fields of one
  record both keep their change (last writer wins field by field);
- ``bases``: for each field, the stamp of the value that the last change replaced. A merge uses
  it to tell a real conflict (two laptops changed the field without seeing each other's change)
  from an older copy arriving late (nothing to report).

``hlc`` is the greatest field stamp and ``device_id`` its device, so they converge with the
fields. A local column, ``local_seq``, numbers the write transactions of this database
(for "what changed since the last bundle to X"); it is never exported.

An edit always wins over the value it replaces: its stamp is at least just past that value's
stamp, even when that stamp comes from a laptop whose clock was years ahead. So a wrong clock
can win a field only until someone edits it.

A model declares which kind of record it is in ``__sync_kind__``: ``"edited"`` (people edit it:
sessions, programme items...) or ``"submitted"`` (people submit it once: sign-ins, quiz attempts,
immutable). Bundles (a later issue) merge generically from these declarations.

Creations, edits and deletions go through :func:`create`, :func:`update` and :func:`tombstone`
so the stamps are always right. Local-only tables (device, settings, clock) do not use the mixin
and never travel.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, ClassVar, Literal, TypeVar

from sqlalchemy import JSON, Boolean, Integer, MetaData, String, event, func, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .clock import Stamp
from .errors import NotFoundError

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SyncKind = Literal["edited", "submitted"]
#: Columns managed by this module, not edited by users.
SYNC_COLUMNS = ("id", "hlc", "device_id", "deleted", "stamps", "bases", "local_seq")
#: Columns that stay on this laptop (never exported, never in bundles).
LOCAL_COLUMNS = ("local_seq",)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedRecord:
    """Mixin for every table that travels in bundles."""

    __sync_kind__: ClassVar[SyncKind] = "edited"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))  # never searched: no index (it costs space)
    device_id: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    stamps: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    bases: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    local_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)


R = TypeVar("R", bound=SyncedRecord)


def new_id() -> str:
    return str(uuid.uuid4())


def data_columns(model: type[SyncedRecord]) -> list[str]:
    """The user-data columns of a synchronised model (everything but the sync columns)."""
    return [c.key for c in inspect(model).column_attrs if c.key not in SYNC_COLUMNS]


def synced_models() -> list[type[SyncedRecord]]:
    """Every synchronised model, parents before children (foreign-key order). Some models are
    imported only when first used (start-up time), so this imports them all first: a bundle or
    an export must never miss a table."""
    from . import models  # noqa: F401

    by_table = {
        mapper.local_table.name: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, SyncedRecord)
    }
    return [by_table[t.name] for t in Base.metadata.sorted_tables if t.name in by_table]


def foreign_keys(model: type[SyncedRecord]) -> list[tuple[str, str]]:
    """(column, parent table) of each foreign key of ``model``."""
    return [(fk.parent.name, fk.column.table.name) for fk in model.__table__.foreign_keys]


def stamped_fields(model: type[SyncedRecord]) -> list[str]:
    """The fields that carry a stamp: the user data and the tombstone."""
    return [*data_columns(model), "deleted"]


def full_stamps(stamps: dict[str, str] | None, hlc: str, fields: list[str]) -> dict[str, str]:
    """Every field's stamp: those stored, and ``hlc`` for the others (see :func:`compact`)."""
    stamps = stamps or {}
    return {name: stamps.get(name, hlc) for name in fields}


def compact(full: dict[str, str]) -> tuple[str, dict[str, str]]:
    """(hlc, stamps) from every field's stamp: ``hlc`` is the greatest, and only the stamps that
    differ from it are stored. A record made in one go stores none; one edited once stores the
    fields left behind. One canonical form, so two databases holding the same data agree."""
    latest = max(full.values())
    return latest, {name: stamp for name, stamp in full.items() if stamp != latest}


def field_stamp(record: SyncedRecord, name: str) -> str:
    """The stamp of the last change of one field."""
    return (record.stamps or {}).get(name, record.hlc)


def create(model: type[R], stamp: Stamp, values: dict[str, Any], record_id: str | None = None) -> R:
    """A new record with every field stamped ``stamp``. The caller adds it to the session."""
    unknown = set(values) - set(data_columns(model))
    if unknown:
        raise TypeError(f"{model.__name__} has no field(s) {sorted(unknown)}")
    record = model(
        id=record_id or new_id(),
        hlc=stamp.encode(),
        device_id=stamp.device_id,
        deleted=False,
        stamps={},  # every field has the record's stamp: nothing to store
        bases={},
        **values,
    )
    return record


def _same(a: Any, b: Any) -> bool:
    # Dates and times compare by value; a float 2.0 and an int 2 are the same number.
    if isinstance(a, dt.datetime | dt.date | dt.time) or isinstance(b, dt.datetime | dt.date | dt.time):
        return a == b and type(a) is type(b)
    return a == b


def update(record: SyncedRecord, stamp: Stamp, changes: dict[str, Any]) -> list[str]:
    """Apply ``changes`` and stamp the fields that really changed; returns their names."""
    if record.__sync_kind__ == "submitted":
        raise TypeError(f"{type(record).__name__} records are immutable once submitted")
    columns = set(data_columns(type(record)))
    unknown = set(changes) - columns
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field(s) {sorted(unknown)}")
    changed = [k for k, v in changes.items() if not _same(getattr(record, k), v)]
    if changed:
        _stamp_fields(record, stamp, {name: changes[name] for name in changed})
    return changed


def _successor(encoded: str, device_id: str) -> str:
    previous = Stamp.parse(encoded)
    return Stamp(previous.wall_ms, previous.counter + 1, device_id).encode()


def _stamp_fields(record: SyncedRecord, stamp: Stamp, values: dict[str, Any]) -> None:
    full = full_stamps(record.stamps, record.hlc, stamped_fields(type(record)))
    bases = dict(record.bases or {})
    encoded = stamp.encode()
    for name, value in values.items():
        setattr(record, name, value)
        replaced = full[name]
        # The edit wins over what it replaces, even a stamp from a clock set in the future.
        full[name] = max(encoded, _successor(replaced, stamp.device_id))
        bases[name] = replaced
    record.bases = bases
    record.hlc, record.stamps = compact(full)
    record.device_id = Stamp.parse(record.hlc).device_id


def derive_last_change(record: SyncedRecord) -> None:
    """Bring ``hlc``, ``device_id`` and ``stamps`` back to the canonical form after ``stamps``
    was set directly (tests that forge a stamp do)."""
    record.hlc, record.stamps = compact(
        full_stamps(record.stamps, record.hlc, stamped_fields(type(record)))
    )
    record.device_id = Stamp.parse(record.hlc).device_id


def _set_deleted(record: SyncedRecord, stamp: Stamp, deleted: bool) -> bool:
    if record.deleted == deleted:
        return False
    _stamp_fields(record, stamp, {"deleted": deleted})
    return True


def tombstone(record: SyncedRecord, stamp: Stamp) -> bool:
    """Mark ``record`` deleted (never removed, so the deletion travels). False if it already was."""
    return _set_deleted(record, stamp, True)


def restore(record: SyncedRecord, stamp: Stamp) -> bool:
    """Undo a deletion with a newer stamp (a local undo; an older bundle never undoes one)."""
    return _set_deleted(record, stamp, False)


def live(tx: Session, model: type[R], record_id: str, message: str) -> R:
    """The record ``record_id`` of ``model``, unless it is missing or deleted: then
    :class:`NotFoundError` with ``message`` (translated by the caller, naming what is gone)."""
    record = tx.get(model, record_id)
    if record is None or record.deleted:
        raise NotFoundError(message)
    return record


def made_at(model: type[SyncedRecord], name: str) -> Any:
    """SQL for when a field of a submitted record was written: its ``hlc``, unless a later
    change of the tombstone moved that (then the field's own stamp is kept in ``stamps``)."""
    return func.coalesce(func.json_extract(model.stamps, f"$.{name}"), model.hlc)


def latest_values(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, dict[str, str]]:
    """From (owner, key, value, stamp) rows of submitted records — answers given again or
    corrected, never overwritten — owner -> key -> the value with the latest stamp. An empty
    latest value (an answer cleared) is left out."""
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for owner, key, value, stamp in rows:
        seen = latest.get((owner, key))
        if seen is None or stamp > seen[0]:
            latest[(owner, key)] = (stamp, value)
    out: dict[str, dict[str, str]] = {}
    for (owner, key), (_stamp, value) in latest.items():
        if value:
            out.setdefault(owner, {})[key] = value
    return out


def to_json_value(value: Any) -> Any:
    """A column value as JSON: dates and times in ISO format, bytes in base64."""
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def as_dict(record: SyncedRecord) -> dict[str, Any]:
    """Every synchronised column of ``record`` as JSON-ready values; local columns left out."""
    return {
        attr.key: to_json_value(getattr(record, attr.key))
        for attr in inspect(type(record)).column_attrs
        if attr.key not in LOCAL_COLUMNS
    }


@event.listens_for(Session, "before_flush")
def _number_local_changes(session: Session, _context: object, _instances: object) -> None:
    """Give every synchronised record written in this transaction the transaction's number."""
    touched = [r for r in (*session.new, *session.dirty) if isinstance(r, SyncedRecord)]
    if not touched:
        return
    seq = session.info.get("local_seq")
    if seq is None:
        from .clock import next_local_seq

        seq = session.info["local_seq"] = next_local_seq(session)
    for record in touched:
        record.local_seq = seq


@event.listens_for(Session, "after_transaction_end")
def _forget_local_seq(session: Session, transaction: object) -> None:
    if getattr(transaction, "parent", None) is None:
        session.info.pop("local_seq", None)

"""Merging records that came from another laptop: generic over every synchronised model.

The rules (also in docs/merge.md):

- **Edited records** (``__sync_kind__ = "edited"``: sessions, programme items, ...): last writer
  wins *field by field*, comparing the fields' hybrid-logical-clock stamps (time, counter, then
  device id). When the losing value was a concurrent edit — the winner was made without seeing
  it, which the winner's *base* stamp tells — the losing value is kept in the conflict log
  (``local_merge_event``), from which the coordinator can put it back as a new edit. An older copy
  arriving late is not a conflict: its values were knowingly replaced.
- **Submitted records** (``"submitted"``: signatures, quiz answers, frozen quiz versions,
  evaluation responses): never changed once written. The same id with the same content is the
  same record (a quiz version's id is derived from its content, so two laptops may make it): each
  field keeps the later of its two stamps, so the copies converge; the same id with different
  content is quarantined (logged, shown) and never overwrites. Only the tombstone travels.
- **Deletions** are the ``deleted`` field under the same rule: an older bundle never undoes one.
- **Future stamps**: a stamp more than :data:`MAX_CLOCK_AHEAD_MS` ahead of this laptop's clock is
  flagged. It is merged like any other (so every laptop converges), but cannot win forever: the
  next edit of that field always beats it (see ``records``), and this laptop's clock does not
  follow it beyond the allowed drift.
- After a merge the local clock is past every (plausible) imported stamp, so the next local edit
  wins.

The result does not depend on the order in which bundles are imported, nor on how many times.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, Time
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .clock import HybridClock, Stamp, wall_clock_ms
from .errors import UserError
from .i18n import _
from .records import (
    LOCAL_COLUMNS, SyncedRecord, compact, data_columns, full_stamps, stamped_fields, to_json_value,
)  # fmt: skip
from .sync_state import LocalMergeEvent, utc_now

MAX_CLOCK_AHEAD_MS = 24 * 3600 * 1000
_CHUNK = 500


class RecordRefused(UserError):
    """A record in a bundle is malformed: the whole bundle is refused."""


@dataclass
class MergeCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: int = 0
    future: int = 0

    def __iadd__(self, other: MergeCounts) -> MergeCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --- decoding: JSON values -> typed column values, refusing anything malformed ----------------


def _refuse(table: str, record_id: Any, field: str, problem: str) -> RecordRefused:
    return RecordRefused(
        _("Record {record} of {table}, field “{field}”: {problem}").format(
            record=str(record_id)[:40], table=table, field=field, problem=problem
        )
    )


_STAMP = re.compile(r"\d{15}-\d{6}-[0-9A-Za-z_]{1,64}")
#: The stamp of a field a sender's version did not have: older than any real change.
_OLDEST = "000000000000000-000000-0"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false"))
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(_("expected a whole number"))
    return value


def _text(length: int | None) -> Any:
    def decode(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(_("expected text"))
        if length and len(value) > length:
            raise ValueError(_("text longer than {n} characters").format(n=length))
        return value

    return decode


def _iso(parse: Any) -> Any:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(_("expected a date or time"))
        return parse(value)

    return decode


def _stamp(value: Any) -> str:
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        raise ValueError(_("not a clock stamp"))
    return value


def _stamp_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(_("expected a map of clock stamps"))
    try:
        distinct = set(value.values())  # a record's fields mostly share one or two stamps
    except TypeError:  # an unhashable value (a list, a map) is no stamp
        raise ValueError(_("not a clock stamp")) from None
    for stamp in distinct:
        _stamp(stamp)
    return value  # its keys are strings: it came from JSON


def _decoder(column: Any) -> Any:
    """A function turning a JSON value into the column's Python value (or raising ValueError)."""
    if column.name in ("stamps", "bases"):
        return _stamp_map
    if column.name == "hlc":
        return _stamp
    kind = column.type
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _integer
    if isinstance(kind, DateTime):
        return _iso(dt.datetime.fromisoformat)
    if isinstance(kind, Date):
        return _iso(dt.date.fromisoformat)
    if isinstance(kind, Time):
        return _iso(dt.time.fromisoformat)
    if isinstance(kind, LargeBinary):
        return lambda value: base64.b64decode(value, validate=True)
    if isinstance(kind, JSON):
        return lambda value: value
    if isinstance(kind, String):
        return _text(kind.length)
    raise TypeError(f"no decoder for {kind!r}")  # a model type this module does not know: a bug


def _decode_value(column: Any, value: Any) -> Any:
    if value is None:
        if not column.nullable:
            raise ValueError(_("a value is required"))
        return None
    return _decoder(column)(value)


@cache
def _plan(model: type[SyncedRecord]) -> tuple[tuple[str, Any, bool, Any], ...]:
    """Per column: (name, decoder, nullable, default for a record from an older version)."""
    plan = []
    for column in model.__table__.columns:
        if column.name in LOCAL_COLUMNS:
            continue
        default: Any = None
        if column.name in ("stamps", "bases"):
            default = dict
        elif column.default is not None:
            arg = column.default.arg
            default = (lambda arg=arg: arg(None)) if callable(arg) else (lambda arg=arg: arg)
        elif column.nullable:
            default = lambda: None  # noqa: E731
        plan.append((column.name, _decoder(column), column.nullable, default))
    return tuple(plan)


@cache
def _expected_fields(model: type[SyncedRecord]) -> frozenset[str]:
    return frozenset(name for name, *_rest in _plan(model))


@cache
def _stamped_fields(model: type[SyncedRecord]) -> frozenset[str]:
    return frozenset([*data_columns(model), "deleted"])


def decode_record(model: type[SyncedRecord], raw: Any) -> dict[str, Any]:
    """Typed values of one record from a bundle; raises :class:`RecordRefused` naming the
    table, the record and the field. Fields an older version did not have get their default."""
    table = model.__tablename__
    if not isinstance(raw, dict):
        raise _refuse(table, "?", "-", _("not a record"))
    record_id = raw.get("id")
    if not isinstance(record_id, str) or not _UUID.fullmatch(record_id):
        raise _refuse(table, record_id, "id", _("not a record id"))
    unknown = raw.keys() - _expected_fields(model)
    if unknown:
        raise _refuse(table, record_id, sorted(unknown)[0], _("unknown field"))
    out: dict[str, Any] = {}
    missing: list[str] = []
    for name, decode, nullable, default in _plan(model):
        try:
            if name not in raw:
                if default is None:
                    raise ValueError(_("missing"))
                out[name] = default()  # a field an older version did not have
                if name in _stamped_fields(model):
                    missing.append(name)
                continue
            value = raw[name]
            if value is None:
                if not nullable:
                    raise ValueError(_("a value is required"))
                out[name] = None
            else:
                out[name] = decode(value)
        except (ValueError, binascii.Error) as exc:
            raise _refuse(table, record_id, name, str(exc) or _("invalid value")) from None
    stamps = out["stamps"]
    if stamps.keys() - _stamped_fields(model):
        raise _refuse(table, record_id, "stamps", _("stamps do not match the fields"))
    if any(stamp >= out["hlc"] for stamp in stamps.values()):  # the canonical form (compact)
        raise _refuse(table, record_id, "hlc", _("does not match the field stamps"))
    if missing:  # fields this version has and the sender's did not: they never win a merge
        stamps = out["stamps"] = {**stamps, **dict.fromkeys(missing, _OLDEST)}
    validate = getattr(model, "__validate__", None)  # a model's own check (a quiz's questions)
    if validate is not None:
        try:
            validate(out)
        except (ValueError, TypeError) as exc:
            raise _refuse(table, record_id, "-", str(exc) or _("invalid value")) from None
    return out


# --- merging ----------------------------------------------------------------------------------


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _TableIO:
    """Plain sqlite3 statements for one table, with SQLAlchemy's own value processors (so what
    is stored is exactly what the ORM would store), without its per-statement work: importing a
    bundle runs a few small statements per table, and that overhead dominated."""

    _cache: dict[type, _TableIO] = {}

    def __init__(self, model: type[SyncedRecord], dialect: Any) -> None:
        columns = list(model.__table__.columns)
        self.names = [c.name for c in columns]
        types = [c.type.dialect_impl(dialect) for c in columns]  # SQLite's own Date, Time...
        self.bind = [t.bind_processor(dialect) for t in types]
        self.result = [t.result_processor(dialect, None) for t in types]
        table = model.__tablename__
        quoted = ", ".join(f'"{n}"' for n in self.names)
        self.select = f'SELECT {quoted} FROM "{table}" WHERE id IN '
        self.insert_sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
        others = [n for n in self.names if n != "id"]
        assignments = ", ".join(f'"{n}" = ?' for n in others)
        self.update_sql = f'UPDATE "{table}" SET {assignments} WHERE id = ?'
        self.update_order = [self.names.index(n) for n in others] + [self.names.index("id")]

    @classmethod
    def of(cls, model: type[SyncedRecord], dialect: Any) -> _TableIO:
        if model not in cls._cache:
            cls._cache[model] = cls(model, dialect)
        return cls._cache[model]

    def _row(self, record: dict[str, Any]) -> list[Any]:
        return [value if bind is None or value is None else bind(value)
                for bind, value in zip(self.bind, (record[n] for n in self.names), strict=True)]  # fmt: skip

    def fetch(self, raw: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
        rows = raw.execute(self.select + f"({', '.join('?' * len(ids))})", ids).fetchall()
        out = {}
        for row in rows:
            record = {name: (value if process is None or value is None else process(value))
                      for name, process, value in zip(self.names, self.result, row, strict=True)}  # fmt: skip
            out[record["id"]] = record
        return out

    def insert(self, raw: Any, records: list[dict[str, Any]]) -> None:
        if records:
            raw.executemany(self.insert_sql, [self._row(r) for r in records])

    def update(self, raw: Any, records: list[dict[str, Any]]) -> None:
        if records:
            rows = [self._row(r) for r in records]
            raw.executemany(self.update_sql, [[row[i] for i in self.update_order] for row in rows])


class Merger:
    """Merges decoded records within the caller's transaction.

    Rows are read once into an in-memory overlay (:meth:`prefetch`), records are merged into the
    overlay in order (:meth:`merge_into`, which only changes memory, so a bundle refused before
    it is merged leaves no trace), and :meth:`write` writes every changed row, the merge events
    and the clock at the end: a few statements for many bundles.
    """

    def __init__(self, tx: Session | Connection, clock: HybridClock, bundle_id: str,
                 local_seq: int) -> None:  # fmt: skip
        self.tx = tx
        connection = tx.connection() if isinstance(tx, Session) else tx
        #: The sqlite3 connection under the caller's transaction: the hot statements go straight
        #: to it (see _TableIO), the rest through SQLAlchemy.
        self.raw = connection.connection.driver_connection
        self.dialect = connection.dialect
        self.clock = clock
        #: The bundle being merged (merge events name it).
        self.bundle_id = bundle_id
        self.local_seq = local_seq
        #: Stamps above this are "far in the future" (compared as strings).
        self.future_from = Stamp(wall_clock_ms() + MAX_CLOCK_AHEAD_MS, 10**6 - 1, "~").encode()
        self.latest_plausible: str | None = None
        self.events: list[dict[str, Any]] = []
        #: Per model: id -> current row (from the database, then as merged).
        self.rows: dict[type[SyncedRecord], dict[str, dict[str, Any]]] = {}
        #: Per model: ids read from the database but absent there.
        self._absent: dict[type[SyncedRecord], set[str]] = {}
        #: Per model: id -> "insert" or "update", for what :meth:`write` must write.
        self.dirty: dict[type[SyncedRecord], dict[str, str]] = {}

    def _event(self, kind: str, table: str, record_id: str, field: str | None, value: Any,
               stamp: str, winning: str | None) -> None:  # fmt: skip
        self.events.append(
            {"kind": kind, "table_name": table, "record_id": record_id, "field": field,
             "value": to_json_value(value), "stamp": stamp, "winning_stamp": winning,
             "bundle_id": self.bundle_id, "at": utc_now(), "resolved": False}  # fmt: skip
        )

    def prefetch(self, model: type[SyncedRecord], ids: Iterable[str]) -> None:
        """Read the rows with these ids (those not read yet) into the overlay."""
        rows = self.rows.setdefault(model, {})
        absent = self._absent.setdefault(model, set())
        wanted = [i for i in set(ids) if i not in rows and i not in absent]
        io = _TableIO.of(model, self.dialect)
        for batch in _chunks(wanted):
            found = io.fetch(self.raw, batch)
            rows.update(found)
            absent.update(i for i in batch if i not in found)

    def knows(self, model: type[SyncedRecord], record_id: str) -> bool:
        """Whether the record exists, in the database or merged so far (after a prefetch)."""
        return record_id in self.rows.get(model, {})

    def merge(self, model: type[SyncedRecord], records: list[dict[str, Any]]) -> MergeCounts:
        """Prefetch and merge ``records`` (written by :meth:`write`)."""
        self.prefetch(model, (r["id"] for r in records))
        return self.merge_into(model, records)

    def merge_into(self, model: type[SyncedRecord], records: list[dict[str, Any]]) -> MergeCounts:
        """Merge into the overlay; the records' ids must have been prefetched."""
        counts = MergeCounts()
        rows = self.rows.setdefault(model, {})
        dirty = self.dirty.setdefault(model, {})
        for incoming in records:
            self._check_future(model, incoming, counts)
            record_id = incoming["id"]
            local = rows.get(record_id)
            if local is None:
                rows[record_id] = incoming
                dirty[record_id] = "insert"
                counts.added += 1
                continue
            if model.__sync_kind__ == "submitted":
                merged = self._merge_submitted(model, local, incoming, counts)
            else:
                merged = self._merge_edited(model, local, incoming, counts)
            if merged is None:
                counts.unchanged += 1
            else:
                rows[record_id] = merged
                dirty.setdefault(record_id, "update")
                counts.updated += 1
        return counts

    def write(self) -> None:
        """Write every changed row, the merge events, and move the clock past what was seen."""
        for model, dirty in self.dirty.items():
            io = _TableIO.of(model, self.dialect)
            rows = self.rows[model]
            inserts, updates = [], []
            for record_id, action in dirty.items():
                row = rows[record_id]
                row["local_seq"] = self.local_seq
                (inserts if action == "insert" else updates).append(row)
            io.insert(self.raw, inserts)
            io.update(self.raw, updates)
        self.dirty = {}
        if self.events:
            self.tx.execute(insert(LocalMergeEvent.__table__), self.events)
            self.events = []
        if self.latest_plausible:
            self.clock.observe(self.tx, Stamp.parse(self.latest_plausible))

    def _check_future(self, model: type[SyncedRecord], incoming: dict[str, Any],
                      counts: MergeCounts) -> None:  # fmt: skip
        latest = incoming["hlc"]
        if latest > self.future_from:  # fixed-width stamps compare as strings
            counts.future += 1
            self._event("future", model.__tablename__, incoming["id"], None, None, latest, None)
            plausible = [s for s in incoming["stamps"].values() if s <= self.future_from]
            latest = max(plausible) if plausible else None
        if latest and (self.latest_plausible is None or latest > self.latest_plausible):
            self.latest_plausible = latest

    def _merge_edited(self, model: type[SyncedRecord], local: dict[str, Any],
                      incoming: dict[str, Any], counts: MergeCounts) -> dict[str, Any] | None:  # fmt: skip
        table = model.__tablename__
        fields = stamped_fields(model)
        ours_all = full_stamps(local["stamps"], local["hlc"], fields)
        theirs_all = full_stamps(incoming["stamps"], incoming["hlc"], fields)
        local_bases, in_bases = local["bases"] or {}, incoming["bases"]
        merged = dict(local)
        stamps, bases = dict(ours_all), dict(local_bases)
        changed = False
        for name in fields:
            theirs, ours = theirs_all[name], ours_all[name]
            if theirs == ours:
                continue
            if theirs > ours:
                if local[name] != incoming[name] and in_bases.get(name, "") < ours:
                    counts.conflicts += 1
                    self._event("conflict", table, local["id"], name, local[name], ours, theirs)
                merged[name] = incoming[name]
                stamps[name] = theirs
                if name in in_bases:
                    bases[name] = in_bases[name]
                else:
                    bases.pop(name, None)
                changed = True
            elif local[name] != incoming[name] and local_bases.get(name, "") < theirs:
                counts.conflicts += 1
                self._event("conflict", table, local["id"], name, incoming[name], theirs, ours)
        if not changed:
            return None
        merged["bases"] = bases
        merged["hlc"], merged["stamps"] = compact(stamps)
        merged["device_id"] = Stamp.parse(merged["hlc"]).device_id
        return merged

    def _merge_submitted(self, model: type[SyncedRecord], local: dict[str, Any],
                         incoming: dict[str, Any], counts: MergeCounts) -> dict[str, Any] | None:  # fmt: skip
        content = data_columns(model)
        if any(local[name] != incoming[name] for name in content):
            counts.refused += 1
            self._event("quarantine", model.__tablename__, local["id"], None,
                        _jsonable_record(incoming), incoming["hlc"], local["hlc"])  # fmt: skip
            return None
        # The same content: the same record, perhaps made on two laptops (a quiz version's id
        # is derived from its content). Each field keeps the later of its two stamps, so every
        # laptop ends with the same stamps whatever the order; only the tombstone can differ.
        fields = stamped_fields(model)
        ours_all = full_stamps(local["stamps"], local["hlc"], fields)
        theirs_all = full_stamps(incoming["stamps"], incoming["hlc"], fields)
        joined = {name: max(ours_all[name], theirs_all[name]) for name in fields}
        if joined == ours_all:
            return None
        merged = dict(local)
        if theirs_all["deleted"] > ours_all["deleted"]:
            merged["deleted"] = incoming["deleted"]
            bases = dict(local["bases"] or {})
            if "deleted" in (incoming["bases"] or {}):
                bases["deleted"] = incoming["bases"]["deleted"]
            else:
                bases.pop("deleted", None)
            merged["bases"] = bases
        merged["hlc"], merged["stamps"] = compact(joined)
        merged["device_id"] = Stamp.parse(merged["hlc"]).device_id
        return merged


def _jsonable_record(record: dict[str, Any]) -> dict[str, Any]:
    return {k: to_json_value(v) for k, v in record.items()}


def encode_record_line(record: dict[str, Any]) -> bytes:
    """One JSON line for a bundle member (sorted keys, UTF-8)."""
    return json.dumps(_jsonable_record(record), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8") + b"\n"  # fmt: skip


def iter_json_lines(lines: Iterable[bytes], table: str) -> Iterator[Any]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except (ValueError, UnicodeDecodeError):
            raise RecordRefused(
                _("Line {line} of the {table} records is not valid JSON.").format(
                    line=number, table=table
                )
            ) from None


# --- reviewing what a merge flagged -------------------------------------------------------------


class MergeReview:
    """The coordinator's view of conflicts, quarantined records and future stamps."""

    def __init__(self, db: Any, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def open_events(self, kind: str | None = None) -> list[LocalMergeEvent]:
        query = select(LocalMergeEvent).where(LocalMergeEvent.resolved.is_(False))
        if kind:
            query = query.where(LocalMergeEvent.kind == kind)
        with self._db.read() as tx:
            return list(tx.scalars(query.order_by(LocalMergeEvent.at.desc(), LocalMergeEvent.id)))

    def dismiss(self, event_id: int) -> None:
        """Keep what the merge chose; the event leaves the list."""
        with self._db.write() as tx:
            event = tx.get(LocalMergeEvent, event_id)
            if event is None:
                raise UserError(_("This merge event no longer exists."))
            event.resolved = True

    def restore_losing_value(self, event_id: int) -> None:
        """Put a conflict's losing value back, as a new edit (which travels like any other)."""
        from . import records

        with self._db.write() as tx:
            event = tx.get(LocalMergeEvent, event_id)
            if event is None or event.kind != "conflict" or not event.field:
                raise UserError(_("Only a conflict's losing value can be put back."))
            model = next(m for m in records.synced_models() if m.__tablename__ == event.table_name)
            record = tx.get(model, event.record_id)
            if record is None:
                raise UserError(_("This record no longer exists."))
            column = model.__table__.columns[event.field]
            value = _decode_value(column, event.value)
            stamp = self._clock.tick(tx)
            if event.field == "deleted":
                (records.tombstone if value else records.restore)(record, stamp)
            else:
                records.update(record, stamp, {event.field: value})
            event.resolved = True

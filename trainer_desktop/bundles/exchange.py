"""Export a bundle, inspect one, import many: the operations behind the GUI and the command line.

Export writes one ``.tdbundle`` atomically (temporary file, fsync, rename). Its scope is the whole
database, chosen sessions (with everything under them), or only what changed since the last
bundle for a recipient. Every bundle also carries the parents of what it holds, so it can be
imported on its own, in any order.

Import verifies everything about a bundle before writing anything — structure, sizes, checksums,
signature, trusted key, format and schema version, every record's fields — then merges it in a
savepoint of one transaction: all of it or nothing. A bundle id is imported at most once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from trainer_desktop.core.clock import next_local_seq
from trainer_desktop.core.database import KNOWN_REVISIONS, SCHEMA_REVISION, describe_sqlite_error
from trainer_desktop.core.errors import DatabaseUnavailable, UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.merge import (
    Merger, MergeCounts, RecordRefused, decode_record, encode_record_line, iter_json_lines,
)  # fmt: skip
from trainer_desktop.core.records import SyncedRecord, as_dict, synced_models
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.core.sync_state import LocalBundleImport, LocalWatermark, utc_now
from trainer_desktop.core.workspace import Workspace

from . import encryption, keys
from .archive import (
    FORMAT, FORMAT_VERSION, MANIFEST, RECORDS_FOLDER, SIGNATURE, ArchiveRefused, BundleArchive,
    member_infos, parse_manifest,
)  # fmt: skip

SUFFIX = ".tdbundle"
_ALREADY = text("SELECT 1 FROM local_bundle_import WHERE bundle_id = :id")
_BATCH = 1000


# --- choosing what goes in ---------------------------------------------------------------------


def _foreign_keys(model: type[SyncedRecord]) -> list[tuple[str, str]]:
    """(column, parent table) of each foreign key of ``model``."""
    return [(fk.parent.name, fk.column.table.name) for fk in model.__table__.foreign_keys]


def _select_records(
    tx: Session, sessions: Sequence[str] | None, since_seq: int | None
) -> dict[str, dict[str, SyncedRecord]]:
    models = synced_models()
    by_table = {m.__tablename__: m for m in models}
    chosen: dict[str, dict[str, SyncedRecord]] = {m.__tablename__: {} for m in models}
    for model in models:  # parents first: a child is in scope if its parent is
        query = select(model)
        if sessions is not None:
            if model is TrainingSession:
                query = query.where(model.id.in_(list(sessions)))
            else:
                links = [(c, t) for c, t in _foreign_keys(model) if chosen.get(t)]
                if not links:
                    continue
                column, parent = links[0]
                query = query.where(getattr(model, column).in_(list(chosen[parent])))
        if since_seq is not None:
            query = query.where(model.local_seq > since_seq)
        for record in tx.scalars(query):
            chosen[model.__tablename__][record.id] = record
    # Parents of everything chosen, so the bundle stands on its own (children first).
    for model in reversed(models):
        for column, parent in _foreign_keys(model):
            wanted = {getattr(r, column) for r in chosen[model.__tablename__].values()}
            missing = [i for i in wanted - set(chosen[parent]) if i is not None]
            for start in range(0, len(missing), 500):
                parent_model = by_table[parent]
                for record in tx.scalars(
                    select(parent_model).where(parent_model.id.in_(missing[start : start + 500]))
                ):
                    chosen[parent][record.id] = record
    return chosen


# --- export --------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    counts: dict[str, int]
    encrypted: bool
    size: int


def _recipient_key(recipient: str, sessions: Sequence[str] | None) -> str:
    scope = ",".join(sorted(sessions)) if sessions else "*"
    return f"{' '.join(recipient.casefold().split())}|{scope}"[:200]


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def export_bundle(
    workspace: Workspace, out: Path, *, sessions: Sequence[str] | None = None,
    recipient: str | None = None, passphrase: str | None = None,
) -> ExportResult:  # fmt: skip
    """Write a bundle to ``out``. With ``recipient``, only what changed since the last bundle
    for them (same scope), and the watermark moves once the file is safely written."""
    out = Path(out)
    if out.suffix != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    key = keys.signing_key(workspace.db)
    recipient = " ".join((recipient or "").split()) or None
    watermark_key = _recipient_key(recipient, sessions) if recipient else None
    with workspace.db.write() as tx:
        created_hlc = workspace.clock.tick(tx).encode()
    with workspace.db.read() as tx:
        if sessions is not None:
            known = set(tx.scalars(select(TrainingSession.id).where(TrainingSession.id.in_(list(sessions)))))
            unknown = [s for s in sessions if s not in known]
            if unknown:
                raise UserError(_("No session with id {id}.").format(id=unknown[0]))
        since = None
        if watermark_key:
            mark = tx.get(LocalWatermark, watermark_key)
            since = mark.local_seq if mark else None
        top_seq = max(
            (tx.scalar(select(func.max(m.local_seq))) or 0 for m in synced_models()), default=0
        )
        chosen = _select_records(tx, sessions, since)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": SCHEMA_REVISION,
            "bundle_id": str(uuid.uuid4()),
            "created_hlc": created_hlc,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": {
                "device_id": workspace.device.device_id,
                "device_name": workspace.settings.device_name,
                "public_key": keys.public_bytes(key).hex(),
            },
            "scope": {"sessions": sorted(sessions) if sessions is not None else None,
                      "recipient": recipient, "since_change": since},  # fmt: skip
            "counts": {t: len(r) for t, r in chosen.items() if r},
            "members": {},
        }
        folder = out.parent
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "w+b") as raw:
                target: BinaryIO = raw
                plain = tempfile.TemporaryFile(dir=folder) if passphrase else None
                _write_zip(plain or raw, chosen, manifest, key)
                if plain is not None:
                    plain.seek(0)
                    encryption.encrypt_stream(plain, target, passphrase)
                    plain.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(temp, out)
            _fsync_folder(folder)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    if watermark_key:
        with workspace.db.write() as tx:
            mark = tx.get(LocalWatermark, watermark_key)
            if mark is None:
                tx.add(LocalWatermark(recipient_key=watermark_key, recipient=recipient,
                                      local_seq=top_seq))  # fmt: skip
            else:
                mark.local_seq, mark.exported_at = top_seq, dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return ExportResult(out, manifest["bundle_id"], manifest["counts"], bool(passphrase),
                        out.stat().st_size)  # fmt: skip


def _write_zip(target: BinaryIO, chosen: dict[str, dict[str, SyncedRecord]],
               manifest: dict[str, Any], key: Any) -> None:  # fmt: skip
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for table, records in chosen.items():
            if not records:
                continue
            name = f"{RECORDS_FOLDER}{table}.jsonl"
            digest, size = hashlib.sha256(), 0
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED  # a ZipInfo ignores the archive's default
            with zf.open(info, "w") as member:
                for record_id in sorted(records):
                    line = encode_record_line(as_dict(records[record_id]))
                    digest.update(line)
                    size += len(line)
                    member.write(line)
            manifest["members"][name] = {"size": size, "sha256": digest.hexdigest()}
        raw_manifest = json.dumps(manifest, sort_keys=True, indent=1).encode("utf-8")
        for name, data in ((MANIFEST, raw_manifest), (SIGNATURE, key.sign(raw_manifest))):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# --- reading -----------------------------------------------------------------------------------


class BundleRefused(UserError):
    pass


@dataclass
class OpenedBundle:
    manifest: dict[str, Any]
    archive: BundleArchive
    public_key: bytes
    closers: list[Any] = field(default_factory=list)

    @property
    def bundle_id(self) -> str:
        return self.manifest["bundle_id"]

    @property
    def source_name(self) -> str:
        return str(self.manifest["source"].get("device_name", ""))

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer.close()


def _open(path: Path, passphrase: str | None, workdir: Path | None) -> OpenedBundle:
    """Open and check the envelope, manifest and signature (not yet the members)."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise BundleRefused(_("Cannot read {file}: {error}").format(file=path.name,
                                                                    error=exc.strerror or exc)) from exc  # fmt: skip
    closers: list[Any] = [raw]
    try:
        stream: BinaryIO = raw
        if encryption.is_encrypted(raw.read(len(encryption.MAGIC))):
            raw.seek(0)
            if not passphrase:
                raise encryption.WrongPassphrase(_("This bundle is encrypted: give its passphrase."))
            if workdir is not None:
                workdir.mkdir(parents=True, exist_ok=True)
            plain = tempfile.TemporaryFile(dir=workdir)
            closers.append(plain)
            encryption.decrypt_stream(raw, plain, passphrase)
            plain.seek(0)
            stream = plain
        else:
            raw.seek(0)
        archive = BundleArchive(stream)
        closers.append(archive.zip)
        raw_manifest = archive.read_small(MANIFEST)
        signature = archive.read_small(SIGNATURE, 1024)
        manifest = parse_manifest(raw_manifest)
        version = manifest.get("format_version")
        schema = manifest.get("schema_version")
        if not isinstance(version, int) or version > FORMAT_VERSION or schema not in KNOWN_REVISIONS:
            if isinstance(version, int) and (version > FORMAT_VERSION or isinstance(schema, str)):
                raise BundleRefused(_("This bundle was made by a newer version of Trainer Desktop: update the application to import it."))  # fmt: skip
            raise ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=_("unknown version")))  # fmt: skip
        try:
            source = manifest["source"]
            public_key = bytes.fromhex(source["public_key"])
            uuid.UUID(manifest["bundle_id"])
            str(source["device_id"]), str(source["device_name"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=_("the manifest is incomplete"))) from None  # fmt: skip
        keys.verify(public_key, signature, raw_manifest)
        return OpenedBundle(manifest, archive, public_key, closers)
    except BaseException:
        for closer in reversed(closers):
            closer.close()
        raise


@dataclass
class BundleInfo:
    manifest: dict[str, Any]
    fingerprint: str


def inspect_bundle(path: Path, passphrase: str | None = None) -> BundleInfo:
    """The manifest and signer of a bundle, after checking every member; imports nothing."""
    bundle = _open(Path(path), passphrase, None)
    try:
        members = member_infos(bundle.manifest)
        bundle.archive.check_members(members)
        for name, member in members.items():
            for _line in bundle.archive.verified_lines(name, member):
                pass
        return BundleInfo(bundle.manifest, bundle.fingerprint)
    finally:
        bundle.close()


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    file: Path
    status: str  # imported | already | refused
    message: str = ""
    bundle_id: str = ""
    source_name: str = ""
    fingerprint: str = ""
    new_device: bool = False
    counts: MergeCounts = field(default_factory=MergeCounts)


Passphrase = str | None | Callable[[Path], str | None]


def _passphrase_for(passphrase: Passphrase, path: Path) -> str | None:
    return passphrase(path) if callable(passphrase) else passphrase


def _merge_bundle(tx: Connection, workspace: Workspace, own_key: bytes, bundle: OpenedBundle,
                  path: Path) -> ImportResult:  # fmt: skip
    manifest = bundle.manifest
    members = member_infos(manifest)
    bundle.archive.check_members(members)
    models = {m.__tablename__: m for m in synced_models()}
    for name in members:
        if name[len(RECORDS_FOLDER) : -len(".jsonl")] not in models:
            raise ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=_("unknown member “{name}”").format(name=name)))  # fmt: skip
    lines = {name: bundle.archive.verified_lines(name, member) for name, member in members.items()}
    source = manifest["source"]
    new_device = keys.check_trust(tx, workspace.device.device_id, own_key, str(source["device_id"]),
                                  str(source["device_name"]), bundle.public_key)  # fmt: skip
    merger = Merger(tx, workspace.clock, bundle.bundle_id, next_local_seq(tx))
    counts = MergeCounts()
    declared = manifest.get("counts", {})
    references: list[tuple[str, str, str, str]] = []  # (table, record, parent table, parent id)
    in_bundle: dict[str, set[str]] = {}
    for table, model in models.items():
        name = f"{RECORDS_FOLDER}{table}.jsonl"
        if name not in lines:
            if declared.get(table):
                raise ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=_("member “{name}” is missing").format(name=name)))  # fmt: skip
            continue
        fks = _foreign_keys(model)
        seen = in_bundle[table] = set()
        batch: list[dict[str, Any]] = []
        for raw in iter_json_lines(lines[name], table):
            record = decode_record(model, raw)
            if record["id"] in seen:
                raise RecordRefused(_("Record {record} appears twice in {table}.").format(record=record["id"], table=table))  # fmt: skip
            seen.add(record["id"])
            references += [(table, record["id"], parent, record[c]) for c, parent in fks if record[c]]
            batch.append(record)
            if len(batch) >= _BATCH:
                counts += merger.merge(model, batch)
                batch = []
        if batch:
            counts += merger.merge(model, batch)
        if declared.get(table, 0) != len(seen):
            raise ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=_("the record counts do not match the manifest")))  # fmt: skip
    _check_references(tx, models, references, in_bundle)
    merger.finish()
    tx.execute(insert(LocalBundleImport.__table__).values(
        bundle_id=bundle.bundle_id, source_device_id=str(source["device_id"]),
        source_device_name=bundle.source_name, created_hlc=str(manifest.get("created_hlc", "")),
        file_name=path.name, imported_at=utc_now(), counts=counts.as_dict()))  # fmt: skip
    return ImportResult(path, "imported", bundle_id=bundle.bundle_id, source_name=bundle.source_name,
                        fingerprint=bundle.fingerprint, new_device=new_device, counts=counts)  # fmt: skip


def _check_references(tx: Connection, models: dict[str, type[SyncedRecord]],
                      references: list[tuple[str, str, str, str]],
                      in_bundle: dict[str, set[str]]) -> None:  # fmt: skip
    by_parent: dict[str, set[str]] = {}
    for _table, _record, parent, parent_id in references:
        if parent_id not in in_bundle.get(parent, ()):  # parents in the bundle are there already
            by_parent.setdefault(parent, set()).add(parent_id)
    for parent, ids in by_parent.items():
        model, wanted, found = models[parent], sorted(ids), set()
        for start in range(0, len(wanted), 500):
            found |= set(tx.execute(select(model.id).where(model.id.in_(wanted[start : start + 500]))).scalars())
        missing = ids - found
        if missing:
            table, record, _p, parent_id = next(r for r in references if r[3] in missing)
            raise RecordRefused(_("Record {record} of {table} refers to {parent} {parent_id}, which is neither in the bundle nor in this database.").format(record=record, table=table, parent=parent, parent_id=parent_id))  # fmt: skip


def import_bundles(
    workspace: Workspace, paths: Iterable[Path], *, passphrase: Passphrase = None,
    progress: Callable[[int, int, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:  # fmt: skip
    """Import each bundle at most once, each all or nothing, in one transaction (one savepoint
    per bundle); refused bundles are reported and change nothing."""
    paths = [Path(p) for p in paths]
    results: list[ImportResult] = []
    workdir = workspace.path.parent / "tmp"
    own_key = keys.public_bytes(keys.signing_key(workspace.db))
    with workspace.db.write() as session:
        # The import works on the connection (Core and plain SQL): no ORM objects, less overhead.
        tx = session.connection()
        tx.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for index, path in enumerate(paths):
            if cancelled and cancelled():
                break
            if progress:
                progress(index, len(paths), path)
            results.append(_import_one(tx, workspace, own_key, path,
                                       _passphrase_for(passphrase, path), workdir))  # fmt: skip
    if progress:
        progress(len(results), len(paths), paths[-1] if paths else Path())
    return results


def _import_one(tx: Connection, workspace: Workspace, own_key: bytes, path: Path,
                passphrase: str | None, workdir: Path) -> ImportResult:  # fmt: skip
    try:
        bundle = _open(path, passphrase, workdir)
    except UserError as exc:
        return ImportResult(path, "refused", exc.message)
    try:
        if tx.execute(_ALREADY, {"id": bundle.bundle_id}).first() is not None:
            return ImportResult(path, "already", _("Already imported: nothing changed."),
                                bundle.bundle_id, bundle.source_name, bundle.fingerprint)  # fmt: skip
        tx.exec_driver_sql("SAVEPOINT bundle_import")
        try:
            result = _merge_bundle(tx, workspace, own_key, bundle, path)
        except BaseException as exc:
            tx.exec_driver_sql("ROLLBACK TO bundle_import")
            tx.exec_driver_sql("RELEASE bundle_import")
            if isinstance(exc, UserError):
                return ImportResult(path, "refused", exc.message, bundle.bundle_id,
                                    bundle.source_name, bundle.fingerprint)  # fmt: skip
            message = describe_sqlite_error(exc, workspace.path)
            if message:
                raise DatabaseUnavailable(message) from exc
            raise
        tx.exec_driver_sql("RELEASE bundle_import")
        return result
    finally:
        bundle.close()

"""Importing bundles: each verified completely on its own, then merged with others in groups.

For each bundle, in order:
1. everything is verified without writing: envelope, archive, checksums, signature, format and
   schema version, trust in the signer's key, and every record's fields (:func:`_read`);
2. it joins a group. When the group is full (or the files run out), the rows its records touch
   are read once, each bundle's references to parents are checked against the bundle itself,
   the bundles merged before it and the database, and the bundle is merged into an in-memory
   overlay — or refused, leaving no trace, since nothing of it was merged yet;
3. the group's changed rows, merge events and import log are written together.

All of it runs in one transaction: a crash or power cut leaves the database before or after the
whole import, never in between. A bundle id is imported at most once; importing it again changes
nothing and says so.

Grouping matters because a bundle of one session holds a few dozen records: merging them one
bundle at a time cost a dozen statements each, more than the records themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection

from trainer_desktop.core.backups import take_backup
from trainer_desktop.core.clock import next_local_seq
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.merge import (
    MergeCounts,
    Merger,
    RecordRefused,
    decode_record,
    iter_json_lines,
)  # fmt: skip
from trainer_desktop.core.records import SyncedRecord, foreign_keys, synced_models
from trainer_desktop.core.sync_state import LocalBundleImport, LocalKnownDevice, utc_now
from trainer_desktop.core.workspace import Workspace

from . import keys
from .archive import RECORDS_FOLDER, ArchiveRefused, member_infos
from .reading import OpenedBundle, open_bundle

#: A group is merged and written when it holds this many bundles or records.
GROUP_BUNDLES = 200
GROUP_RECORDS = 20_000
_ALREADY = text("SELECT 1 FROM local_bundle_import WHERE bundle_id = :id")
_SEEN_FILE = text(
    "SELECT i.bundle_id, i.source_device_name, d.fingerprint FROM local_bundle_import i "
    "LEFT JOIN local_known_device d ON d.device_id = i.source_device_id "
    "WHERE i.file_sha256 = :digest LIMIT 1"
)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def _not_valid(problem: str) -> ArchiveRefused:
    return ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=problem))


@dataclass
class _Verified:
    """A bundle that passed every check that needs no database rows."""

    result: ImportResult
    manifest: dict[str, Any]
    public_key: bytes
    records: list[tuple[type[SyncedRecord], list[dict[str, Any]]]]
    #: (table, record id, parent table, parent id) for each reference to a parent
    references: list[tuple[str, str, str, str]]
    ids: dict[str, set[str]]
    file_sha256: str = ""

    @property
    def size(self) -> int:
        return sum(len(records) for _model, records in self.records)


def _read(bundle: OpenedBundle, result: ImportResult) -> _Verified:
    """Check every member and decode every record (raises a :class:`UserError`)."""
    manifest = bundle.manifest
    members = member_infos(manifest)
    bundle.archive.check_members(members)
    models = {m.__tablename__: m for m in synced_models()}
    for name in members:
        if name[len(RECORDS_FOLDER) : -len(".jsonl")] not in models:
            raise _not_valid(_("unknown member “{name}”").format(name=name))
    # Every member's checksum before any record is decoded.
    lines = {name: bundle.archive.verified_lines(name, member) for name, member in members.items()}
    declared = manifest.get("counts", {})
    records, references, ids = [], [], {}
    for table, model in models.items():  # parents first
        name = f"{RECORDS_FOLDER}{table}.jsonl"
        if name not in lines:
            if declared.get(table):
                raise _not_valid(_("member “{name}” is missing").format(name=name))
            continue
        links = foreign_keys(model)
        seen = ids[table] = set()
        decoded = []
        for raw in iter_json_lines(lines[name], table):
            record = decode_record(model, raw)
            if record["id"] in seen:
                raise RecordRefused(_("Record {record} appears twice in {table}.").format(
                    record=record["id"], table=table))  # fmt: skip
            seen.add(record["id"])
            references += [(table, record["id"], parent, record[column])
                           for column, parent in links if record[column]]  # fmt: skip
            decoded.append(record)
        if declared.get(table, 0) != len(seen):
            raise _not_valid(_("the record counts do not match the manifest"))
        records.append((model, decoded))
    return _Verified(result, manifest, bundle.public_key, records, references, ids)


class _Import:
    """One import run: its transaction's connection, the trusted keys, the current group."""

    def __init__(self, conn: Connection, workspace: Workspace, own_key: bytes) -> None:
        self.conn = conn
        self.workspace = workspace
        self.own_key = own_key
        self.models = {m.__tablename__: m for m in synced_models()}
        self.group: list[_Verified] = []
        self.group_ids: set[str] = set()
        self.group_digests: set[str] = set()
        #: device id -> public key, for devices first seen in this run (recorded when merged)
        self.new_keys: dict[str, bytes] = {}
        #: Whether the copy of the database before this import was taken (before the first
        #: bundle that changes something: importing known bundles again copies nothing).
        self.backed_up = False

    def _known_key(self, device_id: str) -> bytes | None:
        if device_id == self.workspace.device.device_id:
            return self.own_key
        if device_id in self.new_keys:
            return self.new_keys[device_id]
        table = LocalKnownDevice.__table__
        return self.conn.execute(
            select(table.c.public_key).where(table.c.device_id == device_id)
        ).scalar()

    def _seen_file(self, path: Path, digest: str) -> ImportResult | None:
        """The same bytes as a bundle already imported: no need to open them (or decrypt)."""
        if digest in self.group_digests:
            return ImportResult(path, "already", _("Already imported: nothing changed."))
        row = self.conn.execute(_SEEN_FILE, {"digest": digest}).first()
        if row is None:
            return None
        return ImportResult(path, "already", _("Already imported: nothing changed."),
                            bundle_id=row.bundle_id, source_name=row.source_device_name,
                            fingerprint=row.fingerprint or "")  # fmt: skip

    def add(self, path: Path, passphrase: Passphrase, workdir: Path) -> ImportResult:
        try:
            digest = _file_digest(path)
        except OSError as exc:
            return ImportResult(path, "refused", _("Cannot read {file}: {error}").format(
                file=path.name, error=exc.strerror or exc))  # fmt: skip
        seen = self._seen_file(path, digest)
        if seen is not None:
            return seen
        try:
            bundle = open_bundle(path, passphrase, workdir)
        except UserError as exc:
            return ImportResult(path, "refused", exc.message)
        result = ImportResult(path, "imported", bundle_id=bundle.bundle_id,
                              source_name=bundle.source_name, fingerprint=bundle.fingerprint)  # fmt: skip
        try:
            if bundle.bundle_id in self.group_ids or self.conn.execute(
                _ALREADY, {"id": bundle.bundle_id}
            ).first():
                result.status, result.message = "already", _("Already imported: nothing changed.")
                return result
            source = bundle.manifest["source"]
            device_id = str(source["device_id"])
            known = self._known_key(device_id)
            if known is not None and known != bundle.public_key:
                raise keys.SignatureRefused(
                    _(
                        "This bundle claims to come from “{name}” but is signed with another "
                        "key (fingerprint {fingerprint}). It was refused; check with its sender."
                    ).format(name=bundle.source_name, fingerprint=bundle.fingerprint)
                )
            verified = _read(bundle, result)
        except UserError as exc:
            result.status, result.message = "refused", exc.message
            return result
        finally:
            bundle.close()
        if known is None:
            result.new_device = True
            self.new_keys[device_id] = bundle.public_key
        verified.file_sha256 = digest
        self.group.append(verified)
        self.group_ids.add(bundle.bundle_id)
        self.group_digests.add(digest)
        if len(self.group) >= GROUP_BUNDLES or sum(v.size for v in self.group) >= GROUP_RECORDS:
            self.flush()
        return result

    def flush(self) -> None:
        """Merge the group's bundles in order and write what changed."""
        if not self.group:
            return
        if not self.backed_up:
            # The last committed state (this transaction has written nothing yet).
            take_backup(self.workspace.path, "before-import")
            self.backed_up = True
        merger = Merger(self.conn, self.workspace.clock, "", next_local_seq(self.conn))
        for model in self.models.values():
            merger.prefetch(model, (r["id"] for v in self.group for m, rs in v.records if m is model
                                    for r in rs))  # fmt: skip
        for table, model in self.models.items():  # parents named but not carried
            merger.prefetch(model, (parent_id for v in self.group for _t, _r, parent, parent_id
                                    in v.references if parent == table))  # fmt: skip
        log, devices = [], {}
        for verified in self.group:
            missing = next((ref for ref in verified.references
                            if not merger.knows(self.models[ref[2]], ref[3])
                            and ref[3] not in verified.ids.get(ref[2], ())), None)  # fmt: skip
            result = verified.result
            if missing is not None:
                table, record, parent, parent_id = missing
                result.status = "refused"
                result.message = _(
                    "Record {record} of {table} refers to {parent} {parent_id}, which is neither "
                    "in the bundle nor in this database."
                ).format(record=record, table=table, parent=parent, parent_id=parent_id)
                continue
            merger.bundle_id = result.bundle_id
            for model, records in verified.records:
                result.counts += merger.merge_into(model, records)
            source = verified.manifest["source"]
            log.append({"bundle_id": result.bundle_id, "source_device_id": str(source["device_id"]),
                        "source_device_name": result.source_name,
                        "created_hlc": str(verified.manifest.get("created_hlc", "")),
                        "file_name": result.file.name, "file_sha256": verified.file_sha256,
                        "imported_at": utc_now(),
                        "counts": result.counts.as_dict()})  # fmt: skip
            if result.new_device:
                devices[str(source["device_id"])] = {
                    "device_id": str(source["device_id"]), "name": result.source_name,
                    "public_key": verified.public_key, "fingerprint": result.fingerprint,
                    "first_seen": utc_now()}  # fmt: skip
        merger.write()
        if log:
            self.conn.execute(insert(LocalBundleImport.__table__), log)
        if devices:
            self.conn.execute(insert(LocalKnownDevice.__table__), list(devices.values()))
        self.group, self.group_ids, self.group_digests = [], set(), set()


def import_bundles(
    workspace: Workspace, paths: Iterable[Path], *, passphrase: Passphrase = None,
    progress: Callable[[int, int, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:  # fmt: skip
    """Import each bundle at most once, each all or nothing, in one transaction; refused
    bundles are reported and change nothing. ``passphrase`` may be a function of the path."""
    paths = [Path(p) for p in paths]
    results: list[ImportResult] = []
    workdir = workspace.path.parent / "tmp"
    own_key = keys.public_bytes(keys.signing_key(workspace.db))
    with workspace.db.write() as session:
        # The import works on the connection (Core and plain SQL): no ORM objects, less overhead.
        conn = session.connection()  # foreign keys are checked at commit (see Database.write)
        run = _Import(conn, workspace, own_key)
        for index, path in enumerate(paths):
            if cancelled and cancelled():
                break
            if progress:
                progress(index, len(paths), path)
            results.append(run.add(path, passphrase, workdir))
        run.flush()
    if progress:
        progress(len(results), len(paths), paths[-1] if paths else Path())
    return results

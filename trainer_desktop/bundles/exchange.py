"""Export a bundle, inspect one, import many: the operations behind the GUI and the command line.

Export writes one ``.tdbundle`` atomically (temporary file, fsync, rename). Its scope is the whole
database, chosen sessions (with everything under them), or only what changed since the last
bundle for a recipient. Every bundle also carries the parents of what it holds, so it can be
imported on its own, in any order.

Reading and importing live in :mod:`.reading` and :mod:`.importer`; their entry points are
re-exported here, so callers have one module for bundles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trainer_desktop.core.database import SCHEMA_REVISION
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.files import atomic_file
from trainer_desktop.core.i18n import _
from trainer_desktop.core.merge import encode_record_line
from trainer_desktop.core.records import SyncedRecord, as_dict, foreign_keys, synced_models
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.core.sync_state import LocalWatermark, utc_now
from trainer_desktop.core.workspace import Workspace

from . import SUFFIX, encryption, is_bundle_file, keys
from .archive import FORMAT, FORMAT_VERSION, MANIFEST, RECORDS_FOLDER, SIGNATURE
from .importer import ImportResult, import_bundles  # noqa: F401 (re-exported)
from .reading import BundleInfo, inspect_bundle  # noqa: F401 (re-exported)

# --- choosing what goes in ---------------------------------------------------------------------


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
                links = [(c, t) for c, t in foreign_keys(model) if chosen.get(t)]
                if not links:
                    continue
                # In scope through any parent in scope: an anonymous evaluation response has a
                # session but no enrolment, an attendance mark an enrolment and a period.
                query = query.where(or_(*(getattr(model, column).in_(list(chosen[parent]))
                                          for column, parent in links)))  # fmt: skip
        if since_seq is not None:
            query = query.where(model.local_seq > since_seq)
        for record in tx.scalars(query):
            chosen[model.__tablename__][record.id] = record
    # Parents of everything chosen, so the bundle stands on its own (children first).
    for model in reversed(models):
        for column, parent in foreign_keys(model):
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
        with atomic_file(out) as raw:
            if passphrase:
                # The plain zip is staged in the data folder, never beside the destination
                # (a USB stick): only ciphertext goes where the user asked for encryption.
                staging = workspace.path.parent / "tmp"
                staging.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryFile(dir=staging) as plain:
                    _write_zip(plain, chosen, manifest, key)
                    plain.seek(0)
                    encryption.encrypt_stream(plain, raw, passphrase)
            else:
                _write_zip(raw, chosen, manifest, key)
    if watermark_key:
        with workspace.db.write() as tx:
            mark = tx.get(LocalWatermark, watermark_key)
            if mark is None:
                tx.add(LocalWatermark(recipient_key=watermark_key, recipient=recipient,
                                      local_seq=top_seq))  # fmt: skip
            else:
                mark.local_seq, mark.exported_at = top_seq, utc_now()
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




# --- helpers for the screens and the command line ---------------------------------------------


def preview_export(
    workspace: Workspace, *, sessions: Sequence[str] | None = None, recipient: str | None = None
) -> dict[str, int]:
    """Record counts per table of the bundle :func:`export_bundle` would write now (it writes
    nothing): "exports say what they contain" before the file exists."""
    recipient = " ".join((recipient or "").split()) or None
    with workspace.db.read() as tx:
        since = None
        if recipient:
            mark = tx.get(LocalWatermark, _recipient_key(recipient, sessions))
            since = mark.local_seq if mark else None
        chosen = _select_records(tx, sessions, since)
    return {table: len(records) for table, records in chosen.items() if records}


def past_recipients(workspace: Workspace) -> list[str]:
    """Recipients bundles were made for, most recent first (for "changes since the last bundle")."""
    with workspace.db.read() as tx:
        marks = tx.scalars(select(LocalWatermark).order_by(
            LocalWatermark.exported_at.desc(), LocalWatermark.local_seq.desc()))  # fmt: skip
        return list(dict.fromkeys(mark.recipient for mark in marks))


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as named; folders (the coordinator's inbox) replaced by the bundles they hold,
    sorted; each path once."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and is_bundle_file(p))
        else:
            found.append(path)
    return list(dict.fromkeys(found))

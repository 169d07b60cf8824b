"""Opening a bundle: the envelope (encryption), the archive, the manifest and its signature.

Nothing here touches a database: :func:`open_bundle` refuses a file that is damaged, forged,
of a newer version or wrongly encrypted, and :func:`inspect_bundle` also checks every member.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from trainer_desktop.core.database import KNOWN_REVISIONS
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _

from . import encryption, keys
from .archive import (
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    ArchiveRefused,
    BundleArchive,
    member_infos,
    parse_manifest,
)  # fmt: skip


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


def open_bundle(path: Path, passphrase: str | None | Callable[[Path], str | None],
                workdir: Path | None) -> OpenedBundle:  # fmt: skip
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
            if callable(passphrase):  # asked only for a bundle that is encrypted
                passphrase = passphrase(path)
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
    bundle = open_bundle(Path(path), passphrase, None)
    try:
        members = member_infos(bundle.manifest)
        bundle.archive.check_members(members)
        for name, member in members.items():
            for _line in bundle.archive.verified_lines(name, member):
                pass
        return BundleInfo(bundle.manifest, bundle.fingerprint)
    finally:
        bundle.close()

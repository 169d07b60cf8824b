"""The bundle archive: a zip holding ``manifest.json``, ``manifest.sig`` and ``records/*.jsonl``.

Reading trusts nothing: member names are checked (no absolute paths, ``..``, backslashes, drive
letters, duplicates, links or folders), only members named in the manifest (plus the manifest and
its signature) may be present, their number and sizes are bounded, and each member is read as a
stream with its size and compression ratio checked as the bytes come — so a zip bomb is refused
after reading a little, in little memory — and its SHA-256 compared with the manifest's.
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
RECORDS_FOLDER = "records/"
FORMAT = "trainer-desktop-bundle"
FORMAT_VERSION = 1

MAX_MEMBERS = 256
MAX_MANIFEST_BYTES = 1 << 20
MAX_MEMBER_BYTES = 1 << 30
MAX_TOTAL_BYTES = 4 << 30
MAX_RATIO = 200  # uncompressed / compressed, once past the first megabyte
RATIO_GRACE = 1 << 20
MAX_LINE_BYTES = 16 << 20
SMALL_MEMBER_BYTES = 8 << 20  # read whole; larger members stream twice (check, then parse)


#: What zipfile raises on a damaged archive (a flipped byte can produce any of these).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, OSError,
               EOFError, ValueError, NotImplementedError, UnicodeDecodeError, IndexError)  # fmt: skip


class ArchiveRefused(UserError):
    """The file is not a well-formed bundle."""


def _refused(problem: str) -> ArchiveRefused:
    return ArchiveRefused(_("This file is not a valid bundle: {problem}").format(problem=problem))


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = name.split("/")
    if (
        not name or name.startswith("/") or "\\" in name or ":" in name or "\x00" in name
        or any(p in ("", ".", "..") for p in parts)
    ):  # fmt: skip
        raise _refused(_("unsafe member name “{name}”").format(name=name[:80]))
    file_type = stat.S_IFMT(info.external_attr >> 16)  # 0 when the writer set no type
    if info.is_dir() or file_type not in (0, stat.S_IFREG):
        raise _refused(_("member “{name}” is not a plain file").format(name=name[:80]))
    if info.flag_bits & 0x1:
        raise _refused(_("member “{name}” uses zip encryption").format(name=name[:80]))


@dataclass
class MemberInfo:
    size: int
    sha256: str


class BundleArchive:
    """An opened bundle zip whose structure has been checked (not yet its contents)."""

    def __init__(self, stream: BinaryIO) -> None:
        try:
            self.zip = zipfile.ZipFile(stream)
            infos = self.zip.infolist()
        except _ZIP_ERRORS:
            raise _refused(_("it is damaged, incomplete, or not a bundle at all")) from None
        if len(infos) > MAX_MEMBERS:
            raise _refused(_("too many members"))
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            _check_name(info)
            if info.filename in self.infos:
                raise _refused(_("member “{name}” appears twice").format(name=info.filename))
            self.infos[info.filename] = info
        for required in (MANIFEST, SIGNATURE):
            if required not in self.infos:
                raise _refused(_("the manifest or its signature is missing"))

    def read_small(self, name: str, limit: int = MAX_MANIFEST_BYTES) -> bytes:
        return b"".join(self.stream(name, limit))

    def stream(self, name: str, limit: int, chunk: int = 1 << 16) -> Iterator[bytes]:
        """The member's bytes, refusing more than ``limit`` or a suspicious compression ratio."""
        info = self.infos[name]
        if info.file_size > limit:
            raise _refused(_("member “{name}” is larger than announced").format(name=name))
        if info.file_size > RATIO_GRACE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            # Refused before reading a byte; the check while reading catches headers that lie.
            raise _refused(_("member “{name}” is compressed suspiciously well (a zip bomb?)").format(name=name))  # fmt: skip
        read = 0
        try:
            with self.zip.open(info) as fh:
                while True:
                    data = fh.read(chunk)
                    if not data:
                        break
                    read += len(data)
                    if read > limit:
                        raise _refused(_("member “{name}” is larger than announced").format(name=name))
                    if read > RATIO_GRACE and read > MAX_RATIO * max(info.compress_size, 1):
                        raise _refused(_("member “{name}” is compressed suspiciously well (a zip bomb?)").format(name=name))  # fmt: skip
                    yield data
        except _ZIP_ERRORS as exc:
            if isinstance(exc, ArchiveRefused):
                raise
            raise _refused(_("member “{name}” is damaged").format(name=name)) from None

    def check_members(self, members: dict[str, MemberInfo]) -> None:
        """Only the manifest's members (plus manifest and signature) are present, within bounds."""
        expected = set(members) | {MANIFEST, SIGNATURE}
        extra = sorted(set(self.infos) - expected)
        if extra:
            raise _refused(_("member “{name}” is not in the manifest").format(name=extra[0]))
        missing = sorted(set(members) - set(self.infos))
        if missing:
            raise _refused(_("member “{name}” is missing").format(name=missing[0]))
        total = 0
        for name, member in members.items():
            if not name.startswith(RECORDS_FOLDER) or not name.endswith(".jsonl"):
                raise _refused(_("unexpected member “{name}”").format(name=name[:80]))
            if not 0 <= member.size <= MAX_MEMBER_BYTES or self.infos[name].file_size != member.size:
                raise _refused(_("member “{name}” is larger than announced").format(name=name))
            total += member.size
        if total > MAX_TOTAL_BYTES:
            raise _refused(_("the bundle is too large"))

    def verified_lines(self, name: str, member: MemberInfo) -> Iterator[bytes]:
        """The member's lines, after its whole content matched size and SHA-256.

        The member is read twice (first to check, then to parse) so that nothing of a damaged
        member is ever parsed; both reads stream in bounded memory.
        """
        if member.size <= SMALL_MEMBER_BYTES:  # most bundles: read once, check, then split
            data = b"".join(self.stream(name, member.size))
            self._check_digest(name, member, len(data), hashlib.sha256(data))
            return iter(data.split(b"\n"))
        digest, size = hashlib.sha256(), 0
        for data in self.stream(name, member.size):
            digest.update(data)
            size += len(data)
        self._check_digest(name, member, size, digest)
        return self._lines(name, member.size)

    def _check_digest(self, name: str, member: MemberInfo, size: int, digest: Any) -> None:
        if size != member.size or digest.hexdigest() != member.sha256:
            raise _refused(_("member “{name}” does not match its checksum").format(name=name))

    def _lines(self, name: str, limit: int) -> Iterator[bytes]:
        pending = b""
        for data in self.stream(name, limit):
            pending += data
            *lines, pending = pending.split(b"\n")
            if len(pending) > MAX_LINE_BYTES:
                raise _refused(_("a line of “{name}” is too long").format(name=name))
            yield from lines
        if pending:
            yield pending


def parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise _refused(_("the manifest is not readable")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(_("the manifest is not a Trainer Desktop manifest"))
    return manifest


def member_infos(manifest: dict[str, Any]) -> dict[str, MemberInfo]:
    members = manifest.get("members")
    if not isinstance(members, dict):
        raise _refused(_("the manifest lists no members"))
    out = {}
    for name, info in members.items():
        try:
            out[str(name)] = MemberInfo(int(info["size"]), str(info["sha256"]))
        except (KeyError, TypeError, ValueError):
            raise _refused(_("the manifest's entry for “{name}” is damaged").format(name=name)) from None
    return out

"""Passphrase encryption of a bundle: scrypt -> AES-256-GCM, in authenticated chunks.

File layout::

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header (JSON) | chunk | chunk | ...

The header names the KDF parameters, salt, nonce prefix and chunk size, and a short key check
(so a wrong passphrase is told apart from a damaged file). It is authenticated as associated data
of every chunk. Each chunk is sealed with nonce = prefix (7 bytes) + chunk number (4) + last flag
(1): chunks cannot be reordered, dropped or appended, and a truncated file is detected. Memory
stays at one chunk whatever the bundle's size. Parameters read from a file are bounded, so a
hostile header cannot make the KDF take minutes or gigabytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _

MAGIC = b"TDBENC\x00\x01"
CHUNK_SIZE = 1 << 20
TAG = 16
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
# Bounds on what a file may ask for.
MAX_HEADER = 4096
N_RANGE = (1 << 10, 1 << 20)
R_RANGE = (1, 16)
P_RANGE = (1, 4)
CHUNK_RANGE = (1 << 12, 1 << 23)
MIN_PASSPHRASE = 8


class EncryptionRefused(UserError):
    pass


class WrongPassphrase(EncryptionRefused):
    pass


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _key_check(key: bytes) -> str:
    return hmac.new(key, b"trainer-desktop key check", hashlib.sha256).hexdigest()[:16]


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def encrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise EncryptionRefused(
            _("The passphrase must have at least {n} characters.").format(n=MIN_PASSPHRASE)
        )
    salt, prefix = os.urandom(16), os.urandom(7)
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = json.dumps(
        {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
         "salt": base64.b64encode(salt).decode(), "nonce_prefix": base64.b64encode(prefix).decode(),
         "chunk_size": CHUNK_SIZE, "cipher": "AES-256-GCM", "check": _key_check(key)},  # fmt: skip
        sort_keys=True,
    ).encode()
    aad = MAGIC + header
    target.write(MAGIC + struct.pack(">I", len(header)) + header)
    aead = AESGCM(key)
    index = 0
    chunk = source.read(CHUNK_SIZE)
    while True:
        following = source.read(CHUNK_SIZE)
        last = not following
        target.write(aead.encrypt(_nonce(prefix, index, last), chunk, aad))
        if last:
            return
        chunk, index = following, index + 1


def _damaged() -> EncryptionRefused:
    return EncryptionRefused(_("The encrypted bundle is damaged or incomplete."))


def _read_header(source: BinaryIO) -> tuple[bytes, dict]:
    head = source.read(len(MAGIC) + 4)
    if len(head) < len(MAGIC) + 4 or not is_encrypted(head):
        raise _damaged()
    (length,) = struct.unpack(">I", head[len(MAGIC) :])
    if not 0 < length <= MAX_HEADER:
        raise _damaged()
    header_bytes = source.read(length)
    try:
        header = json.loads(header_bytes)
        n, r, p, size = (int(header[k]) for k in ("n", "r", "p", "chunk_size"))
        salt = base64.b64decode(header["salt"], validate=True)
        prefix = base64.b64decode(header["nonce_prefix"], validate=True)
        check = str(header["check"])
    except (ValueError, KeyError, TypeError):
        raise _damaged() from None
    if (header.get("kdf"), header.get("cipher")) != ("scrypt", "AES-256-GCM") or not (
        N_RANGE[0] <= n <= N_RANGE[1] and n & (n - 1) == 0 and R_RANGE[0] <= r <= R_RANGE[1]
        and P_RANGE[0] <= p <= P_RANGE[1] and CHUNK_RANGE[0] <= size <= CHUNK_RANGE[1]
        and len(salt) >= 16 and len(prefix) == 7
    ):  # fmt: skip
        raise EncryptionRefused(_("The encrypted bundle asks for settings this version refuses."))
    return MAGIC + header_bytes, {"n": n, "r": r, "p": p, "size": size, "salt": salt,
                                  "prefix": prefix, "check": check}  # fmt: skip


def decrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    """Decrypt into ``target``; raises :class:`WrongPassphrase` or :class:`EncryptionRefused`
    (nothing of a damaged chunk is written)."""
    aad, h = _read_header(source)
    key = _derive(passphrase, h["salt"], h["n"], h["r"], h["p"])
    if not hmac.compare_digest(_key_check(key), h["check"]):
        raise WrongPassphrase(_("Wrong passphrase for this bundle."))
    aead = AESGCM(key)
    index = 0
    chunk = source.read(h["size"] + TAG)
    while True:
        if len(chunk) < TAG:
            raise _damaged()
        following = source.read(h["size"] + TAG)
        last = not following
        try:
            target.write(aead.decrypt(_nonce(h["prefix"], index, last), chunk, aad))
        except InvalidTag:
            raise _damaged() from None
        if last:
            return
        chunk, index = following, index + 1

"""This device's Ed25519 signing key, fingerprints, and trust in other devices' keys.

The key is generated on first use and kept in the local settings (never exported). Its
fingerprint — the first 128 bits of the SHA-256 of the public key, in groups of four hex digits —
is shown in the settings and in import summaries, so a coordinator can compare it with the one on
the trainer's screen. The first bundle from a device records its public key; a later bundle that
claims the same device with another key is refused.
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from trainer_desktop.core.database import Database
from trainer_desktop.core.device import LocalSetting
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.sync_state import LocalKnownDevice, utc_now

_SETTING = "signing_key"


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signing_key(db: Database) -> Ed25519PrivateKey:
    """This device's key, created (and committed) on first use."""
    with db.write() as tx:
        row = tx.get(LocalSetting, _SETTING)
        if row is None or not row.blob:
            key = Ed25519PrivateKey.generate()
            raw = key.private_bytes_raw()
            if row is None:
                tx.add(LocalSetting(key=_SETTING, blob=raw))
            else:
                row.blob = raw
            return key
        return Ed25519PrivateKey.from_private_bytes(row.blob)


def device_fingerprint(db: Database) -> str:
    return fingerprint(public_bytes(signing_key(db)))


class SignatureRefused(UserError):
    """The bundle's signature does not verify, or its key is not the one known for its device."""


def verify(public_key: bytes, signature: bytes, message: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureRefused(
            _("The bundle's signature is not valid: the file was changed after it was made.")
        ) from None


def check_trust(
    conn: Connection, own_device_id: str, own_public_key: bytes, device_id: str, name: str,
    public_key: bytes,
) -> bool:  # fmt: skip
    """Refuse a key that differs from the one known for ``device_id``; record a new device.
    Returns True when the device was not known before."""
    table = LocalKnownDevice.__table__
    if device_id == own_device_id:
        known_key = own_public_key
    else:
        known_key = conn.execute(
            select(table.c.public_key).where(table.c.device_id == device_id)
        ).scalar()
        if known_key is None:
            conn.execute(insert(table).values(
                device_id=device_id, name=name, public_key=public_key,
                fingerprint=fingerprint(public_key), first_seen=utc_now()))  # fmt: skip
            return True
    if known_key != public_key:
        raise SignatureRefused(
            _(
                "This bundle claims to come from “{name}” but is signed with another key "
                "(fingerprint {fingerprint}). It was refused; check with its sender."
            ).format(name=name, fingerprint=fingerprint(public_key))
        )
    return False

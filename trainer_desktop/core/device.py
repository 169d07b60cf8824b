"""This installation: its device id and display name, and the local settings (never synchronised).

Settings are the device name, the trainer's name, the organisation name and logo, the people who
sign certificates, the interface language and the PIN that guards participant-facing (kiosk)
screens. They live in ``local_setting`` and never travel in bundles.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import platform
import uuid
from dataclasses import dataclass

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .database import Database
from .errors import ValidationError
from .i18n import _, normalise_country, normalise_language
from .records import Base


class LocalDevice(Base):
    """The single row naming this installation."""

    __tablename__ = "local_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))


class LocalClock(Base):
    """The hybrid logical clock's last stamp on this device (see :mod:`.clock`)."""

    __tablename__ = "local_clock"

    id: Mapped[int] = mapped_column(primary_key=True)
    wall_ms: Mapped[int]
    counter: Mapped[int]
    #: Number of the last write transaction (see ``records.local_seq``).
    seq: Mapped[int] = mapped_column(default=0, server_default="0")


class LocalSetting(Base):
    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    blob: Mapped[bytes | None] = mapped_column(LargeBinary)


@dataclass(frozen=True)
class Device:
    device_id: str
    name: str


def ensure_device(db: Database) -> Device:
    """This installation's device, created on first use with a random id and the host name."""
    with db.write() as tx:
        row = tx.get(LocalDevice, 1)
        if row is None:
            row = LocalDevice(id=1, device_id=uuid.uuid4().hex, name=platform.node() or "laptop")
            tx.add(row)
        return Device(row.device_id, row.name)


PIN_MIN_LENGTH = 4
#: A logo is printed small on reports and certificates; a photo straight from a phone is not.
LOGO_MAX_BYTES = 1024 * 1024
_TEXT_SETTINGS = ("trainer_name", "organisation_name", "language", "formats", "setup_done")
#: A certificate has room for three signatures side by side, no more.
SIGNATORIES_MAX = 3
SIGNATORY_TEXT_MAX = 120


@dataclass(frozen=True)
class Signatory:
    """Someone whose name and title are printed under a signature line on certificates."""

    name: str
    title: str = ""


def check_signatories(signatories: list[Signatory]) -> list[Signatory]:
    """The signatories with their spaces tidied; :class:`ValidationError` naming the line (and
    the field ``signatory_N``) for an empty name, an overlong text or a fourth line."""
    if len(signatories) > SIGNATORIES_MAX:
        raise ValidationError(
            _("A certificate has room for {n} signatures at most; remove line {line}.").format(
                n=SIGNATORIES_MAX, line=SIGNATORIES_MAX + 1),
            field=f"signatory_{SIGNATORIES_MAX + 1}")  # fmt: skip
    clean = []
    for line, signatory in enumerate(signatories, start=1):
        name, title = " ".join(signatory.name.split()), " ".join(signatory.title.split())
        if not name:
            raise ValidationError(_("Signatory {line}: the name cannot be empty.").format(
                line=line), field=f"signatory_{line}")  # fmt: skip
        if len(name) > SIGNATORY_TEXT_MAX or len(title) > SIGNATORY_TEXT_MAX:
            raise ValidationError(
                _("Signatory {line}: the name and the title have {n} characters at most.").format(
                    line=line, n=SIGNATORY_TEXT_MAX),
                field=f"signatory_{line}")  # fmt: skip
        clean.append(Signatory(name, title))
    return clean


def _hash_pin(pin: str, salt: bytes) -> str:
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return salt.hex() + ":" + digest.hex()


class Settings:
    """Reads and writes the local settings of one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _get(self, key: str) -> LocalSetting | None:
        with self._db.read() as tx:
            return tx.get(LocalSetting, key)

    def _set(self, key: str, value: str | None = None, blob: bytes | None = None) -> None:
        with self._db.write() as tx:
            row = tx.get(LocalSetting, key)
            if row is None:
                tx.add(LocalSetting(key=key, value=value, blob=blob))
            else:
                row.value, row.blob = value, blob

    # -- device name
    @property
    def device_name(self) -> str:
        with self._db.read() as tx:
            row = tx.get(LocalDevice, 1)
            return row.name if row else ""

    def set_device_name(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValidationError(_("The device name cannot be empty."), field="device_name")
        with self._db.write() as tx:
            row = tx.get(LocalDevice, 1)
            if row is None:
                raise ValidationError(_("This database has no device yet."))
            row.name = name

    # -- simple text settings
    def get(self, key: str, default: str = "") -> str:
        if key not in _TEXT_SETTINGS:
            raise KeyError(key)
        row = self._get(key)
        return row.value if row and row.value is not None else default

    def set(self, key: str, value: str) -> None:
        if key not in _TEXT_SETTINGS:
            raise KeyError(key)
        if key == "language":
            value = normalise_language(value)
        elif key == "formats":
            value = normalise_country(value)
        self._set(key, value.strip())

    @property
    def language(self) -> str:
        return normalise_language(self.get("language"))

    @property
    def formats(self) -> str:
        """The country whose formats dates, numbers and amounts follow (``ML`` or ``MA``)."""
        return normalise_country(self.get("formats"))

    # -- organisation logo (PNG or JPEG bytes)
    @property
    def organisation_logo(self) -> bytes | None:
        row = self._get("organisation_logo")
        return row.blob if row else None

    def set_organisation_logo(self, data: bytes | None) -> None:
        if data is not None and not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            raise ValidationError(_("The logo must be a PNG or JPEG image."), field="logo")
        if data is not None and len(data) > LOGO_MAX_BYTES:
            raise ValidationError(
                _("The logo is too large ({size} KB); choose an image under {limit} KB.").format(
                    size=len(data) // 1024, limit=LOGO_MAX_BYTES // 1024
                ),
                field="logo",
            )
        self._set("organisation_logo", blob=data)

    # -- certificate signatories, a JSON list of {"name", "title"}
    @property
    def signatories(self) -> list[Signatory]:
        row = self._get("signatories")
        try:
            stored = json.loads(row.value) if row and row.value else []
            return [Signatory(str(s["name"]), str(s.get("title", ""))) for s in stored
                    if isinstance(s, dict) and s.get("name")][:SIGNATORIES_MAX]  # fmt: skip
        except (ValueError, TypeError, KeyError):
            return []  # a damaged value must not stop certificates from printing

    def set_signatories(self, signatories: list[Signatory]) -> None:
        """Store up to three signatories, in the order they are printed (see
        :func:`check_signatories`)."""
        clean = [{"name": s.name, "title": s.title} for s in check_signatories(signatories)]
        self._set("signatories", json.dumps(clean, ensure_ascii=False))

    # -- kiosk PIN, stored as a salted scrypt hash
    @property
    def has_pin(self) -> bool:
        row = self._get("kiosk_pin")
        return bool(row and row.value)

    def set_pin(self, pin: str) -> None:
        if not (pin.isdigit() and len(pin) >= PIN_MIN_LENGTH):
            raise ValidationError(
                _("The PIN must be at least {n} digits.").format(n=PIN_MIN_LENGTH), field="pin"
            )
        self._set("kiosk_pin", _hash_pin(pin, os.urandom(16)))

    def clear_pin(self) -> None:
        """Remove the PIN: kiosk screens can then be left without one."""
        self._set("kiosk_pin", None)

    def check_pin(self, pin: str) -> bool:
        row = self._get("kiosk_pin")
        if not row or not row.value:
            return False
        salt_hex, _digest = row.value.split(":", 1)
        return hmac.compare_digest(_hash_pin(pin, bytes.fromhex(salt_hex)), row.value)

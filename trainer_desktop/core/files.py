"""Writing a file the user chose so that a power cut or a pulled USB stick never leaves half of
it: a temporary file in the same folder, flushed to the disk, renamed over the target, and the
folder synced so the rename itself is durable."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .errors import UserError
from .i18n import _


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def atomic_file(out: Path) -> Iterator[BinaryIO]:
    """A binary file to write; ``out`` is replaced by it only when the block ends without error.
    Errors the user can act on (no permission, file open elsewhere, disk full) become a
    :class:`UserError` naming the file; ``out`` is then left as it was."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise UserError(_("Cannot write {path}: {reason}").format(
            path=out, reason=exc.strerror or exc)) from exc  # fmt: skip
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, out)
    except PermissionError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            _("Cannot write {path}: is it open in another program?").format(path=out)
        ) from exc
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(_("Cannot write {path}: {reason}").format(
            path=out, reason=exc.strerror or exc)) from exc  # fmt: skip
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(out.parent)

"""Work-arounds for defects of the Qt binding that would otherwise crash the application.

**None's reference count (PySide6 6.12 on Python 3.11).** Every PySide6 6.12 method that returns
nothing (``update()``, ``setPen()``, ``drawPath()``, ``QPainterPath.lineTo()``...) hands
Python a ``None`` it never counted. From Python 3.12 on ``None`` is immortal and this is
harmless; on 3.11 each call takes one reference from ``None``, which starts with about 5,500,
and when none are left the interpreter aborts ("Fatal Python error: none_dealloc"). Painting a
signature makes a dozen such calls per pointer move: the application would die during the
first or second participant's signature. PySide6 6.11 does not have the defect.

:func:`keep_none_alive` checks what the binding does (so nothing happens on a fixed binding or a
newer Python) and, where the defect shows, gives ``None`` a reference count no session can use
up: 2**40, what Python 3.12 does for every immortal object in spirit. The proper fix is a
binding without the defect (PySide6 < 6.12 on Python 3.11) or Python >= 3.12; this keeps a
trainer's laptop alive until then.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QPointF

_RESERVE = 1 << 40
_applied = False


def void_calls_drop_none() -> bool:
    """True if calling a Qt method that returns nothing takes a reference from ``None``."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal
    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(64):
        point.setX(0.0)
    return sys.getrefcount(None) <= before - 32


def keep_none_alive() -> bool:
    """Apply the work-around if this binding needs it (once); True if it is in force."""
    global _applied
    if _applied or not void_calls_drop_none():
        return _applied
    before = sys.getrefcount(None)
    # CPython 3.11: the reference count is the first field of every object.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += _RESERVE
    if sys.getrefcount(None) != before + _RESERVE:  # a build laid out otherwise: leave it be
        refcount.value -= _RESERVE
        return False
    _applied = True
    return True

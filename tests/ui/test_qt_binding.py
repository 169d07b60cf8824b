"""The Qt binding itself: a defect there would crash a trainer's laptop mid-session."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QWidget


def test_qt_calls_returning_nothing_do_not_use_up_none(qtbot):
    # PySide6 6.12 on Python 3.11 takes a reference from None at every such call, and the
    # interpreter aborts ("none_dealloc") once None's few thousand references are gone: the
    # pinned version (requirements.lock) must not.
    widget = QWidget()
    qtbot.addWidget(widget)
    path = QPainterPath()
    before = sys.getrefcount(None)
    for n in range(2000):
        widget.update()
        path.lineTo(n, n)
    assert sys.getrefcount(None) >= before - 10

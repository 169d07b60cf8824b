"""The sessions table model, without any widget."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from trainer_desktop.core import i18n
from trainer_desktop.core.sessions import SessionSummary
from trainer_desktop.ui.sessions_model import (
    COLUMN_COUNT,
    DATES,
    ITEMS,
    ORGANISER,
    PLACE,
    TITLE,
    SessionIdRole,
    SessionsTableModel,
    SortRole,
    place_text,
)

SEVARE = SessionSummary(
    id="s1",
    title="Atelier de renforcement des capacités des OPJ sur les droits de l'homme",
    theme="Droits de l'homme et garde à vue",
    start_date=dt.date(2022, 11, 8),
    end_date=dt.date(2022, 11, 10),
    town="Sévaré",
    region="Mopti",
    organiser="CNDH Mali",
    programme_items=12,
)
RABAT = SessionSummary(
    id="s2", title="Formation de formateurs sur la traite des personnes", theme="",
    start_date=dt.date(2019, 1, 7), end_date=dt.date(2019, 1, 7), town="Rabat", region="",
    organiser="ONUDC", programme_items=0,
)  # fmt: skip


def cell(model: SessionsTableModel, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_model_passes_qt_model_checks_empty_and_filled(qtmodeltester):
    model = SessionsTableModel()
    qtmodeltester.check(model)
    model.refresh([SEVARE, RABAT])
    qtmodeltester.check(model)
    model.refresh([])
    qtmodeltester.check(model)


def test_each_column_shows_what_a_trainer_reads():
    model = SessionsTableModel()
    model.refresh([SEVARE, RABAT])
    assert model.rowCount() == 2 and model.columnCount() == COLUMN_COUNT
    assert cell(model, 0, TITLE) == SEVARE.title
    tr = i18n.current()
    assert cell(model, 0, DATES) == tr.format_date_range(SEVARE.start_date, SEVARE.end_date)
    assert cell(model, 0, DATES).startswith("Nov 8") and "10, 2022" in cell(model, 0, DATES)
    assert cell(model, 1, DATES) == tr.format_date(RABAT.start_date)  # one day: one date
    assert cell(model, 0, PLACE) == "Sévaré, Mopti"
    assert cell(model, 1, PLACE) == "Rabat"
    assert cell(model, 0, ORGANISER) == "CNDH Mali"
    assert cell(model, 0, ITEMS) == "12"
    assert cell(model, 0, ITEMS, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "garde à vue" in cell(model, 0, TITLE, Qt.ItemDataRole.ToolTipRole)


def test_headers_name_the_columns():
    model = SessionsTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)]
    assert headers == ["Title", "Dates", "Place", "Organiser", "Programme items"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_every_cell_knows_its_session_id_and_sorts_by_value():
    model = SessionsTableModel()
    model.refresh([SEVARE, RABAT])
    assert [cell(model, r, c, SessionIdRole) for r in (0, 1) for c in (TITLE, ITEMS)] == [
        "s1", "s1", "s2", "s2"
    ]  # fmt: skip
    # Dates sort by the real date, not by the formatted text ("January" < "Nov").
    assert cell(model, 1, DATES, SortRole) < cell(model, 0, DATES, SortRole)
    assert cell(model, 1, ITEMS, SortRole) == 0
    assert model.row_of("s2") == 1 and model.row_of("missing") is None
    assert model.summary(0) is SEVARE


def test_refresh_resets_the_model(qtbot):
    model = SessionsTableModel()
    with qtbot.waitSignal(model.modelReset):
        model.refresh([SEVARE])
    assert model.rowCount() == 1


@pytest.mark.parametrize(
    ("town", "region", "expected"),
    [("Sévaré", "Mopti", "Sévaré, Mopti"), ("", "Ségou", "Ségou"), ("Rabat", "", "Rabat"),
     ("Mopti", "mopti", "Mopti"), (" ", "", "")],
)  # fmt: skip
def test_place_leaves_out_what_is_empty_or_repeated(town, region, expected):
    assert place_text(town, region) == expected

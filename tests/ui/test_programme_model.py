"""The programme table model and the plain helpers behind the programme screens, without widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTime

from trainer_desktop.core.programme import ProgrammeItem
from trainer_desktop.ui import programme_model
from trainer_desktop.ui.programme_item_dialog import (
    changed_values,
    default_slot,
    duration_text,
    item_values,
)
from trainer_desktop.ui.programme_model import (
    KIND,
    OBJECTIVE,
    SPEAKER,
    TIME,
    TITLE,
    ItemIdRole,
    ProgrammeTableModel,
    day_label,
    day_summary,
)

DAY = dt.date(2022, 11, 8)
GOALS = "Définir les droits de l'homme\nCiter les principes"


def item(item_id: str, start: str, end: str, title: str, kind: str = "presentation",
         speaker: str = "", objective: str = "") -> ProgrammeItem:  # fmt: skip
    return ProgrammeItem(
        id=item_id, session_id="s", day=DAY, title=title, kind=kind, speaker=speaker,
        objective=objective, start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
    )  # fmt: skip


@pytest.fixture
def day_items() -> list[ProgrammeItem]:
    return [
        item("a", "09:00", "09:30", "Cérémonie d'ouverture", "opening", "Préfet de Mopti"),
        item("b", "09:30", "10:30", "Module 1 : Concepts", "presentation", "Awa Traoré", GOALS),
        item("c", "10:30", "10:45", "Pause-café", "break"),
        item("d", "13:00", "14:00", "Déjeuner", "meal"),
    ]


@pytest.fixture
def model(day_items: list[ProgrammeItem]) -> ProgrammeTableModel:
    model = ProgrammeTableModel()
    model.set_items(day_items)
    return model


def text(model: ProgrammeTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_the_model_passes_the_qt_model_checks(qtmodeltester, model, day_items):
    qtmodeltester.check(model)
    model.set_items(day_items[:1])
    qtmodeltester.check(model)
    empty = ProgrammeTableModel()
    qtmodeltester.check(empty)


def test_each_column_shows_what_the_trainer_reads(model):
    assert model.rowCount() == 4 and model.columnCount() == 5
    assert [text(model, 1, c) for c in (TIME, TITLE, KIND, SPEAKER)] == [
        "09:30–10:30", "Module 1 : Concepts", "Presentation", "Awa Traoré",
    ]  # fmt: skip
    assert text(model, 0, KIND) == "Opening ceremony"
    assert text(model, 1, OBJECTIVE) == "Définir les droits de l'homme"  # first line only
    tooltip = model.data(model.index(1, OBJECTIVE), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("Citer les principes")
    assert [model.data(model.index(r, TITLE), ItemIdRole) for r in range(4)] == list("abcd")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Time", "Title", "Kind", "Speaker", "Objective"]
    assert model.row_of("c") == 2 and model.row_of("zz") == -1
    assert model.item_at(3).title == "Déjeuner" and model.item_at(4) is None


def test_breaks_and_meals_are_tinted_with_readable_text(model):
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(1, TITLE), background) is None
    break_tint = model.data(model.index(2, TITLE), background)
    meal_tint = model.data(model.index(3, TIME), background)
    assert break_tint is not None and meal_tint is not None
    assert break_tint.color() != meal_tint.color()
    assert model.data(model.index(2, TITLE), Qt.ItemDataRole.ForegroundRole) is not None


def test_kind_label_is_translated_when_shown(model, monkeypatch):
    monkeypatch.setattr(programme_model, "_", lambda message: f"<{message}>")
    assert text(model, 2, KIND) == "<Break>"
    assert model.headerData(TITLE, Qt.Orientation.Horizontal) == "<Title>"


def test_dropping_rows_asks_for_the_new_order_without_moving_them(qtbot, model):
    data = model.mimeData([model.index(3, TITLE), model.index(3, TIME)])
    with qtbot.waitSignal(model.reorder_requested) as signal:
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert signal.args == [["a", "d", "b", "c"]]
    assert [i.id for i in model.items] == list("abcd")  # the core reorders, then a reload
    data = model.mimeData([model.index(0, TITLE)])
    with qtbot.waitSignal(model.reorder_requested) as signal:
        model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # at the end
    assert signal.args == [["b", "c", "d", "a"]]


def test_a_drop_in_place_or_from_elsewhere_asks_nothing(qtbot, model):
    other = ProgrammeTableModel()
    other.set_items([item("x", "08:00", "09:00", "Elsewhere")])
    with qtbot.assertNotEmitted(model.reorder_requested):
        model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, 1, 0,
                           QModelIndex())  # fmt: skip
        model.dropMimeData(other.mimeData([other.index(0, 0)]), Qt.DropAction.MoveAction, 0, 0,
                           QModelIndex())  # fmt: skip
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled


def test_day_label_and_summary(day_items):
    assert day_label(1, DAY) == "Day 1 — Tuesday, November 8, 2022"
    assert day_summary(day_items) == "4 items · 09:00–14:00"
    assert day_summary(day_items[:1]) == "1 item · 09:00–09:30"
    assert "Insert" in day_summary([])


def test_a_new_item_starts_where_the_day_ends_for_one_hour(day_items):
    assert default_slot([]) == (dt.time(8, 30), dt.time(9, 30))
    assert default_slot(day_items) == (dt.time(14, 0), dt.time(15, 0))
    late = [item("z", "22:30", "23:30", "Veillée")]
    assert default_slot(late) == (dt.time(23, 30), dt.time(23, 59))  # never past midnight


def test_values_from_the_widgets_are_what_the_core_takes(day_items):
    values = item_values(
        day=DAY, start=QTime(9, 30), end=QTime(10, 30), title="  Module 1 : Concepts ",
        kind="presentation", speaker=" Awa Traoré", objective="Définir les droits de l'homme\n"
        "Citer les principes\n",
    )  # fmt: skip
    assert values == {
        "day": DAY, "start_time": dt.time(9, 30), "end_time": dt.time(10, 30),
        "title": "Module 1 : Concepts", "kind": "presentation", "speaker": "Awa Traoré",
        "objective": "Définir les droits de l'homme\nCiter les principes",
    }  # fmt: skip
    assert changed_values(day_items[1], values) == {}
    assert changed_values(day_items[1], {**values, "title": "Module 1"}) == {"title": "Module 1"}


def test_duration_is_spelt_out():
    assert duration_text(QTime(9, 0), QTime(10, 30)) == "1 h 30"
    assert duration_text(QTime(9, 0), QTime(11, 0)) == "2 h"
    assert duration_text(QTime(9, 0), QTime(9, 15)) == "15 min"
    assert duration_text(QTime(9, 0), QTime(8, 0)) == "ends before it starts"

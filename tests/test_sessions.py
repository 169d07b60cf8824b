"""Training sessions through the core: validation, duplicate, reschedule, search."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer_desktop.core.errors import NotFoundError, ValidationError
from trainer_desktop.core.i18n import set_language

D = dt.date(2022, 11, 8)


def make(workspace, **extra):
    values = dict(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2))
    return workspace.sessions.create(**{**values, **extra})


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": "   "}, "title", "needs a title"),
        ({"end_date": D - dt.timedelta(days=1)}, "end_date", "ends .* before it starts"),
        ({"start_date": None}, "start_date", "start date is missing"),
        ({"expected_participants": "quarante"}, "expected_participants", "whole number"),
        ({"expected_participants": -3}, "expected_participants", "whole number"),
        ({"language": "de"}, "language", "Unknown working language"),
        ({"title": "x" * 301}, "title", "too long"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_saved(workspace, values, field, message):
    with pytest.raises(ValidationError, match=message) as refused:
        make(workspace, **values)
    assert refused.value.field == field
    assert workspace.sessions.list() == []


def test_messages_are_in_the_interface_language(workspace):
    set_language("fr")
    with pytest.raises(ValidationError) as refused:
        make(workspace, title="")
    assert refused.value.message == "La session doit avoir un titre."


def test_fields_are_cleaned(workspace):
    session = make(workspace, title="  Atelier   OPJ  ", funders="EUCAP Sahel Mali;\nCNDH\n\n",
                   facilitators=["  Me Traoré ", ""], expected_participants="40")  # fmt: skip
    stored = workspace.sessions.get(session.id)
    assert stored.title == "Atelier OPJ"
    assert stored.funders == ["EUCAP Sahel Mali", "CNDH"]
    assert stored.facilitators == ["Me Traoré"]
    assert stored.expected_participants == 40


def test_an_edit_with_dates_out_of_order_changes_nothing(workspace):
    session = make(workspace)
    with pytest.raises(ValidationError):
        workspace.sessions.update(session.id, title="Nouveau titre", end_date=D - dt.timedelta(days=5))
    assert workspace.sessions.get(session.id).title == "Atelier OPJ"


def test_moving_the_start_date_moves_the_programme(workspace):
    session = make(workspace)
    item = workspace.programme.add(session.id, day=D + dt.timedelta(days=1), start_time=dt.time(9),
                                   end_time=dt.time(10), title="Module 2")  # fmt: skip
    workspace.sessions.update(session.id, start_date=dt.date(2023, 3, 6), end_date=dt.date(2023, 3, 8))
    [moved] = workspace.programme.items(session.id)
    assert moved.id == item.id and moved.day == dt.date(2023, 3, 7)


def test_duplicate_copies_the_session_and_programme_to_new_dates(workspace):
    session = make(workspace, town="Sévaré", funders=["EUCAP Sahel Mali"])
    for day, title in ((D, "Ouverture"), (D + dt.timedelta(days=2), "Clôture")):
        workspace.programme.add(session.id, day=day, start_time=dt.time(9), end_time=dt.time(10),
                                title=title)  # fmt: skip
    copy = workspace.sessions.duplicate(session.id, dt.date(2022, 12, 5), title="Atelier OPJ — Ségou")
    stored = workspace.sessions.get(copy.id)
    assert copy.id != session.id
    assert (stored.start_date, stored.end_date) == (dt.date(2022, 12, 5), dt.date(2022, 12, 7))
    assert stored.town == "Sévaré" and stored.funders == ["EUCAP Sahel Mali"]
    assert stored.title == "Atelier OPJ — Ségou"
    copied = workspace.programme.items(copy.id)
    assert [(i.day, i.title) for i in copied] == [
        (dt.date(2022, 12, 5), "Ouverture"),
        (dt.date(2022, 12, 7), "Clôture"),
    ]
    original_ids = {i.id for i in workspace.programme.items(session.id)}
    assert not original_ids & {i.id for i in copied}


def test_search_ignores_case_and_accents(workspace):
    make(workspace, title="Atelier OPJ", town="Sévaré")
    make(workspace, title="Formation de formateurs", town="Rabat")
    assert [s.title for s in workspace.sessions.list("sevare")] == ["Atelier OPJ"]
    assert [s.title for s in workspace.sessions.list("FORMATEURS rabat")] == [
        "Formation de formateurs"
    ]
    assert len(workspace.sessions.list("")) == 2


def test_a_deleted_session_cannot_be_edited(workspace):
    session = make(workspace)
    workspace.sessions.delete(session.id)
    with pytest.raises(NotFoundError):
        workspace.sessions.update(session.id, title="x")
    with pytest.raises(NotFoundError):
        workspace.sessions.get(session.id)


def test_the_list_counts_live_programme_items(workspace):
    session = make(workspace)
    a = workspace.programme.add(session.id, day=D, start_time=dt.time(9), end_time=dt.time(10), title="A")
    workspace.programme.add(session.id, day=D, start_time=dt.time(10), end_time=dt.time(11), title="B")
    workspace.programme.delete(a.id)
    [summary] = workspace.sessions.list()
    assert summary.programme_items == 1


def test_shortening_a_session_asks_before_deleting_items_outside_it(workspace):
    from trainer_desktop.core.errors import NeedsConfirmation

    session = make(workspace)
    for day in range(3):
        workspace.programme.add(session.id, day=D + dt.timedelta(days=day), start_time=dt.time(9),
                                end_time=dt.time(10), title=f"Jour {day + 1}")  # fmt: skip
    with pytest.raises(NeedsConfirmation, match="2 programme items fall outside"):
        workspace.sessions.update(session.id, end_date=D)
    assert workspace.sessions.get(session.id).end_date == D + dt.timedelta(days=2)
    assert len(workspace.programme.items(session.id)) == 3
    workspace.sessions.update(session.id, end_date=D, confirmed=True)
    assert [i.title for i in workspace.programme.items(session.id)] == ["Jour 1"]
    workspace.sessions.delete(session.id)
    workspace.sessions.restore(session.id)  # undo the delete: the items deleted by the edit stay gone
    assert [i.title for i in workspace.programme.items(session.id)] == ["Jour 1"]


def test_moving_a_session_keeps_its_programme_without_asking(workspace):
    session = make(workspace)
    workspace.programme.add(session.id, day=D + dt.timedelta(days=2), start_time=dt.time(9),
                            end_time=dt.time(10), title="Clôture")  # fmt: skip
    workspace.sessions.update(session.id, start_date=D + dt.timedelta(days=30),
                              end_date=D + dt.timedelta(days=32))  # fmt: skip
    [item] = workspace.programme.items(session.id)
    assert item.day == D + dt.timedelta(days=32)

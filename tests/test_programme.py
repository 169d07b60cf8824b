"""A session's programme through the core: validation, overlaps, moves."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer_desktop.core.errors import NeedsConfirmation, ValidationError
from trainer_desktop.core.programme import ProgrammeItem

from workspaces import clone_template

D = dt.date(2022, 11, 8)


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2))


def add(workspace, session, start, end, title, day=D, **kw):
    return workspace.programme.add(session.id, day=day, start_time=dt.time(*start),
                                   end_time=dt.time(*end), title=title, **kw)  # fmt: skip


def slots(workspace, session, day=D):
    return [(i.title, i.start_time.strftime("%H:%M"), i.end_time.strftime("%H:%M"))
            for i in workspace.programme.items(session.id) if i.day == day]  # fmt: skip


def test_an_item_that_ends_before_it_starts_is_refused(workspace, session):
    with pytest.raises(ValidationError, match="ends .10:00. before it starts .11:00.") as refused:
        add(workspace, session, (11, 0), (10, 0), "Module 1")
    assert refused.value.field == "end_time"
    assert workspace.programme.items(session.id) == []


def test_an_item_outside_the_session_days_is_refused(workspace, session):
    with pytest.raises(ValidationError, match="not one of the session's days"):
        add(workspace, session, (9, 0), (10, 0), "Module 1", day=D + dt.timedelta(days=3))


def test_empty_title_and_unknown_kind_are_refused(workspace, session):
    with pytest.raises(ValidationError, match="needs a title"):
        add(workspace, session, (9, 0), (10, 0), "  ")
    with pytest.raises(ValidationError, match="Unknown kind"):
        add(workspace, session, (9, 0), (10, 0), "Pause", kind="siesta")


def test_overlapping_items_need_confirmation(workspace, session):
    add(workspace, session, (9, 0), (10, 30), "Atelier A")
    with pytest.raises(NeedsConfirmation, match="overlaps “Atelier A” .09:00–10:30."):
        add(workspace, session, (10, 0), (11, 0), "Atelier B")
    assert len(workspace.programme.items(session.id)) == 1
    add(workspace, session, (10, 0), (11, 0), "Atelier B", confirmed=True)
    assert len(workspace.programme.items(session.id)) == 2
    # back to back is not an overlap
    add(workspace, session, (11, 0), (12, 0), "Module 3")


def test_moving_up_swaps_time_slots_and_keeps_durations(workspace, session):
    add(workspace, session, (9, 0), (10, 0), "Présentation")
    add(workspace, session, (10, 0), (10, 30), "Pause")
    group = add(workspace, session, (10, 45), (12, 15), "Travaux de groupe")
    assert workspace.programme.move(group.id, -1)
    assert slots(workspace, session) == [
        ("Présentation", "09:00", "10:00"),
        ("Travaux de groupe", "10:00", "11:30"),
        ("Pause", "11:45", "12:15"),
    ]
    assert not workspace.programme.move(workspace.programme.items(session.id)[0].id, -1)


def test_reorder_puts_items_in_the_given_order(workspace, session):
    a = add(workspace, session, (9, 0), (10, 0), "A")
    b = add(workspace, session, (10, 0), (11, 0), "B")
    c = add(workspace, session, (11, 0), (11, 30), "C")
    workspace.programme.reorder(session.id, D, [c.id, a.id, b.id])
    assert slots(workspace, session) == [("C", "09:00", "09:30"), ("A", "09:30", "10:30"),
                                         ("B", "10:30", "11:30")]  # fmt: skip
    with pytest.raises(ValidationError):
        workspace.programme.reorder(session.id, D, [a.id, b.id])


def test_reorder_is_one_transaction(workspace, session):
    a = add(workspace, session, (9, 0), (10, 0), "A")
    b = add(workspace, session, (10, 0), (11, 0), "B")
    c = add(workspace, session, (11, 0), (11, 30), "C")
    workspace.programme.reorder(session.id, D, [c.id, b.id, a.id])
    with workspace.db.read() as tx:
        numbers = {tx.get(ProgrammeItem, i.id).local_seq for i in (a, b, c)}
    assert len(numbers) == 1  # written together: a power cut cannot leave it half reordered


def test_an_edit_that_keeps_the_slot_does_not_ask_about_an_accepted_overlap(workspace, session):
    add(workspace, session, (9, 0), (10, 0), "Atelier A")
    b = add(workspace, session, (9, 30), (10, 30), "Atelier B", confirmed=True)
    assert workspace.programme.update(b.id, title="Atelier B (salle 2)", day=D,
                                      start_time=dt.time(9, 30), end_time=dt.time(10, 30)) == ["title"]  # fmt: skip


def test_edits_are_checked_like_additions(workspace, session):
    a = add(workspace, session, (9, 0), (10, 0), "A")
    add(workspace, session, (10, 0), (11, 0), "B")
    with pytest.raises(ValidationError):
        workspace.programme.update(a.id, end_time=dt.time(8, 0))
    with pytest.raises(NeedsConfirmation):
        workspace.programme.update(a.id, end_time=dt.time(10, 30))
    assert workspace.programme.update(a.id, title="Ouverture", speaker="Me Coulibaly") == [
        "title", "speaker"]  # fmt: skip


# In quarter hours; at most 6 × 2 h + 5 × 45 min from 07:00, so a day always ends before midnight.
durations = st.lists(st.integers(1, 8), min_size=2, max_size=6)
gaps = st.lists(st.integers(0, 3), min_size=6, max_size=6)


@settings(max_examples=25, deadline=None)
@given(durations=durations, gaps=gaps, data=st.data())
def test_moves_keep_durations_span_and_time_order(template_db, durations, gaps, data):
    with tempfile.TemporaryDirectory() as folder:  # a database of its own for each example
        workspace = clone_template(template_db, Path(folder) / "db.sqlite", "laptop")
        try:
            check_moves(workspace, durations, gaps, data)
        finally:
            workspace.close()


def check_moves(workspace, durations, gaps, data):
    session = workspace.sessions.create(title="S", start_date=D, end_date=D)
    minute = 7 * 60
    for n, (quarters, gap) in enumerate(zip(durations, gaps, strict=False)):
        start, end = minute, minute + quarters * 15
        add(workspace, session, divmod(start, 60), divmod(end, 60), f"item {n}")
        minute = end + gap * 15
    before = workspace.programme.items(session.id)
    span = (before[0].start_time, max(i.end_time for i in before))
    length = {i.id: i.duration for i in before}
    order = [i.id for i in before]
    for _ in range(data.draw(st.integers(1, 5))):
        index = data.draw(st.integers(0, len(order) - 1))
        offset = data.draw(st.integers(-len(order), len(order)).filter(bool))
        moved = workspace.programme.move(order[index], offset)
        target = index + offset
        if 0 <= target < len(order):
            assert moved
            order.insert(target, order.pop(index))
        else:
            assert not moved
        after = workspace.programme.items(session.id)
        assert [i.id for i in after] == order
        assert {i.id: i.duration for i in after} == length
        assert (after[0].start_time, max(i.end_time for i in after)) == span
        assert all(a.end_time <= b.start_time for a, b in zip(after, after[1:], strict=False))


def test_item_sort_key_orders_by_day_then_time():
    a = ProgrammeItem(day=D, start_time=dt.time(9), end_time=dt.time(10), title="b", id="2")
    b = ProgrammeItem(day=D, start_time=dt.time(8), end_time=dt.time(9), title="a", id="1")
    c = ProgrammeItem(day=D - dt.timedelta(days=1), start_time=dt.time(17), end_time=dt.time(18),
                      title="c", id="3")  # fmt: skip
    assert sorted([a, b, c], key=ProgrammeItem.sort_key) == [c, b, a]

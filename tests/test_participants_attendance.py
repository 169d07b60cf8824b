"""The participant registry, enrolments, sign-in periods, marks and signatures (core)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from trainer_desktop.core.attendance import AttendanceMark, Signature, mark_id, period_id
from trainer_desktop.core.errors import NotFoundError, ValidationError
from trainer_desktop.core.participants import Enrolment, enrolment_id, name_key

D = dt.date(2022, 11, 8)


def drawn(seed: int = 0) -> bytes:
    """A real encoded signature (the app's codec, a synthetic cursive hand)."""
    from trainer_desktop.core.signature_demo import demo_signature
    from trainer_desktop.core.signatures import encode

    return encode(demo_signature(seed), 600, 220)


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2))


def person(workspace, family="Sidibé", given="Awa", **extra):
    return workspace.participants.create(family_name=family, given_names=given, **extra)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"family_name": "   "}, "family_name", "needs a family name"),
        ({"phone": "76 12 AB 90"}, "phone", "only hold digits"),
        ({"email": "awa.sidibe"}, "email", "not an e-mail address"),
        ({"sex": "f"}, "sex", "Unknown sex"),
        ({"institution": "x" * 301}, "institution", "too long"),
    ],
)
def test_bad_participant_input_is_refused_naming_the_field(workspace, values, field, message):
    with pytest.raises(ValidationError, match=message) as refused:
        workspace.participants.create(**{"family_name": "Traoré", **values})
    assert refused.value.field == field
    assert workspace.participants.search("") == []


def test_fields_are_cleaned_and_sex_defaults_to_not_stated(workspace):
    created = person(workspace, family="  Coulibaly ", given=" Moussa   Ibrahim", phone="+223 76 12 34 56")
    stored = workspace.participants.get(created.id)
    assert (stored.family_name, stored.given_names, stored.sex) == ("Coulibaly", "Moussa Ibrahim", "unstated")
    assert stored.display_name == "COULIBALY Moussa Ibrahim"


def test_search_ignores_accents_case_and_word_order(workspace):
    person(workspace, "Sidibé", "Awa", institution="Police nationale")
    person(workspace, "Diarra", "Oumar", institution="Gendarmerie nationale", phone="66 00 11 22")
    assert [p.family_name for p in workspace.participants.search("sidibe")] == ["Sidibé"]
    assert [p.family_name for p in workspace.participants.search("AWA sidibé")] == ["Sidibé"]
    assert [p.family_name for p in workspace.participants.search("gendarmerie")] == ["Diarra"]
    assert [p.family_name for p in workspace.participants.search("66 00")] == ["Diarra"]
    assert name_key("Sidibé", "Awa") == name_key("AWA", "sidibe")


def test_arabic_names_are_stored_as_typed_and_found_whatever_the_spelling(workspace):
    """Harakat and tatweel ignored, alef with hamza or madda as alef, ى as ي, ة as ه."""
    person(workspace, "الزهراء", "فاطِمَة", institution="المجلس الوطني لحقوق الإنسان")
    person(workspace, "بنعلي", "أحمد مصطفى")
    person(workspace, "Sidibé", "Awa")
    assert {p.given_names for p in workspace.participants.search("")} >= {"فاطِمَة"}  # stored as typed
    assert [p.family_name for p in workspace.participants.search("فاطمه")] == ["الزهراء"]
    assert [p.family_name for p in workspace.participants.search("احمد مصطفي")] == ["بنعلي"]
    assert [p.family_name for p in workspace.participants.search("آحمـــد")] == ["بنعلي"]
    assert [p.family_name for p in workspace.participants.search("الانسان")] == ["الزهراء"]
    assert workspace.participants.search("sidibe")[0].family_name == "Sidibé"
    assert name_key("بنعلي", "أحمد") == name_key("احمد", "بنعلي")


def test_enrolling_twice_is_one_enrolment_and_the_role_can_change(workspace, session):
    awa = person(workspace)
    first = workspace.participants.enrol(session.id, awa.id)
    again = workspace.participants.enrol(session.id, awa.id, role="observer")
    assert first.id == again.id == enrolment_id(session.id, awa.id)
    [enrolled] = workspace.participants.enrolled(session.id)
    assert enrolled.enrolment.role == "observer" and enrolled.participant.id == awa.id
    workspace.participants.unenrol(first.id)
    assert workspace.participants.enrolled(session.id) == []
    workspace.participants.enrol(session.id, awa.id)  # back, same record
    with workspace.db.read() as tx:
        assert len(tx.scalars(select(Enrolment)).all()) == 1
    with pytest.raises(ValidationError, match="Unknown role"):
        workspace.participants.enrol(session.id, awa.id, role="boss")


def test_default_periods_are_a_morning_and_an_afternoon_per_day_made_once(workspace, session):
    periods = workspace.attendance.ensure_default_periods(session.id)
    assert [(p.day, p.kind) for p in periods] == [
        (D + dt.timedelta(days=d), kind) for d in range(3) for kind in ("morning", "afternoon")]  # fmt: skip
    assert periods[0].id == period_id(session.id, D, "morning")  # the same on every laptop
    assert [p.id for p in workspace.attendance.ensure_default_periods(session.id)] == [p.id for p in periods]


def test_marks_one_per_cell_set_changed_and_cleared(workspace, session):
    awa = workspace.participants.enrol(session.id, person(workspace).id)
    [morning, *_rest] = workspace.attendance.ensure_default_periods(session.id)
    workspace.attendance.set_mark(awa.id, morning.id, "late", dt.time(9, 10))
    workspace.attendance.set_mark(awa.id, morning.id, "excused")
    grid = workspace.attendance.grid(session.id)
    assert grid.status(awa.id, morning.id) == "excused"
    assert grid.marks[(awa.id, morning.id)].arrived_at is None
    workspace.attendance.set_mark(awa.id, morning.id, None)
    assert workspace.attendance.grid(session.id).status(awa.id, morning.id) is None
    with workspace.db.read() as tx:
        [mark] = tx.scalars(select(AttendanceMark)).all()
    assert mark.id == mark_id(awa.id, morning.id) and mark.deleted
    with pytest.raises(ValidationError, match="Unknown attendance status"):
        workspace.attendance.set_mark(awa.id, morning.id, "sleeping")


def test_a_signature_is_kept_and_marks_present_or_late(workspace, session):
    awa = workspace.participants.enrol(session.id, person(workspace, sex="woman").id)
    moussa = workspace.participants.enrol(session.id, person(workspace, "Keïta", "Moussa", sex="man").id)
    morning = workspace.attendance.ensure_default_periods(session.id)[0]
    workspace.attendance.sign_in(awa.id, morning.id, drawn(1), at=dt.datetime.combine(D, dt.time(8, 40)))
    workspace.attendance.sign_in(moussa.id, morning.id, drawn(2), at=dt.datetime.combine(D, dt.time(9, 20)))
    grid = workspace.attendance.grid(session.id)
    assert grid.status(awa.id, morning.id) == "present"
    assert grid.status(moussa.id, morning.id) == "late"
    assert grid.marks[(moussa.id, morning.id)].arrived_at == dt.time(9, 20)
    assert grid.signed == {(awa.id, morning.id), (moussa.id, morning.id)}
    totals = grid.period_totals(morning.id)
    assert totals.by_status["present"] == 1 and totals.by_status["late"] == 1
    assert totals.attended_by_sex == {"woman": 1, "man": 1}
    assert grid.rate(awa.id) == pytest.approx(1 / 6)
    [signature] = workspace.attendance.signatures(awa.id, morning.id)
    assert signature.strokes == drawn(1)
    from trainer_desktop.core.signatures import encode

    with pytest.raises(ValidationError, match="cannot be read"):
        workspace.attendance.sign_in(awa.id, morning.id, b"")
    with pytest.raises(ValidationError, match="signature is empty"):
        workspace.attendance.sign_in(awa.id, morning.id, encode([], 600, 220))


def test_signatures_are_immutable(workspace, session):
    from trainer_desktop.core import records

    awa = workspace.participants.enrol(session.id, person(workspace).id)
    morning = workspace.attendance.ensure_default_periods(session.id)[0]
    signature = workspace.attendance.sign_in(awa.id, morning.id, drawn())
    with workspace.db.write() as tx, pytest.raises(TypeError, match="immutable"):
        records.update(tx.get(Signature, signature.id), workspace.clock.tick(tx), {"strokes": b"x"})


def test_marks_need_a_live_enrolment_and_period(workspace, session):
    awa = workspace.participants.enrol(session.id, person(workspace).id)
    morning = workspace.attendance.ensure_default_periods(session.id)[0]
    workspace.participants.unenrol(awa.id)
    with pytest.raises(NotFoundError, match="no longer enrolled"):
        workspace.attendance.set_mark(awa.id, morning.id, "present")


def test_attended_enough_follows_the_sessions_rule_exactly(workspace, session):
    awa = workspace.participants.enrol(session.id, person(workspace).id)
    periods = workspace.attendance.ensure_default_periods(session.id)
    for period in periods[:4]:  # 4 of 6 periods = 66.7 %
        workspace.attendance.set_mark(awa.id, period.id, "present")
    workspace.attendance.set_mark(awa.id, periods[4].id, "absent")
    grid = workspace.attendance.grid(session.id)
    assert workspace.sessions.get(session.id).attendance_threshold == 80  # the default
    assert not grid.attended_enough(awa.id, 80)
    assert grid.attended_enough(awa.id, 66) and not grid.attended_enough(awa.id, 67)
    workspace.sessions.update(session.id, attendance_threshold=60)
    assert workspace.sessions.get(session.id).attendance_threshold == 60
    with pytest.raises(ValidationError, match="percentage from 0 to 100"):
        workspace.sessions.update(session.id, attendance_threshold=120)


def test_create_and_enrol_is_one_transaction(workspace, session):
    from trainer_desktop.core.participants import Participant

    enrolled = workspace.participants.create_and_enrol(session.id, family_name="Keïta",
                                                       given_names="Seydou", sex="man")  # fmt: skip
    assert [e.participant.id for e in workspace.participants.enrolled(session.id)] == [
        enrolled.participant.id]  # fmt: skip
    with pytest.raises(ValidationError, match="Unknown role"):
        workspace.participants.create_and_enrol(session.id, role="boss", family_name="Touré")
    with workspace.db.read() as tx:  # the refused enrolment left no person behind
        assert [p.family_name for p in tx.scalars(select(Participant))] == ["Keïta"]


def test_the_trainer_sets_whole_day_and_custom_periods(workspace, session):
    day = workspace.attendance.add_period(session.id, D, dt.time(8, 30), dt.time(17, 30), kind="day")
    evening = workspace.attendance.add_period(session.id, D, dt.time(19), dt.time(21),
                                              label="  Séance   du soir ")  # fmt: skip
    assert [(p.kind, p.label) for p in workspace.attendance.periods(session.id)] == [
        ("day", ""), ("custom", "Séance du soir")]  # fmt: skip
    # ensure_default_periods leaves a session with periods alone
    assert len(workspace.attendance.ensure_default_periods(session.id)) == 2
    for bad, message in (
        (dict(start_time=dt.time(10), end_time=dt.time(9)), "ends .09:00. before it starts"),
        (dict(label=""), "needs a name"),
        (dict(day=D + dt.timedelta(days=9)), "not one of the session's days"),
        (dict(kind="night"), "Unknown kind of period"),
    ):  # fmt: skip
        values = dict(day=D, start_time=dt.time(19), end_time=dt.time(21), kind="custom",
                      label="Soir", **{})  # fmt: skip
        values.update(bad)
        with pytest.raises(ValidationError, match=message):
            workspace.attendance.add_period(session.id, **values)
    assert workspace.attendance.update_period(evening.id, end_time=dt.time(21, 30)) == ["end_time"]
    with pytest.raises(ValidationError, match="before it starts"):
        workspace.attendance.update_period(evening.id, end_time=dt.time(18))
    workspace.attendance.delete_period(day.id)
    assert [p.id for p in workspace.attendance.periods(session.id)] == [evening.id]
    workspace.attendance.restore_period(day.id)
    assert len(workspace.attendance.periods(session.id)) == 2

"""The enrolled people's table model and the plain helpers of the participants screens, without
widgets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from trainer_desktop.core.participants import EnrolledPerson, Enrolment, Participant
from trainer_desktop.ui.participant_dialog import changed_values, participant_values
from trainer_desktop.ui.participants_model import (
    FUNCTION,
    INSTITUTION,
    NAME,
    PHONE,
    ROLE,
    SEX,
    UNIT,
    EnrolledTableModel,
    EnrolmentIdRole,
    ParticipantIdRole,
    count_text,
    filter_people,
    suggestion_text,
)


def person(pid: str, family: str, given: str, sex: str = "woman", role: str = "participant",
           **values) -> EnrolledPerson:  # fmt: skip
    participant = Participant(id=pid, family_name=family, given_names=given, sex=sex,
                              institution=values.get("institution", ""),
                              function=values.get("function", ""), unit=values.get("unit", ""),
                              phone=values.get("phone", ""))  # fmt: skip
    return EnrolledPerson(Enrolment(id=f"e-{pid}", session_id="s", participant_id=pid, role=role),
                          participant)  # fmt: skip


def people() -> list[EnrolledPerson]:
    return [
        person(
            "a",
            "Traoré",
            "Awa",
            "woman",
            institution="Police nationale",
            function="Commissaire",
            unit="Commissariat du 3e arrondissement",
            phone="+223 76 12 34 56",
        ),
        person(
            "b",
            "Keïta",
            "Moussa",
            "man",
            "facilitator",
            institution="Gendarmerie nationale",
            function="Adjudant",
        ),
        person("c", "Diarra", "", "unstated"),
    ]


def test_the_model_passes_qt_model_checks_empty_and_filled(qtmodeltester):
    model = EnrolledTableModel()
    qtmodeltester.check(model)
    model.set_people(people())
    qtmodeltester.check(model)
    model.set_people([])
    qtmodeltester.check(model)


def test_each_column_shows_what_a_trainer_reads():
    model = EnrolledTableModel()
    model.set_people(people())
    row = [model.data(model.index(0, c)) for c in (NAME, SEX, INSTITUTION, FUNCTION, UNIT, PHONE,
                                                    ROLE)]  # fmt: skip
    assert row == ["TRAORÉ Awa", "Woman", "Police nationale", "Commissaire",
                   "Commissariat du 3e arrondissement", "+223 76 12 34 56", "Participant"]  # fmt: skip
    assert model.data(model.index(1, ROLE)) == "Facilitator"
    assert model.data(model.index(2, NAME)) == "DIARRA"
    assert model.data(model.index(2, SEX)) == "Not stated"
    assert model.data(model.index(1, UNIT), EnrolmentIdRole) == "e-b"
    assert model.data(model.index(1, NAME), ParticipantIdRole) == "b"
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    assert model.row_of("e-c") == 2 and model.row_of("nobody") == -1
    assert model.person_at(5) is None


def test_count_line_by_sex():
    assert count_text(people()) == "3 enrolled · 1 woman · 1 man · 1 sex not stated"
    assert count_text(people()[:2]) == "2 enrolled · 1 woman · 1 man"
    many = [person(str(i), "X", "Y", "woman" if i < 12 else "man") for i in range(40)]
    assert count_text(many) == "40 enrolled · 12 women · 28 men"
    assert count_text([]).startswith("Nobody enrolled yet")


def test_filter_ignores_accents_and_case_and_looks_at_unit_and_phone():
    everyone = people()
    assert [p.participant.id for p in filter_people(everyone, "keita")] == ["b"]
    assert [p.participant.id for p in filter_people(everyone, "3E ARRONDISSEMENT")] == ["a"]
    assert [p.participant.id for p in filter_people(everyone, "76 12")] == ["a"]
    assert filter_people(everyone, "  ") == everyone


def test_suggestion_text_tells_who_the_person_is():
    awa = people()[0].participant
    assert suggestion_text(awa, False) == (
        "TRAORÉ Awa — Commissaire, Police nationale · +223 76 12 34 56"
    )
    assert suggestion_text(people()[2].participant, True) == "DIARRA (already in this session)"


def test_participant_values_trim_texts_and_keep_consents_as_booleans():
    raw = {"family_name": "  Sidibé ", "given_names": "Awa   Fatoumata", "sex": None,
           "phone": " 76 12 34 56 ", "consent_data": 1, "consent_photo": 0, "role": "observer"}  # fmt: skip
    assert participant_values(raw) == {
        "family_name": "Sidibé", "given_names": "Awa Fatoumata", "sex": "unstated",
        "phone": "76 12 34 56", "consent_data": True, "consent_photo": False,
    }  # fmt: skip


def test_changed_values_keeps_only_what_differs():
    awa = people()[0].participant
    assert changed_values(awa, {"family_name": "Traoré", "function": "Commissaire divisionnaire"}) \
        == {"function": "Commissaire divisionnaire"}  # fmt: skip

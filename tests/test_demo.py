"""Demo data: deterministic, re-runnable, valid, drawn from the field reports."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

from trainer_desktop.core import demo
from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.programme import ProgrammeItem, check_times, validate_item
from trainer_desktop.core.records import data_columns
from trainer_desktop.core.sessions import (
    SESSION_FIELDS,
    TrainingSession,
    check_dates,
    validate_session,
)

REAL_KEYS = (
    "real/opj-sevare-2022",
    "real/opj-segou-2022",
    "real/mnp-rabat-2019",
    "real/glo-act-rabat-2019",
)
REAL_IDS = {demo_id(k) for k in REAL_KEYS}


def _snapshot(workspace):
    """Sessions and items as comparable tuples (ids, titles, dates, times), deleted included."""
    with workspace.db.read() as tx:
        sessions = {
            (s.id, s.title, s.start_date, s.end_date, s.town, s.deleted)
            for s in tx.scalars(select(TrainingSession))
        }
        items = {
            (i.id, i.session_id, i.title, i.day, i.start_time, i.end_time, i.speaker, i.kind)
            for i in tx.scalars(select(ProgrammeItem))
        }
    return sessions, items


def _sessions(workspace) -> dict[str, TrainingSession]:
    with workspace.db.read() as tx:
        return {s.id: s for s in tx.scalars(select(TrainingSession))}


def test_same_seed_gives_the_same_records_in_two_databases(make_workspace):
    first, second = make_workspace("a"), make_workspace("b")
    assert first.device.device_id != second.device.device_id

    load_demo(first, seed=7)
    load_demo(second, seed=7)

    sessions, items = _snapshot(first)
    assert _snapshot(second) == (sessions, items)
    assert len(sessions) >= 4 + demo.GENERATED_MIN and len(items) > 100


def test_running_twice_adds_nothing(workspace):
    result = load_demo(workspace, seed=3)
    assert result.sessions_created == len(_sessions(workspace))
    assert result.sessions_existing == 0
    assert result.items_created == len(_snapshot(workspace)[1])
    before = _snapshot(workspace)
    with workspace.db.read() as tx:
        stamps_before = {s.id: s.hlc for s in tx.scalars(select(TrainingSession))}

    again = load_demo(workspace, seed=3)

    assert again == demo.DemoResult(0, result.sessions_created, 0)
    assert _snapshot(workspace) == before
    with workspace.db.read() as tx:  # nothing was even touched
        assert {s.id: s.hlc for s in tx.scalars(select(TrainingSession))} == stamps_before


def test_different_seeds_share_the_real_sessions_only(make_workspace):
    a, b = make_workspace("a"), make_workspace("b")
    load_demo(a, seed=0)
    load_demo(b, seed=1)
    sessions_a, sessions_b = _sessions(a), _sessions(b)

    assert REAL_IDS <= set(sessions_a) and REAL_IDS <= set(sessions_b)
    for session_id in REAL_IDS:
        one, other = sessions_a[session_id], sessions_b[session_id]
        assert {f: getattr(one, f) for f in SESSION_FIELDS} == {
            f: getattr(other, f) for f in SESSION_FIELDS
        }
    generated_a = {(s.title, s.start_date, s.town) for i, s in sessions_a.items()
                   if i not in REAL_IDS}  # fmt: skip
    generated_b = {(s.title, s.start_date, s.town) for i, s in sessions_b.items()
                   if i not in REAL_IDS}  # fmt: skip
    assert generated_a and generated_b and generated_a != generated_b
    assert not (set(sessions_a) - REAL_IDS) & (set(sessions_b) - REAL_IDS)


def test_second_seed_on_the_same_database_adds_only_its_generated_sessions(workspace):
    first = load_demo(workspace, seed=0)
    second = load_demo(workspace, seed=1)
    assert second.sessions_existing == 4
    assert second.sessions_created == len(demo.generated_sessions(1))
    assert len(_sessions(workspace)) == first.sessions_created + second.sessions_created


def test_a_deleted_demo_session_stays_deleted(workspace):
    load_demo(workspace)
    sevare = demo_id("real/opj-sevare-2022")
    workspace.sessions.delete(sevare)

    result = load_demo(workspace)

    assert result.items_created == 0 and result.sessions_created == 0
    assert _sessions(workspace)[sevare].deleted
    assert workspace.programme.items(sevare) == []


def test_a_missing_demo_item_comes_back_but_a_deleted_one_does_not(workspace):
    load_demo(workspace)
    sevare = demo_id("real/opj-sevare-2022")
    items = workspace.programme.items(sevare)
    workspace.programme.delete(items[0].id)

    assert load_demo(workspace).items_created == 0
    assert items[0].id not in {i.id for i in workspace.programme.items(sevare)}


def test_generation_uses_its_own_random_generator_only():
    random.seed(1234)
    expected = random.random()
    random.seed(1234)
    specs = demo.generated_sessions(5)
    assert random.random() == expected
    assert [s.key for s in specs] == [s.key for s in demo.generated_sessions(5)]
    assert [s.values for s in specs] == [s.values for s in demo.generated_sessions(5)]


@pytest.mark.parametrize("seed", [0, 1, 2, 42])
def test_every_demo_record_obeys_the_core_rules(workspace, seed):
    load_demo(workspace, seed=seed)
    sessions = _sessions(workspace)
    overlaps = []
    for session in sessions.values():
        values = {f: getattr(session, f) for f in SESSION_FIELDS}
        assert validate_session(values) == values  # already clean: validation changes nothing
        check_dates(session.start_date, session.end_date)
        items = workspace.programme.items(session.id)
        assert items, session.title
        assert {i.day for i in items} == set(session.days)  # every day has a programme
        for item in items:
            values = {f: getattr(item, f) for f in data_columns(ProgrammeItem)
                      if f != "session_id"}  # fmt: skip
            assert validate_item(values, session) == values
            check_times(item.start_time, item.end_time)
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a.day == b.day and a.start_time < b.end_time and b.start_time < a.end_time:
                    overlaps.append((a.title, b.title))
    # The only overlap is meant: two parallel group-work rooms in the GLO.ACT training.
    assert overlaps == [
        ("Groupe A : étude de cas — exploitation par le travail",
         "Groupe B : étude de cas — exploitation sexuelle"),
    ]  # fmt: skip


def test_the_overlap_guard_refuses_an_unintended_overlap():
    spec = demo.SessionSpec("x", {}, [[demo.Slot("09:00", "10:30", "A"),
                                       demo.Slot("10:00", "11:00", "B")]])  # fmt: skip
    with pytest.raises(ValueError, match="overlaps"):
        demo._check_overlaps(spec)


def test_the_sevare_training_is_the_one_of_the_report(workspace):
    load_demo(workspace)
    session = workspace.sessions.get(demo_id("real/opj-sevare-2022"))

    assert session.title == (
        "Atelier de renforcement des capacités des officiers de police judiciaire (OPJ) "
        "sur les droits de l'homme"
    )
    assert (session.venue, session.town, session.region, session.country) == (
        "Hôtel La Palmeraie", "Sévaré", "Mopti", "Mali")  # fmt: skip
    assert (session.start_date, session.end_date) == (dt.date(2022, 11, 8), dt.date(2022, 11, 10))
    assert "CNDH" in session.organiser and session.funders == ["EUCAP Sahel Mali"]
    assert session.expected_participants == 40 and session.language == "fr"
    assert "gendarmerie" in session.target_audience and "police" in session.target_audience
    for words in ("catégories des droits humains", "concepts et principes",
                  "sécurisation du territoire", "protection des populations",
                  "confiance mutuelle"):  # fmt: skip
        assert words in session.objectives

    items = workspace.programme.items(session.id)
    by_day = [[i for i in items if i.day == d] for d in session.days]
    titles = [i.title for i in items]
    assert by_day[0][1].kind == "opening" and by_day[-1][-1].kind == "closing"
    assert any(i.title == "Pré-test" for i in by_day[0])
    assert any(i.title == "Post-test" for i in by_day[-1])
    assert sum(i.kind == "meal" for i in items) == 3 and sum(i.kind == "break" for i in items) == 5
    assert any("Présentation des participants" in t for t in titles)
    assert any("Travaux de groupe" in t for t in titles)
    assert any("Évaluation" in t for t in titles)
    working = [i for i in items if i.kind in {"presentation", "group_work", "closing"}]
    assert working and all(i.speaker for i in working)  # someone leads every working slot


def test_the_other_real_sessions(workspace):
    load_demo(workspace)
    segou = workspace.sessions.get(demo_id("real/opj-segou-2022"))
    mnp = workspace.sessions.get(demo_id("real/mnp-rabat-2019"))
    glo = workspace.sessions.get(demo_id("real/glo-act-rabat-2019"))

    assert segou.town == "Ségou" and (segou.end_date - segou.start_date).days == 2
    assert segou.title == demo.OPJ_TITLE and segou.organiser == demo._sevare().values["organiser"]
    assert len(workspace.programme.items(segou.id)) >= 20

    assert (mnp.start_date, mnp.end_date) == (dt.date(2019, 6, 24), dt.date(2019, 6, 26))
    assert mnp.venue == "Institut de Rabat – Driss Benzekri pour les droits de l'Homme"
    assert "AFCNDH" in mnp.organiser
    assert any("OIF" in f for f in mnp.funders) and any("APT" in f for f in mnp.funders)
    assert "OPCAT" in mnp.theme

    assert (glo.start_date, glo.end_date) == (dt.date(2019, 1, 7), dt.date(2019, 1, 11))
    assert (glo.venue, glo.town) == ("Hôtel La Tour Hassan", "Rabat")
    assert "ONUDC" in glo.organiser and any("Union européenne" in f for f in glo.funders)
    last_day = [i for i in workspace.programme.items(glo.id) if i.day == glo.end_date]
    assert last_day[0].title == "Simulacre de procès"


@pytest.mark.parametrize("seed", range(6))
def test_generated_sessions_are_plausible(seed):
    specs = demo.generated_sessions(seed)
    assert demo.GENERATED_MIN <= len(specs) <= demo.GENERATED_MAX
    towns = {(town, region) for places in demo.PLACES.values() for town, region, _ in places}
    for spec in specs:
        v = spec.values
        assert dt.date(2023, 1, 1) <= v["start_date"] <= v["end_date"] <= dt.date(2026, 12, 31)
        assert v["start_date"].weekday() < 5 and v["end_date"].weekday() < 5  # working days
        assert len(spec.days) == (v["end_date"] - v["start_date"]).days + 1
        assert (v["town"], v["region"]) in towns
        assert v["country"] in {"Mali", "Maroc"}
        assert spec.key.startswith(f"generated/{seed}/")

"""The coordinator's view across sessions (issue 7): filters, people counted once, figures
worked out by hand, and scores equal to the quiz results' on the demo data."""

from __future__ import annotations

import datetime as dt
import inspect
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from workspaces import clone_template

from trainer_desktop.core.demo import load_demo
from trainer_desktop.core.errors import Cancelled
from trainer_desktop.core.form_content import FormItem
from trainer_desktop.core.overview import OverviewFilter, filter_choices, overview, person_rows
from trainer_desktop.core.quiz_content import true_false
from trainer_desktop.core.reporting import Count, session_report
from trainer_desktop.core.workspace import Workspace

D = dt.date


@dataclass
class Sessions:
    ws: Workspace  # shared by the tests of this module, which only read
    s1: str
    s2: str
    s3: str
    awa: str  # Awa's enrolment in S1
    moussa: str
    fatou: str


def _test(workspace: Workspace, enrolment_id: str, phase: str, responses: dict[str, str]) -> None:
    attempt = workspace.quizzes.start_attempt(enrolment_id, phase)
    for key, response in responses.items():
        workspace.quizzes.answer(attempt.id, key, response)
    workspace.quizzes.submit(attempt.id)


@pytest.fixture(scope="module")
def three(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sessions]:
    """Three sessions (and a deleted fourth), through the services.

    S1 Ségou 4-6 March 2024, CNDH, PNUD + UE, "Torture": 2 periods; Awa (woman, "Police
    nationale", no region), Moussa (man, Gendarmerie, Ségou), Fatou (woman, "police nationale",
    no region) and a facilitator; a 2-question pre/post-test; 2 submitted evaluations.
    S2 Mopti/Sévaré 6-7 March, CNDH, EUCAP, "Garde à vue": 4 default periods; Awa registered again
    ("TRAORE", "Police Nationale", no region: a confirmed duplicate) and Ali (man, Justice, Mopti).
    S3 "SEGOU"/San 10 April, Ministère, "pnud", "torture": 1 period; Bintou (woman, no institution,
    no region).
    """
    ws = clone_template(template_db, tmp_path_factory.mktemp("overview") / "db.sqlite", "head office")
    s1 = ws.sessions.create(title="Atelier A", start_date=D(2024, 3, 4), end_date=D(2024, 3, 6),
                            region="Ségou", town="Ségou", organiser="CNDH", funders=["PNUD", "UE"],
                            theme="Torture").id  # fmt: skip
    s2 = ws.sessions.create(title="Atelier B", start_date=D(2024, 3, 6), end_date=D(2024, 3, 7),
                            region="Mopti", town="Sévaré", organiser="CNDH", funders=["EUCAP"],
                            theme="Garde à vue").id  # fmt: skip
    s3 = ws.sessions.create(title="Atelier C", start_date=D(2024, 4, 10), end_date=D(2024, 4, 10),
                            region="SEGOU", town="San", organiser="Ministère", funders=["pnud"],
                            theme="torture").id  # fmt: skip
    gone = ws.sessions.create(title="Supprimé", start_date=D(2024, 3, 5), end_date=D(2024, 3, 5),
                              region="Kayes", town="Kita", organiser="X", funders=["Y"], theme="Z")  # fmt: skip
    ws.participants.create_and_enrol(gone.id, family_name="Absent")
    ws.sessions.delete(gone.id)

    people = ws.participants
    awa = people.create_and_enrol(s1, family_name="Traoré", given_names="Awa", sex="woman",
                                  institution="Police nationale")  # fmt: skip
    moussa = people.create_and_enrol(s1, family_name="Coulibaly", given_names="Moussa", sex="man",
                                     institution="Gendarmerie", region="Ségou")  # fmt: skip
    fatou = people.create_and_enrol(s1, family_name="Diarra", given_names="Fatou", sex="woman",
                                    institution="police nationale")  # fmt: skip
    trainer = people.create_and_enrol(s1, role="facilitator", family_name="Sidibé", sex="man")
    awa2 = people.create_and_enrol(s2, family_name="TRAORE", given_names="Awa", sex="woman",
                                   institution="Police Nationale")  # fmt: skip
    ali = people.create_and_enrol(s2, family_name="Maïga", given_names="Ali", sex="man",
                                  institution="Justice", region="Mopti")  # fmt: skip
    bintou = people.create_and_enrol(s3, family_name="Keïta", given_names="Bintou", sex="woman")
    ws.duplicates.decide(awa.participant.id, awa2.participant.id, same=True)

    # S1 attendance: Awa present twice, Moussa late then absent, Fatou present then excused,
    # the facilitator present (not counted): 4 attended cells of 3 × 2.
    p1 = ws.attendance.add_period(s1, D(2024, 3, 4), dt.time(8, 30), dt.time(12, 30), "morning").id
    p2 = ws.attendance.add_period(s1, D(2024, 3, 6), dt.time(8, 30), dt.time(12, 30), "morning").id
    for person, marks in ((awa, ("present", "present")), (moussa, ("late", "absent")),
                          (fatou, ("present", "excused")), (trainer, ("present", "present"))):  # fmt: skip
        for period, status in zip((p1, p2), marks, strict=True):
            ws.attendance.set_mark(person.enrolment.id, period, status, dt.time(9))
    # S2: 4 periods; Awa present at all 4, Ali at 2, the others unmarked: 6 of 2 × 4.
    s2_periods = ws.attendance.ensure_default_periods(s2)
    assert len(s2_periods) == 4
    for period in s2_periods:
        ws.attendance.set_mark(awa2.enrolment.id, period.id, "present")
    for period in s2_periods[:2]:
        ws.attendance.set_mark(ali.enrolment.id, period.id, "present")
    # S3: 1 period, Bintou present: 1 of 1.
    p3 = ws.attendance.add_period(s3, D(2024, 4, 10), dt.time(9), dt.time(16), "day").id
    ws.attendance.set_mark(bintou.enrolment.id, p3, "present")

    # S1 tests: two true/false questions, "0" = true. Both answers true.
    quiz = ws.quizzes.create("Test", "fr", "", [true_false("Un", True, key="q1"),
                                                 true_false("Deux", True, key="q2")])  # fmt: skip
    ws.quizzes.assign(s1, "pre", quiz.id)
    ws.quizzes.assign(s1, "post", quiz.id)
    _test(ws, awa.enrolment.id, "pre", {"q1": "0", "q2": "1"})  # 50 %
    _test(ws, awa.enrolment.id, "post", {"q1": "0", "q2": "0"})  # 100 %
    _test(ws, moussa.enrolment.id, "pre", {"q1": "1", "q2": "1"})  # 0 %
    _test(ws, moussa.enrolment.id, "post", {"q1": "1", "q2": "0"})  # 50 %
    _test(ws, fatou.enrolment.id, "pre", {"q1": "0", "q2": "1"})  # 50 %, no post-test
    _test(ws, trainer.enrolment.id, "pre", {"q1": "0", "q2": "0"})  # a facilitator: not counted

    # S1 evaluation: two 5-point ratings; answers 5,4 and 3,5 submitted (3 of 4 in the top
    # two points); a response begun and never submitted does not count.
    form = ws.evaluations.create("Fin", "fr", [FormItem("rating", "r1", {"fr": "Un"}),
                                               FormItem("rating", "r2", {"fr": "Deux"})])  # fmt: skip
    ws.evaluations.use(s1, form.id)
    ws.evaluations.enter_response(s1, form.id, {"r1": "5", "r2": "4"})
    ws.evaluations.enter_response(s1, form.id, {"r1": "3", "r2": "5"})
    begun = ws.evaluations.start_response(s1, form.id)
    ws.evaluations.answer(begun.id, "r1", "1")
    yield Sessions(ws, s1, s2, s3, awa.enrolment.id, moussa.enrolment.id, fatou.enrolment.id)
    ws.close()


def _titles(result) -> list[str]:
    return [row.session.title for row in result.sessions]


def test_the_overview_of_every_session(three: Sessions) -> None:
    result = overview(three.ws)
    assert _titles(result) == ["Atelier A", "Atelier B", "Atelier C"]  # by start date
    assert result.enrolments == 6  # 3 + 2 + 1 participants (the facilitator is not one)
    assert result.people == 5  # Awa's two registrations are one person
    # Each person once, with their latest registration: Awa (S2), Moussa, Fatou, Ali, Bintou.
    assert result.by_sex == {"woman": 3, "man": 2, "unstated": 0}
    # "Police Nationale" (Awa, S2) and "police nationale" (Fatou) are one institution; the tie
    # between the spellings goes to the first in code-point order.
    assert result.by_institution == [Count("Police Nationale", 2), Count("Gendarmerie", 1),
                                     Count("Justice", 1), Count("", 1)]  # fmt: skip
    # Regions: Awa none -> S2's Mopti; Moussa Ségou; Fatou none -> S1's Ségou; Ali Mopti;
    # Bintou none -> S3's "SEGOU": Ségou 3 (its most frequent spelling), Mopti 2.
    assert result.by_region == [Count("Ségou", 3), Count("Mopti", 2)]
    assert result.attendance_rate == pytest.approx((4 + 6 + 1) / (6 + 8 + 1))
    assert result.mean_gain == pytest.approx(50)  # Awa 100 - 50, Moussa 50 - 0
    assert result.satisfaction == pytest.approx(3 / 4)
    assert result.responses == 2

    s1, s2, s3 = result.sessions
    assert (s1.participants, s1.by_sex) == (3, {"woman": 2, "man": 1, "unstated": 0})
    assert s1.attendance_rate == pytest.approx(4 / 6)
    assert s1.mean_pre == pytest.approx((50 + 0 + 50) / 3)
    assert s1.mean_post == pytest.approx((100 + 50) / 2)
    assert s1.mean_gain == pytest.approx(50)
    assert (s1.satisfaction, s1.responses) == (pytest.approx(0.75), 2)
    assert (s2.participants, s2.attendance_rate) == (2, pytest.approx(6 / 8))
    assert (s2.mean_pre, s2.mean_post, s2.mean_gain, s2.satisfaction, s2.responses) == (
        None, None, None, None, 0)  # fmt: skip
    assert (s3.participants, s3.attendance_rate, s3.by_sex["woman"]) == (1, 1.0, 1)


@pytest.mark.parametrize(("wanted", "titles", "enrolments", "people"), [
    (OverviewFilter(region="segou"), ["Atelier A", "Atelier C"], 4, 4),  # "Ségou" and "SEGOU"
    (OverviewFilter(region="Mopti"), ["Atelier B"], 2, 2),
    (OverviewFilter(town="SEVARE"), ["Atelier B"], 2, 2),
    (OverviewFilter(town="Ségou"), ["Atelier A"], 3, 3),  # not San, in Ségou region
    (OverviewFilter(organiser="cndh"), ["Atelier A", "Atelier B"], 5, 4),  # Awa once
    (OverviewFilter(organiser="Ministere"), ["Atelier C"], 1, 1),
    (OverviewFilter(funder="Pnud"), ["Atelier A", "Atelier C"], 4, 4),  # one of the funders
    (OverviewFilter(funder="ue"), ["Atelier A"], 3, 3),
    (OverviewFilter(theme="TORTURE"), ["Atelier A", "Atelier C"], 4, 4),
    (OverviewFilter(theme="garde a vue"), ["Atelier B"], 2, 2),
    (OverviewFilter(theme="Tort"), [], 0, 0),  # a whole value, not a part of one
    (OverviewFilter(region="Ségou", funder="PNUD", organiser="CNDH"), ["Atelier A"], 3, 3),
    (OverviewFilter(region="Kayes"), [], 0, 0),  # only the deleted session was there
])  # fmt: skip
def test_each_filter_narrows(three: Sessions, wanted: OverviewFilter,
                             titles: list[str], enrolments: int, people: int) -> None:  # fmt: skip
    result = overview(three.ws, wanted)
    assert (_titles(result), result.enrolments, result.people) == (titles, enrolments, people)
    assert result.filter == wanted


@pytest.mark.parametrize(("start", "end", "titles"), [
    (D(2024, 3, 6), None, ["Atelier A", "Atelier B", "Atelier C"]),  # A ends on the 6th
    (D(2024, 3, 7), None, ["Atelier B", "Atelier C"]),  # B ends on the 7th
    (D(2024, 3, 8), None, ["Atelier C"]),
    (None, D(2024, 3, 6), ["Atelier A", "Atelier B"]),  # B starts on the 6th
    (None, D(2024, 3, 5), ["Atelier A"]),
    (None, D(2024, 3, 3), []),
    (D(2024, 3, 5), D(2024, 3, 5), ["Atelier A"]),  # a day inside A
    (D(2024, 3, 8), D(2024, 4, 9), []),  # between sessions
    (D(2024, 4, 10), D(2024, 12, 31), ["Atelier C"]),
])  # fmt: skip
def test_dates_keep_the_sessions_that_overlap(three: Sessions,
                                              start: dt.date | None, end: dt.date | None,
                                              titles: list[str]) -> None:  # fmt: skip
    assert _titles(overview(three.ws, OverviewFilter(start=start, end=end))) == titles


def test_an_empty_scope_has_no_rates(three: Sessions) -> None:
    result = overview(three.ws, OverviewFilter(region="Nowhere"))
    assert (result.sessions, result.enrolments, result.people, result.responses) == ([], 0, 0, 0)
    assert result.by_sex == {"woman": 0, "man": 0, "unstated": 0}
    assert (result.by_institution, result.by_region) == ([], [])
    assert (result.attendance_rate, result.mean_gain, result.satisfaction) == (None, None, None)


def test_person_rows_stream_one_row_per_participant(three: Sessions) -> None:
    rows = person_rows(three.ws, OverviewFilter(funder="pnud"))
    assert inspect.isgenerator(rows)
    rows = list(rows)
    # S1 in the grid's order (Coulibaly, Diarra, Traoré), then S3; the facilitator left out.
    assert [(r.session_id, r.participant.family_name) for r in rows] == [
        (three.s1, "Coulibaly"), (three.s1, "Diarra"), (three.s1, "Traoré"), (three.s3, "Keïta")]  # fmt: skip
    moussa, fatou, awa, bintou = rows
    assert (awa.enrolment_id, awa.rate, awa.eligible, awa.pre, awa.post) == (
        three.awa, 1.0, True, 50.0, 100.0)  # 2 of 2 periods, 80 % needed
    assert (moussa.rate, moussa.eligible, moussa.pre, moussa.post) == (0.5, False, 0.0, 50.0)
    assert (fatou.rate, fatou.eligible, fatou.pre, fatou.post) == (0.5, False, 50.0, None)
    assert (bintou.rate, bintou.eligible, bintou.pre) == (1.0, True, None)


def _person(row) -> tuple:
    return (row.session_id, row.enrolment_id, row.participant.id, row.rate, row.eligible, row.pre,
            row.post)  # fmt: skip


def test_the_overview_hears_the_person_rows_in_the_same_pass(three: Sessions) -> None:
    wanted = OverviewFilter(funder="pnud")
    heard: list[tuple] = []
    result = overview(three.ws, wanted, progress=lambda done, total: heard.append(("done", done)),
                      on_person=lambda session, row: heard.append((session.title, _person(row))))  # fmt: skip
    rows = [_person(r) for r in person_rows(three.ws, wanted)]
    assert [h[1] for h in heard if h[0] != "done"] == rows  # the rows person_rows yields, in order
    assert [h[0] for h in heard] == ["done", "Atelier A", "Atelier A", "Atelier A", "done",
                                     "Atelier C", "done"]  # each session's rows, then its progress
    assert all(h[1][0] == (three.s1 if h[0] == "Atelier A" else three.s3) for h in heard if h[0] != "done")
    alone = overview(three.ws, wanted)  # the same figures with or without the rows
    assert (result.enrolments, result.people, result.by_sex, result.by_institution, result.by_region,
            result.attendance_rate, result.mean_gain, result.satisfaction, result.responses) == (
        alone.enrolments, alone.people, alone.by_sex, alone.by_institution, alone.by_region,
        alone.attendance_rate, alone.mean_gain, alone.satisfaction, alone.responses)  # fmt: skip
    assert [r.session.id for r in result.sessions] == [three.s1, three.s3]


def test_a_failing_listener_stops_the_pass(three: Sessions) -> None:
    seen: list[int] = []

    def listener(_session, _row) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        overview(three.ws, on_person=listener, progress=lambda done, total: seen.append(done))
    assert seen == [0]  # stopped in the first session, before its progress


def test_filter_choices_are_distinct_and_sorted(three: Sessions) -> None:
    assert filter_choices(three.ws) == {
        "region": ["Mopti", "Ségou"],  # "SEGOU" is the same region; the deleted Kayes is gone
        "town": ["San", "Ségou", "Sévaré"],  # accents ignored: san < segou < sevare
        "organiser": ["CNDH", "Ministère"],
        "funder": ["EUCAP", "PNUD", "UE"],  # "pnud" is PNUD
        "theme": ["Garde à vue", "Torture"],
    }


def test_progress_per_session_and_cancel(three: Sessions) -> None:
    seen: list[tuple[int, int]] = []
    overview(three.ws, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with pytest.raises(Cancelled):
        overview(three.ws, progress=lambda done, total: done < 2)
    rows = person_rows(three.ws, OverviewFilter(), progress=lambda done, total: done < 1)
    with pytest.raises(Cancelled):
        list(rows)


def test_scores_equal_the_quiz_results_on_the_demo(workspace: Workspace) -> None:
    load_demo(workspace)
    result = overview(workspace)
    by_enrolment = {row.enrolment_id: row for row in person_rows(workspace, OverviewFilter())}
    assert len(by_enrolment) == result.enrolments > 100
    checked = 0
    for row in result.sessions:
        results = workspace.quizzes.results(row.session.id)
        participants = [r for r in results.participants if r.person.enrolment.role == "participant"]
        for expected in participants:
            mine = by_enrolment[expected.person.enrolment.id]
            assert mine.pre == (expected.pre.percent if expected.pre else None)
            assert mine.post == (expected.post.percent if expected.post else None)
            checked += expected.pre is not None
        pre = [r.pre.percent for r in participants if r.pre]
        assert row.mean_pre == (statistics.fmean(pre) if pre else None)
        # The session report (built through the services) gives the same session figures.
        report = session_report(workspace, row.session.id)
        assert (row.participants, row.by_sex, row.attendance_rate, row.mean_pre, row.mean_post,
                row.mean_gain, row.satisfaction) == (
            len(report.participants), report.by_sex, report.attendance_rate, report.mean_pre,
            report.mean_post, report.mean_gain, report.satisfaction)  # fmt: skip
    assert checked > 50

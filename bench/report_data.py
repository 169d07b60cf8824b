"""A coordinator's database for the reports' benchmarks (issue 7): many sessions, fast to make.

:func:`build` writes ``sessions`` sessions of ``per_session`` participants each (500 × 40 =
20,000 participant enrolments by default), spread over regions, towns, organisers, funders,
themes and three years. Each session has 2 or 3 days and 4 to 6 sign-in periods with every
participant's mark (mostly present, some late, absent, excused, a few unmarked), a facilitator
enrolled beside the participants, a pre-test and a post-test of 20 questions from a small quiz
library with nearly everyone's answers, and one end-of-session evaluation form with about 85 % of
the participants' anonymous responses. A few hundred people are enrolled in a second session, and
some pairs of registrations are confirmed duplicates.

Records are the ones the services would write — same ids (derived where the services derive
them), stamps and sync columns — but inserted in bulk, a transaction per batch of sessions,
because creating a million records one service call at a time would take an hour.

    python bench/report_data.py /tmp/reports.sqlite [sessions] [per_session]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

REGIONS = {  # region -> towns
    "Mopti": ["Sévaré", "Mopti", "Bandiagara"],
    "Ségou": ["Ségou", "San", "Niono"],
    "Sikasso": ["Sikasso", "Koutiala"],
    "District de Bamako": ["Bamako"],
    "Kayes": ["Kayes", "Kita"],
    "Tombouctou": ["Tombouctou"],
}
ORGANISERS = ["CNDH Mali", "Ministère de la Justice", "École nationale de police", "AFCNDH"]
FUNDERS = ["EUCAP Sahel Mali", "PNUD", "Union européenne", "UNICEF", "ONUDC", "Coopération suisse"]
THEMES = ["Droits de l'homme et garde à vue", "Prévention de la torture", "Violences basées sur le genre",
          "Justice pour mineurs", "Traite des personnes"]  # fmt: skip
FAMILY = ["Traoré", "Diarra", "Coulibaly", "Keïta", "Sidibé", "Dembélé", "Sangaré", "Touré",
          "Maïga", "Cissé", "Konaté", "Sylla", "Koné", "Ballo", "Dicko", "Guindo"]  # fmt: skip
GIVEN = ["Awa", "Moussa", "Fatoumata", "Oumar", "Aminata", "Ibrahim", "Mariam", "Seydou", "Kadiatou",
         "Boubacar", "Hawa", "Mamadou"]  # fmt: skip
INSTITUTIONS = ["Police nationale", "Gendarmerie nationale", "Garde nationale", "Justice",
                "Administration pénitentiaire", "Protection civile", ""]  # fmt: skip
STATUSES = ["present"] * 85 + ["late"] * 5 + ["absent"] * 6 + ["excused"] * 2 + [None] * 2
QUIZZES = 6  # quiz library: each session uses one for both tests
QUESTIONS = 20
BATCH = 25  # sessions per transaction


def _sync(stamp: Any, seq: int) -> dict[str, Any]:
    """The sync columns of a record made in one go (what records.create sets)."""
    return {"hlc": stamp.encode(), "device_id": stamp.device_id, "deleted": False, "stamps": {},
            "bases": {}, "local_seq": seq}  # fmt: skip


class _Rows:
    """Rows per model, inserted with one executemany each at the end of a batch."""

    def __init__(self, stamp: Any, seq: int) -> None:
        self.sync = _sync(stamp, seq)
        self.by_model: dict[type, list[dict[str, Any]]] = {}

    def add(self, model: type, record_id: str | None = None, **values: Any) -> str:
        from trainer_desktop.core.records import new_id

        record_id = record_id or new_id()
        self.by_model.setdefault(model, []).append({"id": record_id, **self.sync, **values})
        return record_id

    def insert(self, tx: Any) -> None:
        from trainer_desktop.core.records import synced_models

        connection = tx.connection()
        for model in synced_models():  # parents first
            rows = self.by_model.get(model)
            if rows:  # a Core executemany: the ORM's bulk path costs 3 times more per row
                connection.execute(model.__table__.insert(), rows)


def _library(workspace: Any, rng: random.Random) -> tuple[list[tuple[str, Any]], tuple[str, Any]]:
    """The quiz library (each quiz frozen into its version) and the evaluation form."""
    from bench_quizzes import make_questions

    from trainer_desktop.core import records
    from trainer_desktop.core.evaluations import FormVersion
    from trainer_desktop.core.evaluations import version_id as form_version_id
    from trainer_desktop.core.form_content import FormChoice, FormItem
    from trainer_desktop.core.quizzes import QuizVersion, version_id

    quizzes = []
    for n in range(QUIZZES):
        quiz = workspace.quizzes.create(f"Pré/post-test {n + 1}", "fr", "Cochez une réponse.",
                                        make_questions(QUESTIONS, rng))  # fmt: skip
        quizzes.append((quiz.id, quiz))
    fr = lambda text: {"fr": text}
    form = workspace.evaluations.create("Évaluation de fin de session", "fr", (
        *(FormItem("rating", f"r{n}", fr(f"Critère {n + 1}"), required=True) for n in range(5)),
        FormItem("single", "length", fr("La durée était"), choices=(
            FormChoice("short", fr("trop courte")), FormChoice("right", fr("bonne")),
            FormChoice("long", fr("trop longue")))),
        FormItem("longtext", "improve", fr("À améliorer")),
    ))  # fmt: skip
    versions = []
    with workspace.db.write() as tx:
        stamp = workspace.clock.tick(tx)
        for quiz_id, quiz in quizzes:
            vid = version_id(quiz_id, quiz.title, quiz.instructions, quiz.questions)
            tx.add(records.create(QuizVersion, stamp, {"quiz_id": quiz_id, "title": quiz.title,
                   "instructions": quiz.instructions, "questions": quiz.questions}, record_id=vid))  # fmt: skip
            versions.append((quiz_id, vid, quiz.content))
        fvid = form_version_id(form.id, form.title, form.anonymous, form.items)
        tx.add(records.create(FormVersion, stamp, {"form_id": form.id, "title": form.title,
               "anonymous": form.anonymous, "items": form.items}, record_id=fvid))  # fmt: skip
    return versions, (form.id, fvid)


def _session(rows: _Rows, n: int, per_session: int, rng: random.Random, versions: list,
             form: tuple[str, str], returning: list[str]) -> list[tuple[str, str]]:  # fmt: skip
    """One session and everything in it; returns its (participant id, enrolment id) pairs."""
    from bench_quizzes import random_response

    from trainer_desktop.core.attendance import AttendanceMark, SignInPeriod, mark_id, period_id
    from trainer_desktop.core.evaluations import (
        FormAnswer,
        FormResponse,
        SessionForm,
        session_form_id,
    )
    from trainer_desktop.core.participants import Enrolment, Participant, enrolment_id
    from trainer_desktop.core.quizzes import (
        QuizAnswer,
        QuizAttempt,
        SessionQuiz,
        attempt_id,
        session_quiz_id,
    )
    from trainer_desktop.core.sessions import TrainingSession

    region = rng.choice(list(REGIONS))
    town = rng.choice(REGIONS[region])
    start = dt.date(2023, 1, 9) + dt.timedelta(days=2 * n + rng.randrange(3))
    day_count = rng.choice([2, 3])
    days = [start + dt.timedelta(days=d) for d in range(day_count)]
    session_id = rows.add(TrainingSession, title=f"Atelier {n + 1} — {town}", theme=rng.choice(THEMES),
                          start_date=days[0], end_date=days[-1], venue="Salle de conférence", town=town,
                          region=region, country="Mali", organiser=rng.choice(ORGANISERS),
                          funders=rng.sample(FUNDERS, rng.choice([1, 2])), facilitators=["Me Diarra"],
                          target_audience="OPJ", expected_participants=40, language="fr",
                          objectives="Renforcer les capacités.", attendance_threshold=80)  # fmt: skip
    periods = []
    for index, day in enumerate(days):
        kinds = [("morning", dt.time(8, 30), dt.time(12, 30)), ("afternoon", dt.time(14), dt.time(17, 30))]
        if index == day_count - 1 and day_count == 3 and n % 2:
            kinds = kinds[:1]  # a closing half-day: 5 periods
        for kind, begin, end in kinds:
            periods.append(rows.add(SignInPeriod, period_id(session_id, day, kind), session_id=session_id,
                                    day=day, kind=kind, label="", start_time=begin, end_time=end))  # fmt: skip
    quiz_id, vid, content = versions[n % len(versions)]
    for phase in ("pre", "post"):
        rows.add(SessionQuiz, session_quiz_id(session_id, phase), session_id=session_id, phase=phase,
                 quiz_id=quiz_id, day=days[0] if phase == "pre" else days[-1], period_id=None,
                 show_results=False)  # fmt: skip
    form_id, form_vid = form
    rows.add(SessionForm, session_form_id(session_id, form_id), session_id=session_id, form_id=form_id,
             day=days[-1])  # fmt: skip
    at = dt.datetime.combine(days[0], dt.time(9))
    enrolled = []
    roles = ["participant"] * per_session + ["facilitator"]
    for index, role in enumerate(roles):
        if index < len(returning):
            participant_id = returning[index]
        else:
            participant_id = rows.add(
                Participant, family_name=rng.choice(FAMILY), given_names=rng.choice(GIVEN),
                sex=rng.choice(["woman", "man", "man", "man", "unstated"] if role == "participant" else ["man"]),
                institution=rng.choice(INSTITUTIONS), function="Officier de police judiciaire",
                unit=f"Commissariat {index % 7 + 1}", region=rng.choice([region, region, region, ""]),
                town=town, phone=f"+223 7{n % 10} {index:02d} {n // 10 % 100:02d} {n % 100:02d}", email="",
                id_number="", consent_data=True, consent_photo=False)  # fmt: skip
        eid = rows.add(Enrolment, enrolment_id(session_id, participant_id), session_id=session_id,
                       participant_id=participant_id, role=role)  # fmt: skip
        if role != "participant":
            continue
        enrolled.append((participant_id, eid))
        for period in periods:
            status = rng.choice(STATUSES)
            if status:
                rows.add(AttendanceMark, mark_id(eid, period), enrolment_id=eid, period_id=period,
                         status=status, arrived_at=dt.time(9, 5) if status == "late" else None)  # fmt: skip
        skill = rng.random() * 0.7
        for phase, bonus in (("pre", 0.0), ("post", 0.3)):
            if rng.random() < 0.05:
                continue  # missed this test
            aid = rows.add(QuizAttempt, attempt_id(eid, phase), enrolment_id=eid, phase=phase, version_id=vid,
                           mode=rng.choice(["kiosk", "paper"]), started_at=at, submitted_at=at)  # fmt: skip
            for question in content.questions:
                response = random_response(question, rng, skill + bonus)
                if response:
                    rows.add(QuizAnswer, attempt_id=aid, question_key=question.key, response=response,
                             kind="answer", answered_at=at)  # fmt: skip
    end = dt.datetime.combine(days[-1], dt.time(16))
    for _ in range(round(len(enrolled) * 0.85)):
        rid = rows.add(FormResponse, session_id=session_id, version_id=form_vid, enrolment_id=None,
                       mode="paper", started_at=end, submitted_at=end)  # fmt: skip
        mood = rng.random()
        answers = {f"r{i}": str(max(1, min(5, round(2 + 3 * mood + rng.uniform(-1, 1))))) for i in range(5)}
        answers["length"] = rng.choice(["short", "right", "right", "long"])
        if rng.random() < 0.3:
            answers["improve"] = "Plus de cas pratiques et plus de temps pour les exercices."
        for name, value in answers.items():
            rows.add(FormAnswer, response_id=rid, item_name=name, value=value, kind="answer", answered_at=end)
    return enrolled


def build(path: Path | str, sessions: int = 500, per_session: int = 40, seed: int = 7) -> dict[str, int]:
    """Write the database at ``path`` (a new file); returns what it holds."""
    from trainer_desktop.core.clock import next_local_seq
    from trainer_desktop.core.duplicates import ParticipantMatch, match_id
    from trainer_desktop.core.workspace import open_workspace

    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    rng = random.Random(seed)
    workspace = open_workspace(path)
    try:
        versions, form = _library(workspace, rng)
        everyone: list[str] = []  # participant ids, in the order they were made
        enrolments = 0
        for first in range(0, sessions, BATCH):
            with workspace.db.write() as tx:
                stamp = workspace.clock.tick(tx)
                seq = tx.info["local_seq"] = next_local_seq(tx)
                rows = _Rows(stamp, seq)
                for n in range(first, min(first + BATCH, sessions)):
                    # About one session in five welcomes 5 people trained before (a refresher).
                    returning = rng.sample(everyone, 5) if everyone and n % 5 == 0 else []
                    enrolled = _session(rows, n, per_session, rng, versions, form, returning)
                    everyone += [pid for pid, _eid in enrolled[len(returning):]]
                    enrolments += len(enrolled)
                rows.insert(tx)
        pairs = 0
        with workspace.db.write() as tx:  # the coordinator confirmed some duplicates
            stamp = workspace.clock.tick(tx)
            seq = tx.info["local_seq"] = next_local_seq(tx)
            rows = _Rows(stamp, seq)
            decided = set()
            for _ in range(len(everyone) // 100):
                a, b = sorted(rng.sample(everyone, 2))
                if (a, b) in decided:
                    continue
                decided.add((a, b))
                rows.add(ParticipantMatch, match_id(a, b), first_id=a, second_id=b, decision="same")
                pairs += 1
            rows.insert(tx)
        return {"sessions": sessions, "enrolments": enrolments, "participants": len(everyone),
                "duplicate_pairs": pairs}  # fmt: skip
    finally:
        workspace.close()


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    print(build(sys.argv[1], *(int(a) for a in sys.argv[2:4])))
    print(f"{time.perf_counter() - started:.1f} s")

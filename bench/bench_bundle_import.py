#!/usr/bin/env python3
"""Importing many bundles into one coordinator database (issue 3's targets).

20 trainers' laptops each make 50 one-session bundles: 1,000 bundles holding every kind of
record the app has today: a 3-day session for 40 participants with its programme, the people and
their enrolments, 6 sign-in periods, every attendance mark and every signature, and a 10-question
pre-test and post-test with every participant's attempts and answers, and an anonymous
evaluation form with 35 responses (about 1,700 records per bundle). A separate process imports them all into
an empty coordinator database, then imports them all again. Printed:
- records per second of the import, against a plain ``executemany`` insert of the same rows into
  a database with the same schema and pragmas, measured in the same run (target: ratio >= 0.3);
- peak memory (max RSS) of the importing process (target: < 300 MB);
- the second import's time as a share of the first (target: < 10 %).

    python bench/bench_bundle_import.py [--bundles 1000] [--trainers 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORT = r"""
import json, resource, sys, time
from pathlib import Path
from trainer_desktop.core.workspace import open_workspace
from trainer_desktop.bundles.exchange import import_bundles
workspace = open_workspace(sys.argv[1])
paths = sorted(Path(sys.argv[2]).glob("*.tdbundle"))
figures = {}
for run in ("first", "second"):
    started = time.perf_counter()
    results = import_bundles(workspace, paths)
    figures[run] = time.perf_counter() - started
    figures[run + "_statuses"] = sorted({r.status for r in results})
    figures[run + "_records"] = sum(r.counts.added + r.counts.updated + r.counts.unchanged for r in results)
figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""

TOPICS = ["Cérémonie d'ouverture", "Présentation des participants", "Pré-test",
          "Module 1 : concepts et principes", "Pause-café", "Module 2 : mécanismes de protection",
          "Déjeuner", "Travaux de groupe", "Restitution"]  # fmt: skip


FAMILY = ["Traoré", "Diarra", "Coulibaly", "Keïta", "Sidibé", "Dembélé", "Sangaré", "Touré",
          "Maïga", "Cissé", "Konaté", "Sylla", "Koné", "Ballo", "Dicko", "Guindo"]  # fmt: skip
GIVEN = ["Awa", "Moussa", "Fatoumata", "Oumar", "Aminata", "Ibrahim", "Mariam", "Seydou"]
INSTITUTIONS = ["Police nationale", "Gendarmerie nationale", "Garde nationale", "Justice"]


def fill_session(workspace, t: int, n: int, rng) -> str:  # noqa: ANN001
    """One 3-day session with 40 participants, its programme, 6 sign-in periods, every mark and
    every signature, written in one transaction through the core's stamping path."""
    from trainer_desktop.core import records
    from trainer_desktop.core.attendance import (
        AttendanceMark, Signature, SignInPeriod, mark_id, period_id)  # fmt: skip
    from trainer_desktop.core.participants import Enrolment, Participant, enrolment_id
    from trainer_desktop.core.programme import ProgrammeItem
    from trainer_desktop.core.sessions import TrainingSession

    start = dt.date(2024, 1, 8) + dt.timedelta(days=7 * n)
    days = [start + dt.timedelta(days=d) for d in range(3)]
    with workspace.db.write() as tx:
        stamp = workspace.clock.tick(tx)
        session = records.create(TrainingSession, stamp, dict(
            title=f"Atelier OPJ {t}-{n}", theme="Droits de l'homme", start_date=days[0],
            end_date=days[-1], venue="Hôtel La Palmeraie", town="Sévaré", region="Mopti",
            country="Mali", organiser="CNDH Mali", funders=["EUCAP Sahel Mali"],
            facilitators=["Me Diarra", "M. Coulibaly"], target_audience="OPJ",
            expected_participants=40, language="fr",
            objectives="Renforcer les capacités des OPJ sur les droits de l'homme."))  # fmt: skip
        tx.add(session)
        for day in days:
            for slot, topic in enumerate(TOPICS):
                tx.add(records.create(ProgrammeItem, stamp, dict(
                    session_id=session.id, day=day, start_time=dt.time(8 + slot),
                    end_time=dt.time(8 + slot, 50), title=topic, speaker="Me Diarra",
                    objective="Comprendre et appliquer.", kind="presentation")))  # fmt: skip
        periods = []
        for day in days:
            for kind, begin, end in (("morning", dt.time(8, 30), dt.time(12, 30)),
                                     ("afternoon", dt.time(14), dt.time(17, 30))):  # fmt: skip
                period = records.create(SignInPeriod, stamp, dict(
                    session_id=session.id, day=day, kind=kind, label="", start_time=begin,
                    end_time=end), record_id=period_id(session.id, day, kind))  # fmt: skip
                tx.add(period)
                periods.append(period)
        enrolments = []
        for p in range(40):
            person = records.create(Participant, stamp, dict(
                family_name=rng.choice(FAMILY), given_names=rng.choice(GIVEN),
                sex=rng.choice(["woman", "man"]), institution=rng.choice(INSTITUTIONS),
                function="Officier de police judiciaire", unit=f"Commissariat {p % 7 + 1}",
                region="Mopti", town="Sévaré", phone=f"+223 76 {p:02d} {n % 100:02d} {t:02d}",
                email="", id_number="", consent_data=True, consent_photo=False))  # fmt: skip
            tx.add(person)
            enrolment = records.create(Enrolment, stamp, dict(
                session_id=session.id, participant_id=person.id, role="participant"),
                record_id=enrolment_id(session.id, person.id))  # fmt: skip
            tx.add(enrolment)
            for period in periods:
                tx.add(records.create(AttendanceMark, stamp, dict(
                    enrolment_id=enrolment.id, period_id=period.id, status="present",
                    arrived_at=None), record_id=mark_id(enrolment.id, period.id)))  # fmt: skip
                tx.add(records.create(Signature, stamp, dict(
                    enrolment_id=enrolment.id, period_id=period.id,
                    strokes=signature_strokes(rng),
                    signed_at=dt.datetime.combine(period.day, period.start_time))))  # fmt: skip
            enrolments.append(enrolment)
        fill_tests(tx, stamp, session, enrolments, rng)
        fill_evaluation(tx, stamp, session, rng)
        return session.id


def fill_evaluation(tx, stamp, session, rng) -> None:  # noqa: ANN001
    """An anonymous end-of-session form of 6 items and 35 responses with their answers."""
    from trainer_desktop.core import records
    from trainer_desktop.core.evaluations import (EvaluationForm, FormAnswer, FormResponse, FormVersion,
                                                  SessionForm, session_form_id, version_id)  # fmt: skip
    from trainer_desktop.core.form_content import FormChoice, FormContent, FormItem

    fr = lambda text: {"fr": text}  # noqa: E731
    items = FormContent((
        *(FormItem("rating", f"r{n}", fr(f"Critère {n}"), required=True) for n in range(4)),
        FormItem("single", "length", fr("Durée"), choices=(FormChoice("short", fr("Courte")),
                                                          FormChoice("right", fr("Bonne")))),
        FormItem("longtext", "improve", fr("À améliorer")),
    )).to_json()  # fmt: skip
    form = records.create(EvaluationForm, stamp, dict(title="Fin de session", language="fr", description="",
                                                      anonymous=True, items=items, form_key="", version_label=""))  # fmt: skip
    tx.add(form)
    vid = version_id(form.id, form.title, True, items)
    tx.add(records.create(FormVersion, stamp, dict(form_id=form.id, title=form.title, anonymous=True,
                                                   items=items), record_id=vid))  # fmt: skip
    tx.add(records.create(SessionForm, stamp, dict(session_id=session.id, form_id=form.id, day=None),
                          record_id=session_form_id(session.id, form.id)))  # fmt: skip
    at = dt.datetime.combine(session.end_date, dt.time(16))
    for _ in range(35):
        response = records.create(FormResponse, stamp, dict(session_id=session.id, version_id=vid,
                                                            enrolment_id=None, mode="kiosk", started_at=at,
                                                            submitted_at=at))  # fmt: skip
        tx.add(response)
        answers = {f"r{n}": str(rng.randint(2, 5)) for n in range(4)}
        answers["length"] = rng.choice(["short", "right"])
        if rng.random() < 0.3:
            answers["improve"] = "Plus d'études de cas pratiques."
        for name, value in answers.items():
            tx.add(records.create(FormAnswer, stamp, dict(response_id=response.id, item_name=name, value=value,
                                                          kind="answer", answered_at=at)))  # fmt: skip


def fill_tests(tx, stamp, session, enrolments, rng) -> None:  # noqa: ANN001
    """The session's pre-test and post-test: a 10-question quiz, its frozen version, and every
    participant's two attempts with their answers (800 answers)."""
    from trainer_desktop.core import records
    from trainer_desktop.core.quiz_content import Choice, QuizContent, true_false, Question
    from trainer_desktop.core.quizzes import (Quiz, QuizAnswer, QuizAttempt, QuizVersion, SessionQuiz,
                                              attempt_id, session_quiz_id, version_id)  # fmt: skip

    questions = QuizContent(tuple(
        true_false(f"Affirmation {q + 1} sur la garde à vue", q % 2 == 0, key=f"k{q}") if q % 3 == 0 else
        Question("single", f"Question {q + 1} sur les droits de la personne", key=f"k{q}",
                 choices=(Choice("Réponse a", 100), Choice("Réponse b"), Choice("Réponse c")))
        for q in range(10))).to_json()  # fmt: skip
    quiz = records.create(Quiz, stamp, dict(title="Pré/post-test OPJ", language="fr",
                                            instructions="Cochez une réponse.", questions=questions))  # fmt: skip
    tx.add(quiz)
    vid = version_id(quiz.id, quiz.title, quiz.instructions, questions)
    tx.add(records.create(QuizVersion, stamp, dict(quiz_id=quiz.id, title=quiz.title,
                                                   instructions=quiz.instructions, questions=questions),
                          record_id=vid))  # fmt: skip
    at = dt.datetime.combine(session.start_date, dt.time(9))
    for phase in ("pre", "post"):
        tx.add(records.create(SessionQuiz, stamp, dict(session_id=session.id, phase=phase, quiz_id=quiz.id,
                                                       day=None, period_id=None, show_results=False),
                              record_id=session_quiz_id(session.id, phase)))  # fmt: skip
        for enrolment in enrolments:
            aid = attempt_id(enrolment.id, phase)
            tx.add(records.create(QuizAttempt, stamp, dict(enrolment_id=enrolment.id, phase=phase,
                                                           version_id=vid, mode="kiosk", started_at=at,
                                                           submitted_at=at), record_id=aid))  # fmt: skip
            for q in range(10):
                tx.add(records.create(QuizAnswer, stamp, dict(attempt_id=aid, question_key=f"k{q}",
                                                              response=str(rng.randrange(2)), kind="answer",
                                                              answered_at=at)))  # fmt: skip


_SIGNATURES: list[bytes] = []


def signature_strokes(rng) -> bytes:  # noqa: ANN001
    """A drawn signature encoded with the app's codec (a synthetic cursive hand), picked from a
    pool of 1,000 distinct ones drawn once: drawing 240,000 would dominate the benchmark."""
    if not _SIGNATURES:
        from trainer_desktop.core.signature_demo import demo_signature
        from trainer_desktop.core.signatures import encode

        _SIGNATURES.extend(encode(demo_signature(seed), 600, 220) for seed in range(1000))
    return rng.choice(_SIGNATURES)


def make_bundles(folder: Path, bundles: int, trainers: int) -> None:
    import random

    from trainer_desktop.bundles.exchange import export_bundle
    from trainer_desktop.core.workspace import open_workspace

    rng = random.Random(20221108)
    per_trainer = -(-bundles // trainers)
    made = 0
    for t in range(trainers):
        workspace = open_workspace(folder / f"trainer{t}.sqlite")
        for n in range(per_trainer):
            if made == bundles:
                break
            session_id = fill_session(workspace, t, n, rng)
            export_bundle(workspace, folder / "inbox" / f"t{t:02d}-{n:03d}", sessions=[session_id])
            made += 1
        workspace.close()


def baseline_rows_per_second(coordinator: Path, scratch: Path) -> tuple[int, float]:
    """A plain executemany of the coordinator's synchronised rows into an empty copy of the
    schema, same pragmas, one transaction per table."""
    from trainer_desktop.core.database import open_database
    from trainer_desktop.core.records import synced_models

    open_database(scratch).close()
    source = sqlite3.connect(coordinator)
    rows = {m.__tablename__: source.execute(f"SELECT * FROM {m.__tablename__}").fetchall()
            for m in synced_models()}  # fmt: skip
    source.close()
    target = sqlite3.connect(scratch, isolation_level=None)
    for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = FULL"):
        target.execute(f"PRAGMA {pragma}")
    count = sum(len(r) for r in rows.values())
    started = time.perf_counter()
    target.execute("BEGIN")
    for table, table_rows in rows.items():
        if table_rows:
            marks = ",".join("?" * len(table_rows[0]))
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
    target.execute("COMMIT")
    elapsed = time.perf_counter() - started
    target.close()
    return count, count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--trainers", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "inbox").mkdir()
        started = time.perf_counter()
        make_bundles(folder, args.bundles, args.trainers)
        sizes = [p.stat().st_size for p in (folder / "inbox").glob("*.tdbundle")]
        print(f"made {len(sizes)} bundles in {time.perf_counter() - started:.1f} s "
              f"(mean {sum(sizes) / len(sizes) / 1024:.1f} KB)")  # fmt: skip
        coordinator = folder / "coordinator.sqlite"
        out = subprocess.run([sys.executable, "-c", IMPORT, str(coordinator), str(folder / "inbox")],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        figures = json.loads(out)
        count, baseline = baseline_rows_per_second(coordinator, folder / "baseline.sqlite")
    records = figures["first_records"]
    rate = records / figures["first"]
    ratio = rate / baseline
    share = figures["second"] / figures["first"]
    print(f"first import:  {records} records from {len(sizes)} bundles in {figures['first']:.2f} s "
          f"= {rate:,.0f} records/s ({figures['first_statuses']})")  # fmt: skip
    print(f"plain executemany of the same {count} rows: {baseline:,.0f} rows/s")
    print(f"  ratio {ratio:.2f} (target >= 0.3): {'OK' if ratio >= 0.3 else 'MISSED'}")
    print(f"second import: {figures['second']:.2f} s = {share:.1%} of the first "
          f"(target < 10 %): {'OK' if share < 0.1 else 'MISSED'} ({figures['second_statuses']})")  # fmt: skip
    print(f"peak memory of the importing process: {figures['max_rss_mb']:.0f} MB "
          f"(target < 300 MB): {'OK' if figures['max_rss_mb'] < 300 else 'MISSED'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Merging is safe to repeat: property-based tests over random histories of several laptops.

2–5 databases make random creates, edits, moves, deletes and restores, and exchange random
bundles (whole database, chosen sessions, or changes for a recipient) in random order, some
twice, some late; then everyone exchanges everything. Everything is drawn with ``data.draw`` so
a failure replays. The properties:
- convergence: every database's ``data export-json`` is byte-identical, whatever the order;
- idempotence: importing everything again changes nothing and says so;
- last writer wins per field, tombstones included (an older bundle never undoes a deletion);
- foreign keys are intact in every database, even though children can arrive before parents.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.core.errors import NeedsConfirmation, NotFoundError, ValidationError
from trainer_desktop.core.export_json import dumps, export_records
from trainer_desktop.core.attendance import Signature
from trainer_desktop.core.participants import Enrolment, Participant
from trainer_desktop.core.programme import ProgrammeItem
from trainer_desktop.core.quiz_content import Choice, NumericAnswer, Question, true_false
from trainer_desktop.core.quizzes import Quiz, QuizAnswer, QuizAttempt
from trainer_desktop.core.evaluations import EvaluationForm, FormAnswer, FormResponse
from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.core.records import stamped_fields, synced_models
from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import encode
from trainer_desktop.core.sessions import TrainingSession

from workspaces import clone_template

D = dt.date(2024, 3, 4)
TITLES = ["Atelier OPJ", "Formation MNP", "Droits des migrants", "Traite des personnes"]
TOWNS = ["Sévaré", "Ségou", "Mopti", "Rabat", ""]


QUESTIONS = [
    Question("single", "Qui contrôle la garde à vue ?", key="q1",
             choices=(Choice("Le procureur", 100), Choice("Le maire"), Choice("Personne"))),
    true_false("La torture peut être justifiée en cas d'urgence.", False, key="q2"),
    Question("multiple", "Droits de la personne gardée à vue", key="q3", points=2,
             choices=(Choice("Avocat", 50), Choice("Médecin", 50), Choice("Silence imposé", -100))),
    Question("numeric", "Durée maximale de la garde à vue (heures)", key="q4",
             numeric=(NumericAnswer(48, 0),)),
]
FORM_ITEMS = [
    FormItem("rating", "overall", {"fr": "Satisfaction générale", "en": "Overall"}, required=True),
    FormItem("single", "length", {"fr": "Durée"},
             choices=(FormChoice("short", {"fr": "Trop courte"}), FormChoice("right", {"fr": "Bonne"}))),
    FormItem("longtext", "improve", {"fr": "À améliorer"}),
]
FORM_ANSWERS = {"overall": ["1", "3", "5"], "length": ["short", "right", ""], "improve": ["Plus de pratique", ""]}
RESPONSES = {"q1": ["0", "1", "2", ""], "q2": ["0", "1"], "q3": ["0", "0,1", "1,2"], "q4": ["48", "72"]}
PAPER = {"q1": ["a", "b", "c", ""], "q2": ["v", "f"], "q3": ["ab", "c"], "q4": ["48", "24,5"]}


MODELS = {model.__tablename__: model for model in synced_models()}
FAMILY_NAMES = ["Traoré", "Sidibé", "Diarra", "Coulibaly", "Keïta"]


def pick(data, values: list, label: str | None = None):
    """One of ``values``, drawn so that the number and kinds of draws never depend on the
    database: merges follow real clocks, so after an exchange two runs of the same example can
    hold lists of different lengths, and Hypothesis must be able to replay it."""
    return values[data.draw(st.integers(0, 255), label=label) % len(values)]


def workspace_get(workspace, model, record_id):
    with workspace.db.read() as tx:
        return tx.get(model, record_id)


def live(workspace, model):
    # In insertion order (rowid), not by id: ids are random, and Hypothesis must be able to
    # replay the same choices.
    with workspace.db.read() as tx:
        return list(tx.scalars(select(model.id).where(model.deleted.is_(False)).order_by(text("rowid"))))


def everything(workspace, model):
    with workspace.db.read() as tx:
        return list(tx.scalars(select(model.id).order_by(text("rowid"))))


QUIZ_ACTIONS = frozenset({"create", "add_person", "enrol", "quiz", "edit_quiz", "assign", "answer",
                          "paper", "submit", "delete_attempt", "unenrol", "delete", "form",
                          "edit_form", "respond", "form_answer", "submit_form"})


def act(data, workspace, counter, signed: dict, only: frozenset[str] | None = None) -> None:
    """One random change made through the core, as a user would. ``signed`` collects what
    participants submitted (signature id -> strokes, answer id -> response): none may be lost or
    changed by any merge."""
    sessions = live(workspace, TrainingSession)
    quizzes = live(workspace, Quiz)
    attempts = live(workspace, QuizAttempt)
    forms = live(workspace, EvaluationForm)
    form_responses = live(workspace, FormResponse)
    items = live(workspace, ProgrammeItem)
    people = live(workspace, Participant)
    enrolments = live(workspace, Enrolment)
    choices = ["create", "add_person"]
    if sessions:
        choices += ["edit", "edit", "delete", "add_item", "add_item", "duplicate", "periods"]
    if items:
        choices += ["edit_item", "move_item", "delete_item"]
    if people:
        choices += ["edit_person", "delete_person"]
    if people and sessions:  # "mark" and "sign" enrol someone first when needed
        choices += ["enrol", "mark", "mark", "sign", "sign"]
    if enrolments:
        choices += ["unenrol"]
    choices.append("quiz")
    if quizzes:
        choices += ["edit_quiz"]
    if quizzes and sessions:
        choices += ["assign"]
    if people and sessions:
        choices += ["answer", "answer", "answer", "paper", "paper"]
    if attempts:
        choices += ["submit", "delete_attempt"]
    choices.append("form")
    if forms:
        choices += ["edit_form"]
    if forms and sessions:
        choices += ["respond", "respond"]
    if form_responses:
        choices += ["form_answer", "form_answer", "submit_form"]
    deleted = sorted(set(everything(workspace, TrainingSession)) - set(sessions))
    if deleted:
        choices.append("restore")
    if only is not None:
        choices = [c for c in choices if c in only]
    action = pick(data, choices, "action")
    n = next(counter)
    try:
        if action == "create":
            workspace.sessions.create(title=data.draw(st.sampled_from(TITLES)), start_date=D,
                                      end_date=D + dt.timedelta(days=2),
                                      town=data.draw(st.sampled_from(TOWNS)))  # fmt: skip
        elif action == "edit":
            field = data.draw(st.sampled_from(["title", "town", "region", "organiser"]))
            workspace.sessions.update(pick(data, sessions), **{field: f"{field} {n}"})
        elif action == "delete":
            workspace.sessions.delete(pick(data, sessions))
        elif action == "restore":
            workspace.sessions.restore(pick(data, deleted))
        elif action == "duplicate":
            workspace.sessions.duplicate(pick(data, sessions), D + dt.timedelta(days=7))
        elif action == "add_item":
            hour = data.draw(st.integers(8, 16))
            workspace.programme.add(pick(data, sessions), day=D, confirmed=True,
                                    start_time=dt.time(hour), end_time=dt.time(hour + 1),
                                    title=f"Module {n}")  # fmt: skip
        elif action == "edit_item":
            workspace.programme.update(pick(data, items), title=f"Module {n} bis",
                                       speaker=data.draw(st.sampled_from(["", "Me Diarra"])))  # fmt: skip
        elif action == "move_item":
            workspace.programme.move(pick(data, items), data.draw(st.sampled_from([-1, 1])))
        elif action == "delete_item":
            workspace.programme.delete(pick(data, items))
        elif action == "add_person":
            workspace.participants.create(family_name=data.draw(st.sampled_from(FAMILY_NAMES)),
                                          given_names=f"Prénom {n}",
                                          sex=data.draw(st.sampled_from(["woman", "man"])))  # fmt: skip
        elif action == "edit_person":
            workspace.participants.update(pick(data, people),
                                          **{data.draw(st.sampled_from(["institution", "phone"])):
                                             f"{n} 00 00"})  # fmt: skip
        elif action == "delete_person":
            workspace.participants.delete(pick(data, people))
        elif action == "enrol":
            workspace.participants.enrol(pick(data, sessions),
                                         pick(data, people),
                                         role=data.draw(st.sampled_from(["participant", "observer"])))  # fmt: skip
        elif action == "unenrol":
            workspace.participants.unenrol(pick(data, enrolments))
        elif action == "periods":
            workspace.attendance.ensure_default_periods(pick(data, sessions))
        elif action in ("mark", "sign"):
            if data.draw(st.booleans()) and enrolments:
                enrolment = workspace_get(workspace, Enrolment, pick(data, enrolments))
            else:
                enrolment = workspace.participants.enrol(pick(data, sessions),
                                                         pick(data, people))  # fmt: skip
            periods = workspace.attendance.ensure_default_periods(enrolment.session_id)
            period = pick(data, periods)
            if action == "mark":
                status = data.draw(st.sampled_from(["present", "late", "absent", "excused", None]))
                workspace.attendance.set_mark(enrolment.id, period.id, status, dt.time(9, n % 60))
            else:
                strokes = encode(demo_signature(n % 7), 600, 220)
                signature = workspace.attendance.sign_in(enrolment.id, period.id, strokes)
                signed[signature.id] = strokes
        elif action == "quiz":
            workspace.quizzes.create(f"Test {n}", "fr", "", QUESTIONS[: data.draw(st.integers(1, 4))])
        elif action == "edit_quiz":
            quiz = pick(data, quizzes)
            if data.draw(st.booleans()):
                workspace.quizzes.update(quiz, title=f"Test {n} bis")
            else:
                keep = data.draw(st.lists(st.sampled_from(QUESTIONS), min_size=1, max_size=4, unique=True))
                workspace.quizzes.update(quiz, questions=keep, confirmed=True)
        elif action == "assign":
            workspace.quizzes.assign(pick(data, sessions), data.draw(st.sampled_from(["pre", "post"])),
                                     pick(data, quizzes),
                                     show_results=data.draw(st.booleans()))  # fmt: skip
        elif action in ("answer", "paper"):
            if data.draw(st.booleans()) and enrolments:
                enrolment = workspace_get(workspace, Enrolment, pick(data, enrolments))
            else:
                enrolment = workspace.participants.enrol(pick(data, sessions),
                                                         pick(data, people))  # fmt: skip
            phase = data.draw(st.sampled_from(["pre", "post"]))
            if phase not in workspace.quizzes.assignments(enrolment.session_id):  # choose one first
                quiz = quizzes[0] if quizzes else workspace.quizzes.create(f"Test {n}", "fr", "", QUESTIONS).id
                workspace.quizzes.assign(enrolment.session_id, phase, quiz)
            attempt = workspace.quizzes.start_attempt(enrolment.id, phase, "kiosk" if action == "answer" else "paper")
            keys = [q.key for q in workspace.quizzes.version(attempt.version_id).content.questions]
            key = pick(data, keys)
            if action == "answer":
                answer = workspace.quizzes.answer(attempt.id, key, pick(data, RESPONSES[key]))
                if answer is not None:
                    signed[answer.id] = answer.response
                    event("a quiz answer")
            else:
                workspace.quizzes.enter_paper_answer(enrolment.id, phase, key, pick(data, PAPER[key]))
                event("a paper answer")
        elif action == "submit":
            workspace.quizzes.submit(pick(data, attempts))
        elif action == "form":
            workspace.evaluations.create(f"Évaluation {n}", "fr", FORM_ITEMS, anonymous=data.draw(st.booleans()))
        elif action == "edit_form":
            form = pick(data, forms)
            if data.draw(st.booleans()):
                workspace.evaluations.update(form, title=f"Évaluation {n} bis")
            else:
                workspace.evaluations.update(form, items=FORM_ITEMS[: data.draw(st.integers(1, 3))], confirmed=True)
        elif action == "respond":
            session = pick(data, sessions)
            form = pick(data, forms)
            enrolment = workspace.participants.enrol(session, pick(data, people)).id if people else None
            answers = {name: data.draw(st.sampled_from(values)) for name, values in FORM_ANSWERS.items()}
            workspace.evaluations.enter_response(session, form, answers, enrolment_id=enrolment)
            event("a form response")
        elif action == "form_answer":
            response = workspace_get(workspace, FormResponse, pick(data, form_responses))
            names = [i.name for i in workspace.evaluations.content(response.version_id).answerable]
            name = pick(data, names)
            answer = workspace.evaluations.answer(response.id, name, pick(data, FORM_ANSWERS[name]))
            if answer is not None:
                signed[answer.id] = ("form", answer.value)
        elif action == "submit_form":
            workspace.evaluations.submit(pick(data, form_responses))
        elif action == "delete_attempt":
            workspace.quizzes.delete_attempt(pick(data, attempts))
    except (NotFoundError, NeedsConfirmation, ValidationError):
        pass  # e.g. editing an item whose session another laptop deleted: refused, fine


def field_winners(workspaces):
    """For every record and field: the value carrying the greatest stamp on any laptop."""
    winners: dict[tuple[str, str, str], tuple[str, object]] = {}
    for workspace in workspaces:
        for table, rows in export_records(workspace.db)["tables"].items():
            for row in rows:
                for name in stamped_fields(MODELS[table]):
                    stamp = row["stamps"].get(name, row["hlc"])
                    key = (table, row["id"], name)
                    if key not in winners or stamp > winners[key][0]:
                        winners[key] = (stamp, row[name])
    return winners


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.data_too_large])  # fmt: skip
@given(data=st.data())
def test_any_history_of_exchanges_converges(template_db, data):
    run_history(template_db, data)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.data_too_large])  # fmt: skip
@given(data=st.data())
def test_any_history_of_quiz_answers_converges(template_db, data):
    """The same, with laptops mostly choosing quizzes, answering and correcting (kiosk and
    paper on two laptops meet in one attempt; every answer given survives every merge)."""
    run_history(template_db, data, only=QUIZ_ACTIONS)


def run_history(template_db, data, only: frozenset[str] | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        count = data.draw(st.integers(2, 5), label="laptops")
        laptops = [clone_template(template_db, folder / f"l{i}.sqlite", f"laptop {i}") for i in range(count)]
        counter = itertools.count()
        bundles: list[Path] = []
        signed: dict[str, bytes] = {}
        try:
            for step in range(data.draw(st.integers(4, 24), label="steps")):
                who = data.draw(st.integers(0, count - 1))
                if data.draw(st.integers(0, 3)) or not bundles and step < 2:
                    act(data, laptops[who], counter, signed, only)
                    continue
                # a partial exchange
                target = data.draw(st.sampled_from([t for t in range(count) if t != who]))
                scope = data.draw(st.sampled_from(["all", "sessions", "recipient"]))
                sessions = live(laptops[who], TrainingSession)
                kwargs = {}
                picks = [data.draw(st.integers(0, 255)) for _ in range(data.draw(st.integers(1, 3)))]
                if scope == "sessions" and sessions:
                    kwargs["sessions"] = sorted({sessions[i % len(sessions)] for i in picks})
                elif scope == "recipient":
                    kwargs["recipient"] = f"laptop {target}"
                bundle = export_bundle(laptops[who], folder / f"b{len(bundles)}", **kwargs).path
                bundles.append(bundle)
                old = data.draw(st.lists(st.sampled_from(bundles), max_size=2))  # late copies too
                for result in import_bundles(laptops[target], [bundle, *old]):
                    assert result.status in ("imported", "already"), result.message
            winners = field_winners(laptops)
            # full exchange: everyone sends everything; each imports in its own order
            bundles += [export_bundle(w, folder / f"full{i}").path for i, w in enumerate(laptops)]
            for laptop in laptops:
                order = data.draw(st.permutations(bundles), label="import order")
                for result in import_bundles(laptop, order):
                    assert result.status in ("imported", "already"), result.message
            documents = [dumps(export_records(w.db)) for w in laptops]
            assert all(d == documents[0] for d in documents), "laptops did not converge"
            # last writer wins, field by field, deletions included
            final = export_records(laptops[0].db)["tables"]
            for (table, record_id, name), (stamp, value) in winners.items():
                [row] = [r for r in final[table] if r["id"] == record_id]
                final_stamp = row["stamps"].get(name, row["hlc"])
                assert final_stamp >= stamp
                if final_stamp == stamp:
                    assert row[name] == value, (table, record_id, name)
            # importing everything again changes nothing, and says so
            again = import_bundles(laptops[0], bundles)
            assert {r.status for r in again} == {"already"}
            assert dumps(export_records(laptops[0].db)) == documents[0]
            for laptop in laptops:
                with laptop.db.engine.connect() as conn:
                    assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert {m.__tablename__ for m in synced_models()} <= set(final)
            # no submitted record lost or changed, on any laptop
            for laptop in laptops:
                for record_id, content in signed.items():
                    if isinstance(content, bytes):
                        assert workspace_get(laptop, Signature, record_id).strokes == content
                    elif isinstance(content, tuple):
                        assert workspace_get(laptop, FormAnswer, record_id).value == content[1]
                    else:
                        assert workspace_get(laptop, QuizAnswer, record_id).response == content
        finally:
            for laptop in laptops:
                laptop.close()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_import_order_does_not_matter_for_a_fresh_coordinator(template_db, data):
    """Commutativity, directly: two empty databases import the same bundles in two orders."""
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        trainers = [clone_template(template_db, folder / f"t{i}.sqlite", f"t{i}") for i in range(2)]
        coordinators = [clone_template(template_db, folder / f"c{i}.sqlite", f"c{i}") for i in range(2)]
        counter = itertools.count()
        bundles = []
        try:
            for _ in range(data.draw(st.integers(2, 10))):
                who = data.draw(st.integers(0, 1))
                act(data, trainers[who], counter, {})
                if data.draw(st.booleans()):
                    bundles.append(export_bundle(trainers[who], folder / f"b{len(bundles)}").path)
                    if data.draw(st.booleans()):  # trainers also exchange between themselves
                        import_bundles(trainers[1 - who], bundles[-1:])
            bundles += [export_bundle(t, folder / f"last{i}").path for i, t in enumerate(trainers)]
            first = data.draw(st.permutations(bundles))
            second = data.draw(st.permutations(bundles))
            import_bundles(coordinators[0], first)
            import_bundles(coordinators[1], second)
            assert dumps(export_records(coordinators[0].db)) == dumps(export_records(coordinators[1].db))
        finally:
            for w in trainers + coordinators:
                w.close()

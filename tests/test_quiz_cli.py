"""``trainer-desktop quizzes``: import a GIFT file (all or nothing), list, export (a round trip
gives the same file), print a session's test and its answer key."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainer_desktop.cli.main import main
from trainer_desktop.core.workspace import open_workspace

GIFT = Path(__file__).parent / "data" / "gift"
SAMPLE = """// [trainer-desktop] points=2
::Custody::Which are rights of a person in custody? {
\t~%50%To see a lawyer
\t~%-100%To be beaten
\t~%50%To see a doctor
}

Torture is allowed in a state of emergency. {FALSE####Article 2: never.}

How many hours before a judge, at most? {#48:0}
"""


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "quizzes", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _quizzes(capsys, db: Path) -> list[dict]:
    code, out, _err = _run(capsys, "list", "--db", str(db), "--json")
    assert code == 0
    return json.loads(out)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "db.sqlite"


@pytest.fixture
def sample(tmp_path) -> Path:
    path = tmp_path / "custody_en.gift"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_import_prints_the_new_id_and_the_count_and_list_shows_it(capsys, db, sample):
    code, out, err = _run(capsys, "import", "--db", str(db), str(sample), "--title", "Custody",
                          "--language", "en")  # fmt: skip
    assert code == 0 and err == ""
    quiz_id, message = out.splitlines()
    assert message == "“Custody”: 3 questions imported."
    [row] = _quizzes(capsys, db)
    assert row == {"id": quiz_id, "title": "Custody", "language": "en", "questions": 3,
                   "points": 4.0, "attempts": 0}  # fmt: skip
    code, out, _err = _run(capsys, "list", "--db", str(db))
    assert out == f"{quiz_id}  Custody  (en, 3 questions, 0 attempts)\n1 quiz\n"
    workspace = open_workspace(db)
    try:
        [multiple, truefalse, numeric] = workspace.quizzes.get(quiz_id).content.questions
    finally:
        workspace.close()
    assert (multiple.kind, multiple.points, multiple.title) == ("multiple", 2.0, "Custody")
    assert truefalse.explanation == "Article 2: never."
    assert numeric.numeric[0].value == 48


def test_import_without_a_title_uses_the_file_name_and_json_says_it_all(capsys, db):
    code, out, _err = _run(capsys, "import", "--db", str(db), str(GIFT / "torture_opcat_fr.gift"),
                           "--json")  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["title"] == "torture_opcat_fr" and report["language"] == "fr"
    assert report["questions"] == 13 and report["categories"]
    assert [q["id"] for q in _quizzes(capsys, db)] == [report["id"]]


def test_a_broken_file_exits_1_naming_the_line_and_imports_nothing(capsys, db, sample, tmp_path):
    assert _run(capsys, "import", "--db", str(db), str(sample))[0] == 0  # one quiz already
    broken = tmp_path / "broken.gift"
    broken.write_text("::a::Fine {=yes ~no}\n\n::b::Broken {=x ~y\n\n::c::Fine {T}\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "--db", str(db), str(broken))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "broken.gift, line 3" in err
    assert len(_quizzes(capsys, db)) == 1
    code, _out, err = _run(capsys, "import", "--db", str(db), str(tmp_path / "missing.gift"))
    assert code == 1 and err.count("\n") == 1 and "missing.gift" in err


def test_export_then_reimport_gives_the_same_file(capsys, db, tmp_path):
    for source in sorted(GIFT.glob("*.gift")):
        code, out, _err = _run(capsys, "import", "--db", str(db), str(source), "--json")
        assert code == 0, source
        first = json.loads(out)
        exported = tmp_path / f"{source.stem}.1.gift"
        code, out, _err = _run(capsys, "export", "--db", str(db), "--quiz", first["id"],
                               "--out", str(exported))  # fmt: skip
        assert code == 0
        assert out == f"{first['questions']} questions written to {exported}.\n"
        code, out, _err = _run(capsys, "import", "--db", str(db), str(exported), "--title",
                               first["title"], "--json")  # fmt: skip
        second = json.loads(out)
        assert second["questions"] == first["questions"] and second["id"] != first["id"]
        again = tmp_path / f"{source.stem}.2.gift"
        assert _run(capsys, "export", "--db", str(db), "--quiz", second["id"], "--out", str(again))[0] == 0
        assert again.read_bytes() == exported.read_bytes(), source.name
    workspace = open_workspace(db)
    try:
        quizzes = workspace.quizzes.list_quizzes()
        contents = {}
        for quiz in quizzes:
            strip = [q.to_json() | {"key": ""} for q in quiz.content.questions]
            contents.setdefault(quiz.title, []).append(strip)
    finally:
        workspace.close()
    assert all(a == b for a, b in contents.values())  # same questions, new keys aside


def test_export_refuses_an_unknown_quiz_and_an_unwritable_file(capsys, db, sample, tmp_path):
    code, out, _err = _run(capsys, "import", "--db", str(db), str(sample))
    quiz_id = out.splitlines()[0]
    code, _out, err = _run(capsys, "export", "--db", str(db), "--quiz", "nope", "--out",
                           str(tmp_path / "x.gift"))  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and not (tmp_path / "x.gift").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = _run(capsys, "export", "--db", str(db), "--quiz", quiz_id, "--out",
                           str(blocker / "x.gift"))  # fmt: skip
    assert code == 1 and "Cannot write" in err and err.count("\n") == 1


def test_list_of_an_empty_library(capsys, db):
    assert _run(capsys, "list", "--db", str(db))[1] == "No quizzes.\n"
    assert _quizzes(capsys, db) == []


def _session_with_test(db: Path, sample: Path) -> str:
    workspace = open_workspace(db)
    try:
        from trainer_desktop.core.gift import read_gift_file

        session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                            end_date=dt.date(2022, 11, 10))  # fmt: skip
        for family, given in (("Traoré", "Awa"), ("Keïta", "Moussa")):
            workspace.participants.create_and_enrol(session.id, family_name=family,
                                                    given_names=given, sex="unstated")  # fmt: skip
        quiz = workspace.quizzes.create("Custody", "en", "", read_gift_file(sample).questions)
        workspace.quizzes.assign(session.id, "pre", quiz.id)
        return session.id
    finally:
        workspace.close()


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_print_blank_named_and_answer_key(capsys, db, sample, tmp_path):
    session_id = _session_with_test(db, sample)
    common = ["print", "--db", str(db), "--session", session_id, "--phase", "pre"]
    outputs = {}
    for kind, extra in (("blank", []), ("named", ["--named"]), ("key", ["--answer-key"]),
                        ("fr", ["--answer-key", "--language", "fr"])):  # fmt: skip
        out = tmp_path / f"{kind}.pdf"
        code, printed, err = _run(capsys, *common, "--out", str(out), *extra)
        assert code == 0, err
        assert printed == f"Written to {out}.\n"
        outputs[kind] = _pdf_text(out)
    assert "Name: Score: / 4" in outputs["blank"] and "TRAORÉ" not in outputs["blank"]
    assert "Name: KEÏTA Moussa" in outputs["named"] and "Name: TRAORÉ Awa" in outputs["named"]
    assert "1: a, c 2: False 3: 48" in outputs["key"]
    assert "Page 1 sur 1" in outputs["fr"]
    code, _out, err = _run(capsys, "print", "--db", str(db), "--session", session_id, "--phase",
                           "post", "--out", str(tmp_path / "post.pdf"))  # fmt: skip
    assert code == 1 and "No quiz is chosen for the post-test" in err and err.count("\n") == 1
    assert not (tmp_path / "post.pdf").exists()


def test_print_refuses_named_with_answer_key(capsys, db):
    with pytest.raises(SystemExit) as exit_:
        main(["quizzes", "print", "--db", str(db), "--session", "x", "--phase", "pre", "--out",
              "x.pdf", "--named", "--answer-key"])  # fmt: skip
    assert exit_.value.code == 2


def test_help_on_every_quizzes_command(capsys):
    for command in ([], ["import"], ["export"], ["list"], ["print"]):
        with pytest.raises(SystemExit) as exit_:
            main(["--lang", "en", "quizzes", *command, "--help"])
        assert exit_.value.code == 0
        assert "usage: trainer-desktop quizzes" in capsys.readouterr().out


def test_the_console_script_lists_quizzes(db, sample):
    result = subprocess.run(
        [sys.executable, "-m", "trainer_desktop", "--lang", "en", "quizzes", "import", "--db",
         str(db), str(sample)], capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "3 questions imported" in result.stdout

"""The command line: what coordinators and tests run, with its exit statuses."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys

import pytest

from trainer_desktop.cli.main import main
from trainer_desktop.core.workspace import open_workspace


@pytest.fixture
def db_with_sessions(tmp_path):
    path = tmp_path / "db.sqlite"
    workspace = open_workspace(path)
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10), town="Sévaré", region="Mopti")  # fmt: skip
    workspace.programme.add(session.id, day=dt.date(2022, 11, 8), start_time=dt.time(9),
                            end_time=dt.time(10), title="Ouverture")  # fmt: skip
    workspace.close()
    return path


def test_sessions_list_json(db_with_sessions, capsys):
    assert main(["sessions", "list", "--db", str(db_with_sessions), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["title"] == "Atelier OPJ"
    assert row["start_date"] == "2022-11-08" and row["programme_items"] == 1


def test_sessions_list_text(db_with_sessions, capsys):
    assert main(["--lang", "en", "sessions", "list", "--db", str(db_with_sessions)]) == 0
    out = capsys.readouterr().out
    assert "Atelier OPJ" in out and "Sévaré, Mopti" in out and "1 session\n" in out


def test_export_json_writes_the_records(db_with_sessions, tmp_path, capsys):
    out = tmp_path / "records.json"
    assert main(["--lang", "en", "data", "export-json", "--db", str(db_with_sessions), "--out", str(out)]) == 0
    assert "2 records written" in capsys.readouterr().out
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert len(tables["training_session"]) == len(tables["programme_item"]) == 1


def test_a_missing_db_option_is_refused_with_exit_1(capsys, monkeypatch):
    monkeypatch.delenv("TRAINER_DESKTOP_DB", raising=False)
    assert main(["--lang", "en", "sessions", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db" in err


def test_a_newer_database_is_refused_with_exit_1_and_one_line(db_with_sessions, capsys):
    conn = sqlite3.connect(db_with_sessions)
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.close()
    assert main(["--lang", "en", "sessions", "list", "--db", str(db_with_sessions)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newer version" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["sessions", "lst"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["data", "export-json", "--db", "x.sqlite"])  # --out missing
    assert exit_.value.code == 2


def test_help_on_every_command():
    commands = [[], ["gui"], ["demo"], ["sessions"], ["sessions", "list"], ["data"], ["data", "export-json"]]
    for command in commands:
        with pytest.raises(SystemExit) as exit_:
            main([*command, "--help"])
        assert exit_.value.code == 0


def test_the_console_script_runs_as_a_module(db_with_sessions):
    result = subprocess.run(
        [sys.executable, "-m", "trainer_desktop", "--lang", "en", "sessions", "list", "--json",
         "--db", str(db_with_sessions)],  # fmt: skip
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["town"] == "Sévaré"


def test_french_is_the_default_language_of_messages(capsys, monkeypatch):
    monkeypatch.delenv("TRAINER_DESKTOP_DB", raising=False)
    monkeypatch.delenv("TRAINER_DESKTOP_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["sessions", "list"]) == 1
    assert "Indiquez la base de données avec --db" in capsys.readouterr().err


def test_lang_is_accepted_after_the_command_too(capsys, monkeypatch):
    monkeypatch.delenv("TRAINER_DESKTOP_DB", raising=False)
    assert main(["sessions", "list", "--lang", "en"]) == 1
    assert "Name the database with --db" in capsys.readouterr().err
    assert main(["--lang", "fr", "sessions", "list"]) == 1
    assert "Indiquez la base de données" in capsys.readouterr().err

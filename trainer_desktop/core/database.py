"""The SQLite database: one engine and session factory per opened file, handed to whoever needs it.

Every connection runs in WAL mode with ``foreign_keys=ON`` and ``synchronous=FULL``, so a
committed write survives a power cut. Writes go through :meth:`Database.write`, a transaction
that is committed whole or not at all; database errors that a user can act on (locked, disk full,
unreadable) become :class:`DatabaseUnavailable` with a message in the user's language, anything
else is a bug and propagates.

Opening a file (:func:`open_database`) checks that it is a Trainer Desktop database written by
this version or an older one, takes a copy with SQLite's backup API and migrates it when the
schema is older, and refuses (without touching it) a file written by a newer version.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseUnavailable
from .i18n import _

#: ``PRAGMA application_id`` of every Trainer Desktop database ("TDK1").
APPLICATION_ID = 0x54444B31
#: The Alembic revision this version of the code writes. A test checks it is the scripts' head.
SCHEMA_REVISION = "0002"
#: Revisions this version knows; a database at any other revision was written by a newer version.
KNOWN_REVISIONS = ("0001", "0002")

ENV_VAR = "TRAINER_DESKTOP_DB"
BUSY_TIMEOUT_MS = 3000


def default_database_path() -> Path:
    """``$TRAINER_DESKTOP_DB`` if set, else the file in the user data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("TrainerDesktop", appauthor=False) / "trainer-desktop.sqlite"


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin(conn) -> None:
    # Writers take the write lock up front, so two processes never deadlock upgrading a lock.
    if conn.get_execution_options().get("immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def describe_sqlite_error(exc: BaseException, path: Path) -> str | None:
    """A message for the user if ``exc`` is a known, non-bug database condition, else ``None``."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return _(
            "The database {path} is in use by another program (perhaps Trainer Desktop is "
            "already open). Close it and try again."
        ).format(path=path)
    if "disk is full" in text or "database or disk is full" in text:
        return _(
            "The disk holding {path} is full. Free some space; nothing was saved."
        ).format(path=path)
    if "readonly" in text or "read-only" in text:
        return _("The database {path} cannot be written (read-only file or folder).").format(
            path=path
        )
    if "unable to open" in text or "disk i/o" in text:
        return _(
            "The database {path} cannot be opened (missing folder, no permission, or a "
            "removed disk)."
        ).format(path=path)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return _("The file {path} is damaged or is not a Trainer Desktop database.").format(
            path=path
        )
    return None


class Database:
    """An opened database file: its engine and session factory.

    Created by :func:`open_database`; the GUI, the command line and the tests each receive one.
    """

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        try:
            with self._sessions() as session, session.begin():
                connection = session.connection(execution_options={"immediate": True})
                # Foreign keys are checked at commit, so a transaction may add a child before
                # its parent (the ORM orders inserts only along declared relationships).
                connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                yield session
        except DBAPIError as exc:
            message = describe_sqlite_error(exc, self.path)
            if message is None:
                raise
            raise DatabaseUnavailable(message) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot (rolled back at the end)."""
        try:
            # Committing a read-only transaction is free and keeps loaded objects usable.
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            message = describe_sqlite_error(exc, self.path)
            if message is None:
                raise
            raise DatabaseUnavailable(message) from exc

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()

    def close(self) -> None:
        self.engine.dispose()


# --- opening and migrating -------------------------------------------------------------------


def _inspect_file(path: Path) -> tuple[int, str | None, bool]:
    """(application_id, alembic revision or None, has any table) of an existing file.

    Uses a read-only connection so that a refused file is never modified.
    """
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != b"SQLite format 3\x00":
        raise DatabaseUnavailable(
            _("The file {path} is not a Trainer Desktop database.").format(path=path)
        )
    uri = f"{path.as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return app_id, revision, bool(tables)
    finally:
        conn.close()


def _migrate(engine: Engine, target: str = "head") -> None:
    # Alembic is imported only when a migration is due: it costs start-up time.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def open_database(path: Path | str | None = None) -> Database:
    """Open (creating and migrating if needed) the database at ``path``.

    Raises :class:`DatabaseUnavailable` for a file that is not ours, unreadable, locked, or
    written by a newer version; such a file is left untouched.
    """
    path = Path(path).expanduser() if path else default_database_path()
    path = path.absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            _("The folder for the database {path} cannot be created: {error}").format(
                path=path, error=exc.strerror or exc
            )
        ) from exc
    exists = path.exists() and path.stat().st_size > 0
    revision = None
    if exists:
        try:
            app_id, revision, has_tables = _inspect_file(path)
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(
                describe_sqlite_error(exc, path)
                or _("The database {path} cannot be read: {error}").format(path=path, error=exc)
            ) from exc
        except OSError as exc:
            raise DatabaseUnavailable(
                _("The database {path} cannot be read: {error}").format(
                    path=path, error=exc.strerror or exc
                )
            ) from exc
        if has_tables and app_id != APPLICATION_ID:
            raise DatabaseUnavailable(
                _("The file {path} is not a Trainer Desktop database.").format(path=path)
            )
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseUnavailable(
                _(
                    "The database {path} was written by a newer version of Trainer Desktop "
                    "(schema {revision}). Update the application to open it; the file was "
                    "not changed."
                ).format(path=path, revision=revision)
            )
        if revision is not None and revision != SCHEMA_REVISION:
            from .backups import take_backup

            take_backup(path, "before-upgrade")
    engine = make_engine(path)
    if revision != SCHEMA_REVISION:
        try:
            _migrate(engine)
        except DBAPIError as exc:
            engine.dispose()
            message = describe_sqlite_error(exc, path)
            if message is None:
                raise
            raise DatabaseUnavailable(message) from exc
    return Database(path, engine)

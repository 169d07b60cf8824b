"""Fresh databases for tests: copies of a migrated template, each with its own device id.

(A module of its own rather than in ``conftest.py``: two conftest modules exist, and
``from conftest import`` would find whichever was imported first.)
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from trainer_desktop.core.workspace import Workspace, open_workspace


def clone_template(template: Path, path: Path, device_name: str) -> Workspace:
    """A new empty database at ``path`` (a copy of the template) with its own device id."""
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE local_device SET device_id = ?, name = ?", (uuid.uuid4().hex, device_name))
    conn.commit()
    conn.close()
    return open_workspace(path)

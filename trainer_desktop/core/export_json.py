"""``data export-json``: every synchronised record, live and deleted, as one JSON document.

Records are grouped by table (tables sorted by name), sorted by id, with sorted keys and no
local-only state (device, settings, clock). Two databases that hold the same synchronised data
produce byte-identical files: this is how the merge tests check convergence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from .database import Database
from .records import as_dict, synced_models

FORMAT = "trainer-desktop-records"
FORMAT_VERSION = 1


def export_records(db: Database) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.read() as tx:
        for model in synced_models():
            rows = tx.scalars(select(model).order_by(model.id))
            tables[model.__tablename__] = [as_dict(r) for r in rows]
    return {"format": FORMAT, "version": FORMAT_VERSION, "tables": dict(sorted(tables.items()))}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def export_json(db: Database, out: Path) -> int:
    """Write the document to ``out``; returns the number of records written."""
    document = export_records(db)
    out.write_text(dumps(document), encoding="utf-8")
    return sum(len(rows) for rows in document["tables"].values())

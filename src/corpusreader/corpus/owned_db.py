"""A SQLite file of ours: created empty, or checked to be ours, of this schema, and undamaged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def check_or_create(db: sqlite3.Connection, application_id: int, schema: int,
                    create: Callable[[sqlite3.Connection], None], kind: str) -> None:
    """Create the tables in an empty file; otherwise raise ``DatabaseError`` unless the file is a ``kind``
    of this ``schema`` (its ``application_id`` and ``user_version``) that passes SQLite's quick check."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found_id = db.execute("PRAGMA application_id").fetchone()[0]
    if not tables and found_id == 0:
        create(db)
    elif found_id != application_id or db.execute("PRAGMA user_version").fetchone()[0] != schema:
        raise sqlite3.DatabaseError(f"not a corpusreader {kind} of this version")
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError(f"damaged {kind}")

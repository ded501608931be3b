# ruff: noqa: S608  -- SQL built from this module's constants; search terms travel as parameters
"""Full-text search in Chinese over cases: "热水器 漏水 浦东" finds the water heater leaking in
Pudong. Chinese has no spaces, so words are not tokenised; every term is matched as a substring
through a trigram index, which serves Chinese as well as model numbers:

- PostgreSQL: `pg_trgm` GIN indexes on two expressions of `cases_case` (the case's own text:
  product, facts, demand; and the personal part: name, address). The migration creates the
  extension when the database role may; without it the same query runs as a scan.
- SQLite: an FTS5 table `library_case_fts` with the `trigram` tokenizer (rowid = case id),
  kept in step by triggers on `cases_case` — in the same transaction as every case write,
  whichever service writes (registration, retention's masking, a correction). SQLite drops a
  table's triggers when a later migration rebuilds it, so `install` runs again after every
  `migrate`; `manage.py rebuild_search_index` refills the table from the cases.

Terms of three or more characters are answered from the index; shorter ones (漏水, 浦东) filter
the rows the longer ones found (or scan, when every term is short). The personal columns are
searched only for readers who see personal data, so a search never confirms a masked value.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

FTS_TABLE = "library_case_fts"
BODY_SQL = "(subject_product || ' ' || facts || ' ' || demand)"
PERSONAL_SQL = "(complainant_name || ' ' || complainant_address)"
#: At most this many terms, each at most this long: a bounded query whatever is typed.
MAX_TERMS = 6
MAX_TERM = 40
SEPARATORS = re.compile(r"[\s,，。、;；:：!！?？\"'“”‘’()（）\[\]【】%_\\*]+")


def terms_of(text: str) -> list[str]:
    """The search terms in `text`: split at spaces and punctuation, each at most `MAX_TERM`
    characters, at most `MAX_TERMS`, duplicates dropped (LIKE's wildcards are separators)."""
    seen: list[str] = []
    for part in SEPARATORS.split(text):
        term = part.strip()[:MAX_TERM]
        if term and term.lower() not in (t.lower() for t in seen):
            seen.append(term)
    return seen[:MAX_TERMS]


# --- the index -------------------------------------------------------------------------------

_SQLITE_TRIGGER_BODY = (
    f"INSERT INTO {FTS_TABLE}(rowid, body, personal) VALUES (new.id, "
    "new.subject_product || ' ' || new.facts || ' ' || new.demand, "
    "new.complainant_name || ' ' || new.complainant_address);"
)
_SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "body, personal, tokenize = 'trigram')",
    "DROP TRIGGER IF EXISTS library_case_fts_insert",
    "DROP TRIGGER IF EXISTS library_case_fts_update",
    "DROP TRIGGER IF EXISTS library_case_fts_delete",
    f"CREATE TRIGGER library_case_fts_insert AFTER INSERT ON cases_case BEGIN "
    f"{_SQLITE_TRIGGER_BODY} END",
    "CREATE TRIGGER library_case_fts_update AFTER UPDATE OF subject_product, facts, demand, "
    f"complainant_name, complainant_address ON cases_case BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; {_SQLITE_TRIGGER_BODY} END",
    f"CREATE TRIGGER library_case_fts_delete AFTER DELETE ON cases_case BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
]
_POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS library_case_text_trgm ON cases_case "
    f"USING gin ({BODY_SQL} gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS library_case_personal_trgm ON cases_case "
    f"USING gin ({PERSONAL_SQL} gin_trgm_ops)",
]


def _has_trgm(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def install(connection: BaseDatabaseWrapper) -> str:
    """Create the index (idempotent); returns what it did, for the migration's and the
    command's output."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in _SQLITE:
                cursor.execute(statement)
        return "fts5"
    if connection.vendor != "postgresql":
        return "none"
    if not _has_trgm(connection):
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # not permitted for this role: search scans instead
            return "scan"
    with connection.cursor() as cursor:
        for statement in _POSTGRES:
            cursor.execute(statement)
    return "pg_trgm"


def rebuild_sql(connection: BaseDatabaseWrapper) -> list[str]:
    """Statements that refill the SQLite table from the cases (nothing to do on PostgreSQL,
    whose index is on the case table itself)."""
    if connection.vendor != "sqlite":
        return []
    return [
        f"DELETE FROM {FTS_TABLE}",
        f"INSERT INTO {FTS_TABLE}(rowid, body, personal) SELECT id, "
        "subject_product || ' ' || facts || ' ' || demand, "
        "complainant_name || ' ' || complainant_address FROM cases_case",
    ]


# --- the query -------------------------------------------------------------------------------


def matching_sql(
    connection: BaseDatabaseWrapper, terms: list[str], *, personal: bool
) -> tuple[str, list[str]]:
    """A subquery of the ids of cases whose text holds every term (and, for `personal`
    readers, terms may match the name or address too), with its parameters."""
    patterns = [f"%{term}%" for term in terms]
    if connection.vendor == "postgresql":
        body, person, op, source, key = BODY_SQL, PERSONAL_SQL, "ILIKE", "cases_case", "id"
    else:
        body, person, op, source, key = "body", "personal", "LIKE", FTS_TABLE, "rowid"
    clauses, params = [], []
    for term, pattern in zip(terms, patterns, strict=True):
        if connection.vendor == "sqlite" and len(term) < 3:
            # FTS5's trigram index answers no rows for a pattern under three characters; as an
            # expression (not the bare column) the LIKE is checked on the rows found instead.
            body, person = "(body || '')", "(personal || '')"
        elif connection.vendor == "sqlite":
            body, person = "body", "personal"
        if personal:
            clauses.append(f"({body} {op} %s OR {person} {op} %s)")
            params += [pattern, pattern]
        else:
            clauses.append(f"{body} {op} %s")
            params.append(pattern)
    return f"SELECT {key} FROM {source} WHERE " + " AND ".join(clauses), params

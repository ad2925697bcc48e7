"""Full-text search of services: the words of a service's name, its description and the name
of the organization that runs it, found in the database's own full-text index.

* **SQLite**: an FTS5 index (Porter stemming, accents ignored) over a table of each service's
  text, ``directory_service_text``. Triggers on services and organizations keep that table in
  step, whoever writes (the ORUK import, the coordinators' form, the admin site, a bulk
  update), and triggers on it keep the FTS5 index in step (the "external content" pattern of
  the SQLite documentation).
* **PostgreSQL**: GIN indexes on ``to_tsvector('english', ...)`` of services and of
  organizations; nothing to keep in step. Suggestions (``matching_any``) read a stored copy of
  each service's words, the generated column ``search_vector`` with its own GIN index.

Categories and map cells are in the same index, as tokens (``tokens.py``): on SQLite a
fourth column, ``tokens``; on PostgreSQL the stored ``search_document`` of each service (its
words, its organization's and its tokens, with a GIN index), which ``matching`` reads instead
of the two expression indexes above (those stay, unused by it).

Each word typed must be found (in any of the three); a word also finds longer words that start
with it ("knit" finds "knitting"), and both indexes stem English ("walks" finds "walking").

Django's SQLite schema editor rebuilds a table to change most things about it, and dropping
the old table drops its triggers. A migration that alters ``directory_service``,
``directory_organization``, ``directory_attribute``, ``directory_location``,
``directory_serviceatlocation`` or ``directory_taxonomyterm`` must end with
``migrations.RunPython(fulltext.install, fulltext.uninstall)``, which puts the triggers back
and rebuilds the index; ``tests/directory/test_search.py`` fails until it does.
"""

import re
from uuid import UUID

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from . import tokens
from .models import Attribute

MAX_WORDS = 12

SQLITE_TRIGGERS = [
    "directory_service_text_ai",
    "directory_service_text_ad",
    "directory_service_text_au",
    "directory_service_fulltext_ai",
    "directory_service_fulltext_au",
    "directory_service_fulltext_ad",
    "directory_organization_fulltext_ai",
    "directory_organization_fulltext_au",
    "directory_organization_fulltext_ad",
    *tokens.SQLITE_TRIGGERS,
]

# Triggers name no table but their own and the index's tables: SQLite checks every trigger
# when Django renames a rebuilt table, and a trigger naming the table being rebuilt (which is
# missing at that moment) would stop the migration.
_ORGANIZATION_NAME = (
    "coalesce((SELECT name FROM directory_organization_text "
    "WHERE organization_id = new.organization_id), '')"
)
_FTS_COLUMNS = "name, description, organization, tokens"
# The words of a service, as a column filter: what is typed is never looked for in ``tokens``.
_WORDS = "{name description organization}"
_TOKENS = tokens.sqlite_tokens("new.id")

SQLITE_INSTALL = [
    """CREATE TABLE IF NOT EXISTS directory_organization_text (
        organization_id char(32) PRIMARY KEY,
        name text NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS directory_service_text (
        id integer PRIMARY KEY,
        service_id char(32) NOT NULL UNIQUE,
        organization_id char(32) NOT NULL,
        name text NOT NULL,
        description text NOT NULL,
        organization text NOT NULL,
        tokens text NOT NULL DEFAULT ''
    )""",
    """CREATE INDEX IF NOT EXISTS directory_service_text_organization
        ON directory_service_text (organization_id)""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_text_fts USING fts5(
        {_FTS_COLUMNS},
        content='directory_service_text', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER IF NOT EXISTS directory_service_text_ai
        AFTER INSERT ON directory_service_text BEGIN
        INSERT INTO directory_service_text_fts(rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.name, new.description, new.organization, new.tokens);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS directory_service_text_ad
        AFTER DELETE ON directory_service_text BEGIN
        INSERT INTO directory_service_text_fts(directory_service_text_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.name, old.description, old.organization, old.tokens);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS directory_service_text_au
        AFTER UPDATE ON directory_service_text BEGIN
        INSERT INTO directory_service_text_fts(directory_service_text_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.name, old.description, old.organization, old.tokens);
        INSERT INTO directory_service_text_fts(rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.name, new.description, new.organization, new.tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_organization_fulltext_ai
        AFTER INSERT ON directory_organization BEGIN
        INSERT OR REPLACE INTO directory_organization_text(organization_id, name)
        VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_organization_fulltext_au
        AFTER UPDATE OF id, name ON directory_organization BEGIN
        DELETE FROM directory_organization_text WHERE organization_id = old.id;
        INSERT OR REPLACE INTO directory_organization_text(organization_id, name)
        VALUES (new.id, new.name);
        UPDATE directory_service_text SET organization = new.name
        WHERE organization_id = new.id AND organization != new.name;
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_organization_fulltext_ad
        AFTER DELETE ON directory_organization BEGIN
        DELETE FROM directory_organization_text WHERE organization_id = old.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS directory_service_fulltext_ai
        AFTER INSERT ON directory_service BEGIN
        INSERT INTO directory_service_text(service_id, organization_id, {_FTS_COLUMNS})
        VALUES (new.id, new.organization_id, new.name, new.description, {_ORGANIZATION_NAME},
            {_TOKENS});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS directory_service_fulltext_au
        AFTER UPDATE OF id, name, description, organization_id ON directory_service BEGIN
        UPDATE directory_service_text
        SET service_id = new.id, organization_id = new.organization_id, name = new.name,
            description = new.description, organization = {_ORGANIZATION_NAME},
            tokens = {_TOKENS}
        WHERE service_id = old.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_service_fulltext_ad
        AFTER DELETE ON directory_service BEGIN
        DELETE FROM directory_service_text WHERE service_id = old.id;
    END""",
    *tokens.SQLITE_INSTALL,
    # (Re)build from what is there now.
    "DELETE FROM directory_service_text",
    *tokens.SQLITE_FILL,
    "DELETE FROM directory_organization_text",
    """INSERT INTO directory_organization_text(organization_id, name)
        SELECT id, name FROM directory_organization""",
    f"""INSERT INTO directory_service_text(service_id, organization_id, {_FTS_COLUMNS})
        SELECT s.id, s.organization_id, s.name, s.description, coalesce(o.name, ''),
            {tokens.sqlite_tokens("s.id")}
        FROM directory_service s LEFT JOIN directory_organization o ON o.id = s.organization_id""",
    "INSERT INTO directory_service_text_fts(directory_service_text_fts) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    *[f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS],
    "DROP TABLE IF EXISTS directory_service_text_fts",
    "DROP TABLE IF EXISTS directory_service_text",
    "DROP TABLE IF EXISTS directory_organization_text",
    *tokens.SQLITE_UNINSTALL,
]

# The indexed expressions, written once: a query uses an expression index only when it says
# the very same thing.
_PG_SERVICE = "to_tsvector('english'::regconfig, name || ' ' || description)"
_PG_ORGANIZATION = "to_tsvector('english'::regconfig, name)"
POSTGRES_INSTALL = [
    f"CREATE INDEX IF NOT EXISTS directory_service_fulltext ON directory_service "
    f"USING gin ({_PG_SERVICE})",
    f"CREATE INDEX IF NOT EXISTS directory_organization_fulltext ON directory_organization "
    f"USING gin ({_PG_ORGANIZATION})",
]
POSTGRES_UNINSTALL = [
    "DROP INDEX IF EXISTS directory_service_fulltext",
    "DROP INDEX IF EXISTS directory_organization_fulltext",
]


# A stored copy of each service's words, kept by PostgreSQL itself (a generated column), for
# suggestions: checking the words of every nearby service against many interest words reads
# them from here instead of working them out again for each service (``matching_any``). To
# change the type of ``name`` or ``description`` later, drop it first
# (``vector_uninstall``) and put it back after (``vector_install``).
POSTGRES_VECTOR_INSTALL = [
    f"ALTER TABLE directory_service ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS ({_PG_SERVICE}) STORED",
    "CREATE INDEX IF NOT EXISTS directory_service_search_vector ON directory_service "
    "USING gin (search_vector)",
]
POSTGRES_VECTOR_UNINSTALL = [
    "DROP INDEX IF EXISTS directory_service_search_vector",
    "ALTER TABLE directory_service DROP COLUMN IF EXISTS search_vector",
]


def vector_install(apps, schema_editor) -> None:
    """Add the stored words of services on PostgreSQL (a migration's ``RunPython``)."""
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRES_VECTOR_INSTALL)


def vector_uninstall(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRES_VECTOR_UNINSTALL)


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def tokens_install(apps, schema_editor) -> None:
    """Put categories and places in the index (``tokens.py``; a migration's ``RunPython``):
    on SQLite the index is made again with its new column, on PostgreSQL the stored
    document, its triggers and its GIN index are added."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UNINSTALL)
        _run(schema_editor, SQLITE_INSTALL)
    elif vendor == "postgresql":
        _run(schema_editor, tokens.POSTGRES_INSTALL)


def tokens_uninstall(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, tokens.POSTGRES_UNINSTALL)


def install(apps, schema_editor) -> None:
    """Create the full-text index for this database (a migration's ``RunPython``)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_INSTALL)


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UNINSTALL)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_UNINSTALL)


def words(text: str | None) -> list[str]:
    """The words of ``text`` the index can look for: letters and digits, lower case."""
    return re.findall(r"[^\W_]+", (text or "").lower())[:MAX_WORDS]


def indexed() -> bool:
    """Whether this database has the full-text index (with categories and places in it)."""
    return connection.vendor in ("sqlite", "postgresql")


def matching(
    text: str | None, *, categories: list[UUID] | None = None, cells: list[str] | None = None
) -> Q | None:
    """A condition on services: every word of ``text`` is in the service's name, its
    description or its organization's name; and, where this database has the index
    (``indexed``), the service has one of ``categories`` or a narrower term, and a place in
    one of ``cells`` (``tokens.cover``). None when there is nothing to ask.

    Without the index, ``categories`` and ``cells`` are not looked at: the caller asks for them
    another way."""
    found = words(text)
    if connection.vendor == "postgresql":
        return _postgres(found, categories, cells)
    if connection.vendor == "sqlite":
        parts = [f'{_WORDS} : "{word}"*' for word in found]
        if categories:
            parts.append("(" + " OR ".join(tokens.category_token(c) for c in categories) + ")")
        if cells:
            parts.append("(" + " OR ".join(cells) + ")")
        if not parts:
            return None
        ids = RawSQL(
            "SELECT t.service_id FROM directory_service_text t WHERE t.id IN ("
            "SELECT rowid FROM directory_service_text_fts "
            "WHERE directory_service_text_fts MATCH %s)",
            [" AND ".join(parts)],
        )
        return Q(pk__in=ids)
    return _anywhere(found) if found else None  # another database: no index, same answers


def _postgres(found: list[str], categories: list[UUID] | None, cells: list[str] | None) -> Q | None:
    # A stop word ("the", "and") has no lexeme, and a query of nothing matches nothing:
    # those words are left out, as PostgreSQL leaves them out of the index.
    lexical = []
    if found:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w FROM unnest(%s::text[]) AS w "
                "WHERE numnode(to_tsquery('english'::regconfig, w || ':*')) > 0",
                [found],
            )
            lexical = [row[0] for row in cursor.fetchall()]
    # The words typed among the words of the service and its organization (weight D), the
    # tokens among the tokens (weight A): one look in the index of the stored document. Only
    # a word that could find a token ("z", "zc...") is limited to weight D, which makes
    # PostgreSQL read each document found again (about a third of the time of a search).
    asked = [f"{word}:*D" if tokens.could_find_a_token(word) else f"{word}:*" for word in lexical]
    if categories:
        asked.append("(" + " | ".join(f"{tokens.category_token(c)}:A" for c in categories) + ")")
    if cells:
        asked.append("(" + " | ".join(f"{cell}:A" for cell in cells) + ")")
    if not asked:
        return None if not found else Q()
    document = RawSQL(
        '"directory_service"."search_document" @@ to_tsquery(\'english\'::regconfig, %s)',
        [" & ".join(asked)],
        output_field=BooleanField(),
    )
    return Q(document)


def _anywhere(found: list[str]) -> Q:
    condition = Q()
    for word in found:
        condition &= (
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return condition


def matching_any(found: list[str], *, categories: list | None = None) -> Q | None:
    """A condition on services: at least one of the words ``found`` (each also finding the
    longer words it starts) is in the service's name, description or organization's name,
    or it is listed under one of ``categories`` (taxonomy term ids). None when there are
    neither. For suggestions, where any interest may lead somewhere.

    On PostgreSQL the words are checked on each service the rest of the query leaves (its
    stored words, ``search_vector``), not looked up in the index first: interest words are
    common ones, and the services near someone are fewer than those with any of them."""
    found = [w for w in dict.fromkeys(w.lower() for w in found) if re.fullmatch(r"[^\W_]+", w)]
    listed = (
        Q(pk__in=Attribute.objects.filter(taxonomy_term__in=categories).values("service"))
        if categories
        else None
    )
    if not found:
        return listed
    if connection.vendor == "sqlite":
        query = " OR ".join(f'{_WORDS} : "{word}"*' for word in found)
        ids = RawSQL(
            "SELECT t.service_id FROM directory_service_text t WHERE t.id IN ("
            "SELECT rowid FROM directory_service_text_fts "
            "WHERE directory_service_text_fts MATCH %s)",
            [query],
        )
        return Q(pk__in=ids) | listed if listed else Q(pk__in=ids)
    if connection.vendor == "postgresql":
        query = " | ".join(f"{word}:*" for word in found)
        words = Q(
            RawSQL(
                '"directory_service"."search_vector" @@ to_tsquery(\'english\'::regconfig, %s)',
                [query],
                output_field=BooleanField(),
            )
        )
        return words | listed if listed else words
    condition = Q()
    for word in found:
        condition |= Q(name__icontains=word) | Q(description__icontains=word)
    return condition | listed if listed else condition

"""Categories and places as words of the full-text index, so that a search by words, a
category and a distance is answered by the index at once, instead of by going through
every service with the words to look at its categories and work out its distance.

Each service's index entry holds, besides its words, a token for each of its categories and
for the broader term of each (``category_token``), and a token for the cell of a coarse map
grid that each of its places is in, at each of a few sizes (``GRID_STEPS``). A search near a
point asks for any of the cells that cover the box around it (``cover``), at the finest size
that needs no more than ``MAX_CELLS`` of them; the exact distance is then worked out only for
the services found in those cells.

Tokens are letters and digits ending with a digit, so that neither database's tokenizer
splits or stems them; the words a coordinator types are looked for only among the words of
the service (a column filter on SQLite, weight D on PostgreSQL), never among the tokens.

A cell is the whole number of steps of ``GRID_STEPS`` micro-degrees (millionths of a degree)
below the latitude and the longitude: both databases and Python work it out in whole
numbers, from positions stored to six decimal places, so they always agree.

The databases keep the tokens in step themselves, whoever writes:

* **SQLite**: triggers copy what the tokens need from terms, attributes, locations and
  services at locations into small tables of their own (``directory_search_*``), and triggers
  on those recompute the ``tokens`` column of ``directory_service_text`` (``fulltext.py``).
  No trigger names a table Django may rebuild other than its own (see ``fulltext.py``).
* **PostgreSQL**: a stored ``tsvector``, ``directory_service.search_document`` (the words of
  the service and of its organization, and the tokens), with a GIN index. A trigger on the
  service sets it; statement triggers on attributes, services at locations, locations,
  organizations and terms touch the services whose document changed.
"""

import math
from uuid import UUID

from .distance import EARTH_RADIUS_KM

# The grid's cell sizes in micro-degrees: 0.01° (about 1.1 km north to south) to 0.32°.
GRID_STEPS = (10_000, 20_000, 40_000, 80_000, 160_000, 320_000)
MAX_CELLS = 40  # a search near a point asks for at most this many cells
_OFFSET = 100_000  # keeps cell numbers positive (no minus sign in a token)


def could_find_a_token(word: str) -> bool:
    """Whether ``word``, finding every word it starts, could find a token."""
    return any(word.startswith(p) or p.startswith(word) for p in _PREFIXES)


_PREFIXES = ("zc", "zg")


def category_token(term_id: UUID | str) -> str:
    return f"zc{UUID(str(term_id)).hex}0"


def cell_token(level: int, y: int, x: int) -> str:
    return f"zg{level}y{y + _OFFSET}x{x + _OFFSET}"


def cells_of(latitude, longitude) -> list[str]:
    """The tokens of the cells a place is in, one for each size (for tests)."""
    lat, lon = round(float(latitude) * 1_000_000), round(float(longitude) * 1_000_000)
    return [cell_token(level, lat // step, lon // step) for level, step in enumerate(GRID_STEPS, 1)]


def cover(lat: float, lon: float, within_km: float) -> list[str] | None:
    """The tokens of the fewest cells, all of one size, that cover the box around (lat, lon)
    that ``distance.box`` gives; None when even the largest cells need more than
    ``MAX_CELLS``. Covering a little more than the box is safe: distances are checked after."""
    dlat = math.degrees(within_km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    # Rounded outwards to whole micro-degrees (``distance.box`` rounds to six places).
    south, north = math.floor((lat - dlat) * 1e6) - 1, math.ceil((lat + dlat) * 1e6) + 1
    west, east = math.floor((lon - dlon) * 1e6) - 1, math.ceil((lon + dlon) * 1e6) + 1
    for level, step in enumerate(GRID_STEPS, 1):
        ys = range(south // step, north // step + 1)
        xs = range(west // step, east // step + 1)
        if len(ys) * len(xs) <= MAX_CELLS:
            return [cell_token(level, y, x) for y in ys for x in xs]
    return None


def _levels_sql() -> str:
    return " UNION ALL ".join(
        f"SELECT {level} AS level, {step} AS step" for level, step in enumerate(GRID_STEPS, 1)
    )


# SQLite ------------------------------------------------------------------------------------


def _floor_div(value: str) -> str:
    """``value`` // g.step in SQLite's whole numbers (whose / rounds towards zero)."""
    return f"(({value}) - ((({value}) % g.step) + g.step) % g.step) / g.step"


def sqlite_tokens(service: str) -> str:
    """The tokens of the service whose id is ``service``, from the copies alone."""
    y = _floor_div("p.latitude")
    x = _floor_div("p.longitude")
    return f"""coalesce((SELECT group_concat(token, ' ') FROM (
        SELECT 'zc' || c.term_id || '0' AS token FROM directory_search_category c
        WHERE c.service_id = {service}
        UNION SELECT 'zc' || t.parent_id || '0' FROM directory_search_category c
        JOIN directory_search_term t ON t.term_id = c.term_id
        WHERE c.service_id = {service} AND t.parent_id IS NOT NULL
        UNION SELECT 'zg' || g.level || 'y' || ({y} + {_OFFSET}) || 'x' || ({x} + {_OFFSET})
        FROM directory_search_at a JOIN directory_search_place p ON p.location_id = a.location_id
        CROSS JOIN ({_levels_sql()}) g
        WHERE a.service_id = {service} AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL
    )), '')"""


def _sqlite_refresh(services: str) -> str:
    return (
        f"UPDATE directory_service_text "
        f"SET tokens = {sqlite_tokens('directory_service_text.service_id')} "
        f"WHERE service_id IN ({services});"
    )


def _micro(column: str) -> str:
    return f"CAST(round({column} * 1000000) AS INTEGER)"


# (table, its copy, the copy's columns, what they are made of, the columns whose change
# matters, a condition on the row to copy)
_SQLITE_COPIES = [
    (
        "directory_taxonomyterm",
        "directory_search_term",
        "term_id, parent_id",
        "{r}.id, {r}.parent_id",
        "id, parent_id",
        None,
    ),
    (
        "directory_attribute",
        "directory_search_category",
        "attribute_id, service_id, term_id",
        "{r}.id, {r}.service_id, {r}.taxonomy_term_id",
        "id, service_id, taxonomy_term_id",
        "{r}.service_id IS NOT NULL",
    ),
    (
        "directory_location",
        "directory_search_place",
        "location_id, latitude, longitude",
        f"{{r}}.id, {_micro('{r}.latitude')}, {_micro('{r}.longitude')}",
        "id, latitude, longitude",
        None,
    ),
    (
        "directory_serviceatlocation",
        "directory_search_at",
        "at_id, service_id, location_id",
        "{r}.id, {r}.service_id, {r}.location_id",
        "id, service_id, location_id",
        None,
    ),
]
# Which services a change to a row of each copy touches, from that row ({r}: new or old).
_SQLITE_TOUCHED = {
    "directory_search_term": "SELECT service_id FROM directory_search_category "
    "WHERE term_id = {r}.term_id",
    "directory_search_category": "SELECT {r}.service_id",
    "directory_search_place": "SELECT service_id FROM directory_search_at "
    "WHERE location_id = {r}.location_id",
    "directory_search_at": "SELECT {r}.service_id",
}

SQLITE_TABLES = [
    """CREATE TABLE IF NOT EXISTS directory_search_term (
        term_id char(32) PRIMARY KEY, parent_id char(32))""",
    """CREATE TABLE IF NOT EXISTS directory_search_category (
        attribute_id char(32) PRIMARY KEY, service_id char(32) NOT NULL,
        term_id char(32) NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS directory_search_category_service "
    "ON directory_search_category (service_id)",
    "CREATE INDEX IF NOT EXISTS directory_search_category_term "
    "ON directory_search_category (term_id)",
    """CREATE TABLE IF NOT EXISTS directory_search_place (
        location_id char(32) PRIMARY KEY, latitude integer, longitude integer)""",
    """CREATE TABLE IF NOT EXISTS directory_search_at (
        at_id char(32) PRIMARY KEY, service_id char(32) NOT NULL,
        location_id char(32) NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS directory_search_at_service ON directory_search_at (service_id)",
    "CREATE INDEX IF NOT EXISTS directory_search_at_location ON directory_search_at (location_id)",
]


def _sqlite_triggers() -> dict[str, str]:
    triggers = {}
    for table, copy, columns, values, watched, condition in _SQLITE_COPIES:
        key = copy.removeprefix("directory_search_")
        new_values, old_key = values.format(r="new"), columns.split(",")[0]
        when = f" WHEN {condition.format(r='new')}" if condition else ""
        insert = f"INSERT OR REPLACE INTO {copy} ({columns}) SELECT {new_values}"
        insert += f" WHERE {condition.format(r='new')};" if condition else ";"
        triggers[f"directory_search_{key}_ai"] = f"AFTER INSERT ON {table}{when} BEGIN {insert} END"
        triggers[f"directory_search_{key}_au"] = (
            f"AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"DELETE FROM {copy} WHERE {old_key} = old.id; {insert} END"
        )
        triggers[f"directory_search_{key}_ad"] = (
            f"AFTER DELETE ON {table} BEGIN DELETE FROM {copy} WHERE {old_key} = old.id; END"
        )
        touched = _SQLITE_TOUCHED[copy]
        triggers[f"directory_search_{key}_tokens_ai"] = (
            f"AFTER INSERT ON {copy} BEGIN {_sqlite_refresh(touched.format(r='new'))} END"
        )
        triggers[f"directory_search_{key}_tokens_ad"] = (
            f"AFTER DELETE ON {copy} BEGIN {_sqlite_refresh(touched.format(r='old'))} END"
        )
    return triggers


SQLITE_TRIGGERS = _sqlite_triggers()
SQLITE_INSTALL = [
    *SQLITE_TABLES,
    *[f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in SQLITE_TRIGGERS.items()],
]
# Filled again from what is there (before the index is rebuilt from them).
SQLITE_FILL = [
    statement
    for table, copy, columns, values, _, condition in _SQLITE_COPIES
    for statement in (
        f"DELETE FROM {copy}",
        f"INSERT INTO {copy} ({columns}) SELECT {values.format(r=table)} FROM {table}"
        + (f" WHERE {condition.format(r=table)}" if condition else ""),
    )
]
SQLITE_UNINSTALL = [
    *[f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS],
    *[f"DROP TABLE IF EXISTS {copy}" for _, copy, *_ in _SQLITE_COPIES],
]


# PostgreSQL --------------------------------------------------------------------------------

_PG_TOKENS = f"""CREATE OR REPLACE FUNCTION directory_service_tokens(sid uuid) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(token, ' '), '') FROM (
        SELECT 'zc' || replace(a.taxonomy_term_id::text, '-', '') || '0' AS token
        FROM directory_attribute a WHERE a.service_id = sid
        UNION SELECT 'zc' || replace(t.parent_id::text, '-', '') || '0'
        FROM directory_attribute a JOIN directory_taxonomyterm t ON t.id = a.taxonomy_term_id
        WHERE a.service_id = sid AND t.parent_id IS NOT NULL
        UNION SELECT 'zg' || g.level || 'y'
            || (floor(l.latitude * 1000000 / g.step)::bigint + {_OFFSET}) || 'x'
            || (floor(l.longitude * 1000000 / g.step)::bigint + {_OFFSET})
        FROM directory_serviceatlocation sl
        JOIN directory_location l ON l.id = sl.location_id
        CROSS JOIN ({_levels_sql()}) g
        WHERE sl.service_id = sid AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    ) tokens
$$"""
_PG_DOCUMENT = """CREATE OR REPLACE FUNCTION directory_service_document_set() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        to_tsvector('english'::regconfig, NEW.name || ' ' || NEW.description)
        || to_tsvector('english'::regconfig, coalesce(
            (SELECT name FROM directory_organization WHERE id = NEW.organization_id), ''))
        || setweight(to_tsvector('simple'::regconfig, directory_service_tokens(NEW.id)), 'A');
    RETURN NEW;
END
$$"""
# For each table: the services whose document a change touches, from the transition tables
# (new_rows, old_rows) of each event.
_PG_TOUCHED = {
    "directory_attribute": {
        "INSERT": "SELECT service_id FROM new_rows",
        "UPDATE": "SELECT service_id FROM new_rows UNION SELECT service_id FROM old_rows",
        "DELETE": "SELECT service_id FROM old_rows",
    },
    "directory_serviceatlocation": {
        "INSERT": "SELECT service_id FROM new_rows",
        "UPDATE": "SELECT service_id FROM new_rows UNION SELECT service_id FROM old_rows",
        "DELETE": "SELECT service_id FROM old_rows",
    },
    "directory_location": {
        "UPDATE": "SELECT service_id FROM directory_serviceatlocation WHERE location_id IN ("
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        "WHERE (n.latitude, n.longitude) IS DISTINCT FROM (o.latitude, o.longitude))",
    },
    "directory_organization": {
        "UPDATE": "SELECT id FROM directory_service WHERE organization_id IN ("
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        "WHERE n.name IS DISTINCT FROM o.name)",
    },
    "directory_taxonomyterm": {
        "UPDATE": "SELECT service_id FROM directory_attribute WHERE taxonomy_term_id IN ("
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        "WHERE n.parent_id IS DISTINCT FROM o.parent_id)",
    },
}
_TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
PG_TRIGGERS = [
    (f"{table}_document_{event.lower()}", table)
    for table, events in _PG_TOUCHED.items()
    for event in events
]


def _pg_touch(table: str, event: str, touched: str) -> list[str]:
    name = f"{table}_document_{event.lower()}"
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE directory_service SET search_document = NULL
            WHERE id IN (SELECT x.id FROM ({touched}) AS x(id) WHERE x.id IS NOT NULL);
            RETURN NULL;
        END
        $$""",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {_TRANSITIONS[event]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


POSTGRES_INSTALL = [
    "ALTER TABLE directory_service ADD COLUMN IF NOT EXISTS search_document tsvector",
    _PG_TOKENS,
    _PG_DOCUMENT,
    "DROP TRIGGER IF EXISTS directory_service_document ON directory_service",
    "CREATE TRIGGER directory_service_document BEFORE INSERT OR UPDATE ON directory_service "
    "FOR EACH ROW EXECUTE FUNCTION directory_service_document_set()",
    *[
        statement
        for table, events in _PG_TOUCHED.items()
        for event, touched in events.items()
        for statement in _pg_touch(table, event, touched)
    ],
    "UPDATE directory_service SET search_document = NULL",  # every document, from now
    "CREATE INDEX IF NOT EXISTS directory_service_document ON directory_service "
    "USING gin (search_document)",
]
POSTGRES_UNINSTALL = [
    *[f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in PG_TRIGGERS],
    *[f"DROP FUNCTION IF EXISTS {name}()" for name, _ in PG_TRIGGERS],
    "DROP TRIGGER IF EXISTS directory_service_document ON directory_service",
    "DROP FUNCTION IF EXISTS directory_service_document_set()",
    "DROP FUNCTION IF EXISTS directory_service_tokens(uuid)",
    "DROP INDEX IF EXISTS directory_service_document",
    "ALTER TABLE directory_service DROP COLUMN IF EXISTS search_document",
]

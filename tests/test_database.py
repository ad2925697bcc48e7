"""The database settings: on SQLite the web server and the background worker write to one
file at the same time (./run), and neither may fail with "database is locked"."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking only: PostgreSQL locks rows"
)


@pytest.fixture(autouse=True)
def files_of_our_own(django_db_blocker):
    """These tests open their own database files, not the test database."""
    with django_db_blocker.unblock():
        yield


def _connect(path, alias: str) -> DatabaseWrapper:
    """A connection (in this thread) to the file at ``path`` with the project's own SQLite
    settings, known to Django as ``alias`` so that ``transaction.atomic`` works as in a view."""
    config = {**settings.DATABASES["default"], "NAME": str(path)}
    config.setdefault("TIME_ZONE", None)
    config.setdefault("CONN_MAX_AGE", 0)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    config.setdefault("AUTOCOMMIT", True)
    wrapper = DatabaseWrapper(config, alias=alias)
    wrapper.ensure_connection()
    connections[alias] = wrapper
    return wrapper


def _rows(cursor) -> list[int]:
    cursor.execute("SELECT n FROM t ORDER BY n")
    return [n for (n,) in cursor.fetchall()]


def test_sqlite_writes_ahead_to_a_log(tmp_path):
    db = _connect(tmp_path / "alongside.sqlite3", "wal")
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    db.close()


def test_a_transaction_that_reads_then_writes_waits_for_another_writer(tmp_path):
    """What adding a user in /admin/ does (read, then write, in one transaction) while the
    worker saves an import: it waits for the worker and then succeeds."""
    path = tmp_path / "alongside.sqlite3"
    setup = _connect(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n integer)")
        cursor.execute("INSERT INTO t VALUES (0)")
    setup.close()
    worker_writing, admin_reading = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def worker() -> None:
        db = _connect(path, "worker")
        try:
            admin_reading.wait(5)
            with transaction.atomic(using="worker"), db.cursor() as cursor:
                cursor.execute("INSERT INTO t VALUES (1)")
                worker_writing.set()
                time.sleep(0.5)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            db.close()

    thread = threading.Thread(target=worker)
    thread.start()
    admin = _connect(path, "admin")
    try:
        with transaction.atomic(using="admin"), admin.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            admin_reading.set()
            worker_writing.wait(0.2)
            cursor.execute("INSERT INTO t VALUES (2)")
        thread.join()
        with admin.cursor() as cursor:
            assert sorted(_rows(cursor)) == [0, 1, 2]
    finally:
        admin.close()
        thread.join()
    assert errors == []

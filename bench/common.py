"""What the benchmarks share: a database to work in, and a log of the SQL a request runs."""

import os
import statistics
import tempfile
import warnings
from pathlib import Path


class QueryLog(list):
    """An execute wrapper that keeps every SQL statement a request runs."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def set_up_django() -> None:
    """Django, on DATABASE_URL when set (a database the benchmark may empty), otherwise on a
    temporary SQLite file; with the test environment (for the test client)."""
    if not os.environ.get("DATABASE_URL"):
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.settings")

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")


def p50_p95(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]

"""Browser tests: Playwright (sync API) driving Debian's Chromium at /usr/bin/chromium.

Every test in this folder is marked ``browser``; ``./test`` runs them on their own, after the
rest of the suite, with ``pytest -m browser tests/browser``. Playwright never downloads a
browser here: ``./test`` installs Debian's ``chromium`` package when it is missing.

Fixtures:
    browser     one headless Chromium for the whole session
    page        a fresh context and page per test: 1280x900, en-GB, 10 s default timeout
    screenshot  ``screenshot("name")`` saves a full-page PNG of ``page`` as
                test-artifacts/screenshots/name.png and returns its path

A test that fails also leaves a screenshot of its page in test-artifacts/screenshots/failed/.
Tests use pytest-django's ``live_server`` (which implies ``transactional_db``) for the site.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

# Playwright's sync API runs an event loop in the test's thread, so Django would refuse
# database access from the test itself without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000

BROWSER_TESTS = Path(__file__).resolve().parent
SCREENSHOTS = BROWSER_TESTS.parent.parent / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as a browser test (this hook sees all items)."""
    for item in items:
        if BROWSER_TESTS in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Keep each phase's report on the test item, so that ``page`` can tell a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "screenshot"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: ./test installs Debian's chromium package")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        failed = SCREENSHOTS / "failed"
        failed.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=failed / f"{_file_name(request.node.nodeid)}.png", full_page=True)
        except Exception as error:  # a failure screenshot must never hide the test's failure
            print(f"Could not save a screenshot of the failed test: {error}")
    context.close()


@pytest.fixture
def screenshot(page: Page) -> Callable[[str], Path]:
    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{_file_name(name)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


# What the data migrations put in the database: gone after a browser test (``live_server``
# empties every table when it ends), so put back before the next one.
SEEDS = [
    ("people", "0002_gift_vocabulary", "add_terms", "people.GiftTerm"),
    ("people", "0006_introducer_messages", "seed_templates", "people.MessageTemplate"),
    ("outcomes", "0002_seed_unit_costs_and_domains", "seed", "outcomes.UnitCost"),
    ("impact", "0002_green_book_and_wellby", "add", "impact.FinancialProxy"),
]


@pytest.fixture(autouse=True)
def seeded(transactional_db) -> None:
    import importlib

    from django.apps import apps

    for app, migration, function, model in SEEDS:
        if not apps.get_model(model).objects.exists():
            module = importlib.import_module(f"alongside.{app}.migrations.{migration}")
            getattr(module, function)(apps, None)

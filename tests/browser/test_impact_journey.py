"""The impact dashboard as a commissioner sees it, in a real browser: every count from 1 to 4
hidden and none of them can be worked out from what the page shows; the PDF report
downloaded and its first page drawn (pdftoppm) for a person to look at."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alongside.accounts.models import Area, Role, Team
from alongside.people.models import Person
from tests.browser.test_connections_journey import sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")


def test_a_commissioner_sees_no_small_number_and_downloads_the_report(
    live_server, page: Page, screenshot
):
    team = Team.objects.create(name="South")
    hunslet = Area.objects.create(name="Hunslet", team=team, postcode_districts="LS10")
    beeston = Area.objects.create(name="Beeston", team=team, postcode_districts="LS11")
    # Hunslet: 7 new, 35 supported, 5 not now, 4 stepped back (51); Beeston: 2 new, 20 supported.
    for area, counts in [
        (hunslet, {"new": 7, "active": 35, "not_now": 5, "stepped_back": 4}),
        (beeston, {"new": 2, "active": 20}),
    ]:
        for status, n in counts.items():
            for i in range(n):
                Person.objects.create(
                    full_name=f"{area.name} {status} {i}", area=area, status=status
                )
    make_user("graham@example.org", role=Role.COMMISSIONER)

    sign_in(page, live_server, "graham@example.org")
    expect(page.get_by_role("heading", name="Impact", exact=True)).to_be_visible()
    people = page.locator("section", has=page.get_by_role("heading", name="People, by area"))
    rows = people.locator("tbody tr")
    cells = {
        rows.nth(i).locator("th").inner_text(): [
            c.strip() for c in rows.nth(i).locator("td").all_inner_texts()
        ]
        for i in range(rows.count())
    }
    # The 4 and 5 hidden; then the 2 new in Beeston, and with it its 20 (their row adds up to
    # 22) and Hunslet's 7 (the column of new introductions adds up to 9), and so on.
    assert cells["Beeston"] == ["hidden", "hidden", "0", "0", "22"]
    assert cells["Hunslet"] == ["hidden", "hidden", "hidden", "hidden", "51"]
    for row in cells.values():  # nothing from 1 to 4 anywhere in the table
        assert not any(re.fullmatch(r"[1-4]", c) for c in row)
    # ... nor in any table on the page
    for text in page.locator("td").all_inner_texts():
        assert not re.fullmatch(r"[1-4]", text.strip().replace(",", "")), text
    assert "Hunslet stepped_back" not in page.content()
    screenshot("impact-01-dashboard")

    # The report is made in the background (here, at once): its page links to the file.
    page.get_by_role("button", name=re.compile("Make the report")).click()
    expect(page.get_by_role("heading", name="PDF report", exact=True)).to_be_visible()
    expect(page.get_by_text("Ready", exact=True)).to_be_visible()
    screenshot("impact-02-report-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF report").click()
    pdf = download.value
    path = screenshot("impact-03-before-pdf").parent / "impact-report.pdf"
    pdf.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    first = path.with_name("impact-report-page-1")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(first),
        ],
        check=True,
    )
    assert first.with_suffix(".png").stat().st_size > 10_000

    # The period changes what is counted: a year ago nobody was introduced.
    start = (timezone.localdate() - timedelta(days=800)).isoformat()
    end = (timezone.localdate() - timedelta(days=500)).isoformat()
    page.goto(f"{live_server.url}/impact/?start={start}&end={end}")
    section = page.locator("section", has=page.get_by_role("heading", name="by how they arrived"))
    expect(section.get_by_text("None in this period.")).to_be_visible()

"""An administrator's feed import never reaches this server or a private network, directly
or by a redirect (server-side request forgery)."""

import http.server
import threading

import pytest

from alongside.directory.importing import feed
from alongside.directory.importing.records import ImportAborted


@pytest.fixture(autouse=True)
def refuse_private(settings):
    settings.DIRECTORY_IMPORT_PRIVATE = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/oruk/services",
        "http://localhost/admin/",
        "http://[::1]/",
        "http://10.0.0.5/services",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "http://0.0.0.0/",
        "http://[fd00::1]/",
    ],
)
def test_a_private_address_is_refused_before_asking(url):
    with pytest.raises(ImportAborted, match="on this server or a private network"):
        feed.fetch_json(url, timeout=1)


def test_a_redirect_to_a_private_address_is_not_followed(monkeypatch):
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = f"http://127.0.0.1:{server.server_port}/services"
    checked = []
    real = feed.public_address

    def only_the_redirect(url):  # the test's own server is on 127.0.0.1: let that one by
        checked.append(url)
        if url != start:
            real(url)

    monkeypatch.setattr(feed, "public_address", only_the_redirect)
    try:
        with pytest.raises(ImportAborted, match="on this server or a private network"):
            feed.fetch_json(start, timeout=5)
    finally:
        server.shutdown()
    assert checked == [start, "http://169.254.169.254/latest/meta-data/"]


def test_a_name_that_does_not_resolve_says_so():
    with pytest.raises(ImportAborted, match="could not be reached"):
        feed.fetch_json("http://no-such-host.invalid/services", timeout=1)

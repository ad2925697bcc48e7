import pytest

from tests.directory.test_import import feed_server


@pytest.fixture
def feed():
    """An ORUK feed on 127.0.0.1 for the test (``test_import.Feed``)."""
    with feed_server() as served:
        yield served

"""The feed checker: a report on a directory in the Open Referral UK validator's terms, for
Alongside's own ``/oruk`` and for every imported source.

* ``reading``: how a feed is read (over HTTP with the importer's client, or our own API
  through Django's request handling).
* ``schemas``: the ORUK 3.0 JSON schemas.
* ``levels``: the validator's Level 1 (required) and Level 2 (optional endpoints, search
  parameters) tests.
* ``quality``: the checks of each record and its score.
* ``run``: running a check and keeping it (``FeedCheck``); ``directory/tasks.py`` queues
  checks for the worker, and keeps the schedule.
"""

from .run import (
    UnknownSource,
    check_target,
    feed_check,
    feed_check_execute,
    feed_check_start,
)

__all__ = [
    "UnknownSource",
    "check_target",
    "feed_check",
    "feed_check_execute",
    "feed_check_start",
]

"""Importing another directory: an Open Referral UK feed (3.0, or the 1.0 many councils still
publish) or HSDS 3.0 files (JSON, or a CSV data package; a 1.1 package is read as 1.1).

An import has two phases:

1. **Read and check** (``feed``, ``oruk1``, ``hsds_json``, ``hsds_csv``, ``hsds11``,
   ``checks``): fetch or read everything, turn each record into ORUK 3.0 JSON and check it.
   Nothing is saved yet.
2. **Save** (``run.save_batch``): save every record that passed in one database transaction,
   through ``writer.OrukWriter``, matching records by the source's name and their id there.
   A re-import of the same source updates records in place; it never duplicates them.

What happens when something is wrong:

* **A problem with the source as a whole** — the server cannot be reached, does not answer in
  time, answers with an error or with something that is not JSON or CSV, or its pages do not
  add up (totals that change, a page missing, fewer or more services than it says) — stops
  the import (``ImportAborted``, with a message saying what and where). Nothing is changed:
  a feed that cannot be read completely cannot be trusted to be right.
* **A problem with one record** — no name, a bad email or web address, no id or a duplicated
  one, or anything the save functions refuse — rejects that record. It is listed in the
  report with its id, name and the reason, and the other records are imported. Each record is
  saved whole or not at all (the writer undoes what a refused record changed), and the records
  that passed are saved all together or not at all: nothing is ever half-applied.
* **Check only** (``dry_run``) runs both phases and undoes the transaction at the end, so the
  report says exactly what an import would create, update, leave unchanged and reject.
"""

from .records import ImportAborted, ImportReport, Rejected
from .run import directory_import, import_run_execute, import_run_start

__all__ = [
    "ImportAborted",
    "ImportReport",
    "Rejected",
    "directory_import",
    "import_run_execute",
    "import_run_start",
]

"""One PyIceberg writer appending to a shared table while others do the same.

Usage: catalog_concurrent_writer.py <catalog-uri> <credential> <table> <writer> <appends> [start-at]
`start-at` (epoch seconds) lines the writers up: each waits for it after loading the table.
PyIceberg retries a commit that gets a 409 (CommitFailedException) itself,
logging each retry; those are counted as `retried_409s`. An append whose
retries run out is retried here after a refresh (`conflicts`).
Prints {"committed": [...snapshot ids], "retried_409s": n, "conflicts": n, "rows": n}.
"""

import json
import logging
import sys
import time

import pyarrow as pa
from pyiceberg.catalog import load_catalog
from pyiceberg.exceptions import CommitFailedException

class RetryCounter(logging.Handler):
    """Counts PyIceberg's "Commit failed due to a concurrent update, retrying" log records."""

    count = 0

    def emit(self, record):
        if "concurrent update" in record.getMessage():
            RetryCounter.count += 1


logging.getLogger().addHandler(RetryCounter())
logging.getLogger().setLevel(logging.WARNING)

uri, credential, identifier, writer, appends = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
catalog = load_catalog(writer, type="rest", uri=uri, credential=credential)
table = catalog.load_table(identifier)
if len(sys.argv) > 6:
    time.sleep(max(0.0, float(sys.argv[6]) - time.time()))
committed, conflicts = [], 0
for i in range(appends):
    rows = pa.table({"writer": pa.array([writer, writer], pa.string()), "seq": pa.array([i, i], pa.int64())})
    for attempt in range(50):
        try:
            table.append(rows)
            committed.append(str(table.current_snapshot().snapshot_id))
            break
        except CommitFailedException:
            conflicts += 1
            table = catalog.load_table(identifier)
    else:
        raise SystemExit(f"{writer}: append {i} still conflicting after 50 attempts")
print(json.dumps({"committed": committed, "retried_409s": RetryCounter.count, "conflicts": conflicts, "rows": 2 * appends}))

"""One PyIceberg writer appending to a shared table while others do the same.

Usage: catalog_concurrent_writer.py <catalog-uri> <credential> <table> <writer> <appends>
Each append that gets a 409 (CommitFailedException) is retried after a refresh,
as a client must. Prints {"committed": [...snapshot ids], "conflicts": n, "rows": n}.
"""

import json
import sys

import pyarrow as pa
from pyiceberg.catalog import load_catalog
from pyiceberg.exceptions import CommitFailedException

uri, credential, identifier, writer, appends = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
catalog = load_catalog(writer, type="rest", uri=uri, credential=credential)
table = catalog.load_table(identifier)
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
print(json.dumps({"committed": committed, "conflicts": conflicts, "rows": 2 * appends}))

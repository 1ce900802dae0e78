"""Reads a table whose files sit under three partition specs (hour, day,
month: moved there by tierPartitions, manifests merged by rewriteManifests)
with PyIceberg and DuckDB's iceberg extension, and prints as JSON: the event
ids each one sees, the partition field of every file PyIceberg plans, and how
many files PyIceberg plans for a time filter (pruning across specs).

Usage: read_tiered.py <metadata.json> <from ISO-8601> <to ISO-8601>
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "tests", "python"))

from duckdb_offline import connect  # noqa: E402
from pyiceberg.expressions import And, GreaterThanOrEqual, LessThan  # noqa: E402
from pyiceberg.table import StaticTable  # noqa: E402

metadata, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
table = StaticTable.from_metadata(metadata)
specs = table.metadata.specs()
files = sorted(
    f"{specs[t.file.spec_id].fields[0].name}={t.file.partition[0]}" for t in table.scan().plan_files()
)
window = table.scan(row_filter=And(GreaterThanOrEqual("ts", start), LessThan("ts", end)))
print(
    json.dumps(
        {
            "pyiceberg": sorted(r["event_id"] for r in table.scan().to_arrow().to_pylist()),
            "duckdb": sorted(r[0] for r in connect().execute(f"SELECT event_id FROM iceberg_scan('{metadata}')").fetchall()),
            "files": files,
            "windowFiles": len(list(window.plan_files())),
            "windowRows": sorted(r["event_id"] for r in window.to_arrow().to_pylist()),
        }
    )
)

"""Reads tables that have delete files (written by @analytics/iceberg) with
PyIceberg and with DuckDB's iceberg extension, and prints the event ids each
one sees, as JSON on stdout. PyIceberg 0.12 reads position deletes but
refuses equality deletes, so the second table is read by DuckDB only.

Usage: read_with_deletes.py <position-deletes metadata.json> <with-equality-deletes metadata.json>
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "tests", "python"))

from duckdb_offline import connect  # noqa: E402
from pyiceberg.table import StaticTable  # noqa: E402

positional, equality = sys.argv[1], sys.argv[2]
con = connect()


def duckdb_ids(metadata):
    return sorted(r[0] for r in con.execute(f"SELECT event_id FROM iceberg_scan('{metadata}')").fetchall())


def pyiceberg_ids(metadata):
    return sorted(r["event_id"] for r in StaticTable.from_metadata(metadata).scan().to_arrow().to_pylist())


print(
    json.dumps(
        {
            "positional": {"pyiceberg": pyiceberg_ids(positional), "duckdb": duckdb_ids(positional)},
            "equality": {"duckdb": duckdb_ids(equality)},
        }
    )
)

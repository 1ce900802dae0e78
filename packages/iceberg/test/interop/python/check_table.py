"""Reads tables written by @analytics/iceberg with real readers and reports
what they saw, as JSON on stdout (the vitest test compares it):

- PyIceberg (StaticTable.from_metadata) and DuckDB's iceberg extension
  (iceberg_scan on the metadata file) rows for every snapshot;
- PyIceberg plan_files under filters, to show pruning;
- for every data file, the bounds PyIceberg decodes from our manifests next
  to the true min/max pyarrow computes from the Parquet file itself;
- the concurrent-writers table: snapshot count and row count;
- the table after maintenance (compaction, manifest rewrite, expiry, orphan
  removal): its snapshots, rows and data files.

Usage: check_table.py <input.json>
"""
import datetime
import decimal
import json
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "tests", "python"))

import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from duckdb_offline import connect  # noqa: E402
from pyiceberg.conversions import from_bytes  # noqa: E402
from pyiceberg.expressions import EqualTo, GreaterThanOrEqual  # noqa: E402
from pyiceberg.table import StaticTable  # noqa: E402
from pyiceberg.types import PrimitiveType  # noqa: E402

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def norm(v):
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        return (v - EPOCH) // datetime.timedelta(microseconds=1)
    if isinstance(v, datetime.date):
        return (v - datetime.date(1970, 1, 1)).days
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, (bytes, bytearray)) and len(v) == 16:
        return str(uuid.UUID(bytes=bytes(v)))
    if isinstance(v, dict):
        if set(v.keys()) == {"key", "value"} and isinstance(v["key"], list):
            return {k: norm(x) for k, x in sorted(zip(v["key"], v["value"]))}
        return {str(k): norm(x) for k, x in sorted(v.items())}
    if isinstance(v, list):
        if v and all(isinstance(x, tuple) and len(x) == 2 for x in v):
            return {str(k): norm(x) for k, x in sorted(v)}
        return [norm(x) for x in v]
    return v


def norm_rows(rows):
    out = []
    for r in rows:
        out.append({k: norm(v) for k, v in r.items() if v is not None})
    return sorted(out, key=lambda r: r["event_id"])


def main():
    spec = json.load(open(sys.argv[1]))
    result = {"pyiceberg": {}, "duckdb": {}, "duckdbErrors": {}}
    table = StaticTable.from_metadata(spec["metadata"])
    con = connect()
    for snap in spec["snapshots"]:
        sid = int(snap)
        result["pyiceberg"][snap] = norm_rows(table.scan(snapshot_id=sid).to_arrow().to_pylist())
        try:
            cur = con.execute(
                # epoch_us: fetching TIMESTAMPTZ into Python would need pytz, which the tool env lacks.
                f"SELECT * REPLACE (epoch_us(ts) AS ts) FROM iceberg_scan('{spec['metadata']}', snapshot_from_id => {sid})"
            )
            cols = [d[0] for d in cur.description]
            result["duckdb"][snap] = norm_rows([dict(zip(cols, row)) for row in cur.fetchall()])
        except Exception as e:  # reported, and the test fails on it
            result["duckdbErrors"][snap] = str(e)

    # Pruning as PyIceberg plans it.
    total = len(list(table.scan().plan_files()))
    later = len(list(table.scan(row_filter=GreaterThanOrEqual("ts", spec["laterThan"])).plan_files()))
    one = len(list(table.scan(row_filter=EqualTo("event_id", spec["oneEventId"])).plan_files()))
    result["planFiles"] = {"total": total, "laterThan": later, "oneEvent": one}

    # Bounds PyIceberg reads from our manifests vs the true min/max of each file's data.
    schema = table.schema()
    checked, mismatches, types = 0, [], set()
    for task in table.scan().plan_files():
        df = task.file
        data = pq.read_table(df.file_path)
        for field in schema.fields:
            if not isinstance(field.field_type, PrimitiveType):
                continue
            if field.name not in data.column_names:
                continue
            column = data.column(field.name)
            if column.null_count == len(column):
                continue
            mm = pc.min_max(column)
            true_min, true_max = norm(mm["min"].as_py()), norm(mm["max"].as_py())
            lower = df.lower_bounds.get(field.field_id) if df.lower_bounds else None
            upper = df.upper_bounds.get(field.field_id) if df.upper_bounds else None
            got_min = norm(from_bytes(field.field_type, lower)) if lower is not None else None
            got_max = norm(from_bytes(field.field_type, upper)) if upper is not None else None
            if str(field.field_type) == "float":
                true_min, true_max = float(true_min), float(true_max)
            checked += 1
            types.add(str(field.field_type))
            if got_min != true_min or got_max != true_max:
                mismatches.append({"file": df.file_path, "column": field.name, "bounds": [got_min, got_max], "true": [true_min, true_max]})
    result["bounds"] = {"checked": checked, "types": sorted(types), "mismatches": mismatches}

    if spec.get("concurrent"):
        ct = StaticTable.from_metadata(spec["concurrent"])
        result["concurrent"] = {
            "snapshots": len(ct.metadata.snapshots),
            "rows": ct.scan().to_arrow().num_rows,
            "duckdbRows": con.execute(f"SELECT count(*) FROM iceberg_scan('{spec['concurrent']}')").fetchone()[0],
        }
    if spec.get("maintained"):
        mt = StaticTable.from_metadata(spec["maintained"])
        result["maintained"] = {
            "snapshots": len(mt.metadata.snapshots),
            "ids": sorted(r["event_id"] for r in mt.scan().to_arrow().to_pylist()),
            "duckdbIds": sorted(r[0] for r in con.execute(f"SELECT event_id FROM iceberg_scan('{spec['maintained']}')").fetchall()),
            "files": len(list(mt.scan().plan_files())),
        }
    if spec.get("empty"):
        et = StaticTable.from_metadata(spec["empty"])
        result["empty"] = {"pyiceberg": et.scan().to_arrow().num_rows}
        try:
            result["empty"]["duckdb"] = con.execute(f"SELECT count(*) FROM iceberg_scan('{spec['empty']}')").fetchone()[0]
        except Exception as e:  # reported, and the test fails on it
            result["empty"]["duckdb"] = str(e)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
